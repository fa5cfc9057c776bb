#pragma once
// The persistent queue of outgoing transfers (<data folder>/queue.sqlite). Every send is a
// job: a destination node and its instances, each pending, sent (confirmed by a success
// status) or failed (refused by the peer). A job survives a restart or a kill -9; an
// interrupted association is retried with backoff and resumes with the instances not yet
// confirmed, so each reaches the receiver once (a resend after a lost confirmation is an
// identical duplicate, which a receiver's archive skips).

#include "DicomClient.h"
#include "NodeBook.h"
#include "common/Result.h"
#include "common/SqliteDatabase.h"

#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace telerad {

enum class JobState { Queued, Running, Paused, Done, Failed, Cancelled };
QString jobStateName(JobState state);

struct JobInfo {
    qint64 id = 0;
    QString destination, description, createdAt, lastError;
    JobState state = JobState::Queued;
    int attempts = 0;
    int total = 0, sent = 0, failed = 0;
    qint64 bytesTotal = 0, bytesSent = 0;
    int pending() const { return total - sent - failed; }
};

/// Progress of a running job, for monitors: instances and bytes so far. Called from the
/// queue's worker threads, one call at a time.
using JobProgressCallback = std::function<void(const JobInfo&)>;

struct RetryPolicy {
    int maxAttempts = 8;            ///< associations tried before the job is marked failed
    int firstDelayMs = 500;         ///< doubled after each failed attempt...
    int maxDelayMs = 30000;         ///< ...up to this
};

class TransferQueue {
public:
    static Result<TransferQueue> open(const QString& dataFolderRoot);

    /// A new queued job sending `instances` to the node named `destination`; `amendment`
    /// (serializeDataset) is merged into each instance on the way out.
    Result<qint64> enqueue(const QString& destination, const std::vector<InstanceRef>& instances,
                           const QString& description, const QByteArray& amendment = {}) const;

    Result<JobInfo> job(qint64 id) const;
    Result<std::vector<JobInfo>> jobs() const;
    /// Jobs that still have work: queued, or running when the process that ran them died.
    Result<std::vector<qint64>> unfinishedJobs() const;

    /// The instances of a job that the peer refused (or that could not be read), with why.
    struct FailedItem {
        QString sopInstanceUid, file, error;
    };
    Result<std::vector<FailedItem>> failedItems(qint64 id) const;

    Status pause(qint64 id) const;
    /// Back to queued as it stands (a job stopped because its runner is quitting).
    Status requeue(qint64 id) const;
    Status cancel(qint64 id) const;
    /// Puts a failed, paused or cancelled job back in the queue, failed instances included.
    Status retry(qint64 id) const;

    /// Sends the job's pending instances, retrying interrupted associations per `policy`,
    /// until all are confirmed or refused, the attempts run out, or `stop` is set.
    /// Returns the job's final state.
    Result<JobInfo> run(qint64 id, const NodeBook& book, const RetryPolicy& policy = {},
                        const JobProgressCallback& progress = {}, const std::atomic_bool* stop = nullptr) const;

private:
    explicit TransferQueue(SqliteDatabase database) : m_database(std::move(database)) {}
    /// One audit record per study the ended job carried, with what reached `node`.
    void auditJobEnd(const JobInfo& job, const Node& node) const;
    /// One round of sending the pending instances, over one or more associations at once;
    /// an error when an association failed.
    Status attempt(qint64 id, const NodeBook& book, const Node& node, const JobProgressCallback& progress,
                   const std::atomic_bool* stop) const;
    Status sendOverOneAssociation(qint64 id, const NodeBook& book, const Node& node, const std::vector<InstanceRef>& instances,
                                  const std::function<void()>& instanceDone, const std::atomic_bool* stop) const;
    Status sendWithRetries(qint64 id, const NodeBook& book, const Node& node, const RetryPolicy& policy,
                           const JobProgressCallback& progress, const std::atomic_bool* stop) const;
    Status setState(qint64 id, JobState state, const QString& error = {}) const;
    Result<std::unique_ptr<DcmDataset>> jobAmendment(qint64 id) const;  ///< null when the job has none
    Result<JobInfo> finish(qint64 id, JobState state, const QString& error = {}) const;

    SqliteDatabase m_database;
};

}  // namespace telerad
