#include "TransferQueue.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "common/Logging.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace telerad {

namespace {

constexpr int kSchemaVersion = 3;

const char* const kStateNames[] = {"queued", "running", "paused", "done", "failed", "cancelled"};

JobState parseState(const QString& name) {
    for (int i = 0; i < 6; ++i)
        if (name == QLatin1String(kStateNames[i])) return static_cast<JobState>(i);
    return JobState::Failed;
}

bool processAlive(qint64 pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

const QString kJobColumns = QStringLiteral(
    "SELECT j.id, j.destination, j.description, j.created_at, j.state, j.attempts, j.last_error, "
    "count(i.sop_uid), sum(i.state = 'sent'), sum(i.state = 'failed'), coalesce(sum(i.bytes), 0), "
    "coalesce(sum(CASE WHEN i.state = 'sent' THEN i.bytes ELSE 0 END), 0) "
    "FROM jobs j LEFT JOIN job_items i ON i.job = j.id ");

JobInfo jobFromRow(const QStringList& r) {
    JobInfo job;
    job.id = r[0].toLongLong();
    job.destination = r[1];
    job.description = r[2];
    job.createdAt = r[3];
    job.state = parseState(r[4]);
    job.attempts = r[5].toInt();
    job.lastError = r[6];
    job.total = r[7].toInt();
    job.sent = r[8].toInt();
    job.failed = r[9].toInt();
    job.bytesTotal = r[10].toLongLong();
    job.bytesSent = r[11].toLongLong();
    return job;
}

}  // namespace

QString jobStateName(JobState state) { return QString::fromLatin1(kStateNames[static_cast<int>(state)]); }

Result<TransferQueue> TransferQueue::open(const QString& dataFolderRoot) {
    auto database = SqliteDatabase::open(dataFolderRoot + QStringLiteral("/queue.sqlite"),
                                         QStringLiteral(":/telerad/core/net/queue-v3.sql"), kSchemaVersion,
                                         {QStringLiteral(":/telerad/core/net/queue-migrate-to-v2.sql"),
                                          QStringLiteral(":/telerad/core/net/queue-migrate-to-v3.sql")});
    if (!database.ok()) return failure(QStringLiteral("transfer queue: %1").arg(database.error()));
    return TransferQueue(database.value());
}

Result<qint64> TransferQueue::enqueue(const QString& destination, const std::vector<InstanceRef>& instances,
                                      const QString& description, const QByteArray& amendment) const {
    qint64 id = 0;
    Status s = m_database.transaction([&](QSqlDatabase& db) {
        QSqlQuery q(db);
        Status inserted = runQuery(q, QStringLiteral("INSERT INTO jobs(destination, description, created_at, state, amendment) VALUES(?,?,?,?,?)"),
                                   {destination, description, QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                                    jobStateName(JobState::Queued), amendment.isNull() ? QByteArray("") : amendment});
        if (!inserted.ok()) return inserted;
        id = q.lastInsertId().toLongLong();
        for (const InstanceRef& instance : instances) {
            auto item = runPrepared(db, QStringLiteral("INSERT OR IGNORE INTO job_items(job, sop_uid, file, sop_class, "
                                                       "transfer_syntax, bytes, state) VALUES(?,?,?,?,?,?,'pending')"),
                                    {id, instance.sopInstanceUid, instance.file, instance.sopClassUid,
                                     instance.transferSyntaxUid, QFileInfo(instance.file).size()});
            if (!item.ok()) return Status(failure(item.error()));
        }
        return success();
    });
    if (!s.ok()) return failure(QStringLiteral("transfer queue: %1").arg(s.error()));
    return id;
}

Result<JobInfo> TransferQueue::job(qint64 id) const {
    auto rows = m_database.select(kJobColumns + QStringLiteral("WHERE j.id = ? GROUP BY j.id"), {id});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("transfer queue: no job %1").arg(id));
    return jobFromRow(rows->front());
}

Result<std::vector<JobInfo>> TransferQueue::jobs() const {
    auto rows = m_database.select(kJobColumns + QStringLiteral("GROUP BY j.id ORDER BY j.id"));
    if (!rows.ok()) return failure(rows.error());
    std::vector<JobInfo> result;
    for (const QStringList& row : rows.value()) result.push_back(jobFromRow(row));
    return result;
}

Result<std::vector<qint64>> TransferQueue::unfinishedJobs() const {
    auto rows = m_database.select(QStringLiteral("SELECT id, state, runner_pid FROM jobs WHERE state IN ('queued', 'running') ORDER BY id"));
    if (!rows.ok()) return failure(rows.error());
    std::vector<qint64> ids;
    for (const QStringList& row : rows.value())
        if (row[1] == QLatin1String("queued") || !processAlive(row[2].toLongLong())) ids.push_back(row[0].toLongLong());
    return ids;
}

Result<std::vector<TransferQueue::FailedItem>> TransferQueue::failedItems(qint64 id) const {
    auto rows = m_database.select(QStringLiteral("SELECT sop_uid, file, error FROM job_items WHERE job = ? AND state = 'failed' ORDER BY rowid"), {id});
    if (!rows.ok()) return failure(rows.error());
    std::vector<FailedItem> items;
    for (const QStringList& r : rows.value()) items.push_back(FailedItem{r[0], r[1], r[2]});
    return items;
}

Status TransferQueue::setState(qint64 id, JobState state, const QString& error) const {
    auto done = m_database.execute(QStringLiteral("UPDATE jobs SET state = ?, last_error = ? WHERE id = ?"),
                                   {jobStateName(state), error, id});
    if (!done.ok()) return failure(done.error());
    return success();
}

Status TransferQueue::pause(qint64 id) const { return setState(id, JobState::Paused); }
Status TransferQueue::requeue(qint64 id) const { return setState(id, JobState::Queued); }
Status TransferQueue::cancel(qint64 id) const { return setState(id, JobState::Cancelled); }

Status TransferQueue::retry(qint64 id) const {
    return m_database.transaction([&](QSqlDatabase& db) {
        QSqlQuery q(db);
        Status s = runQuery(q, QStringLiteral("UPDATE job_items SET state = 'pending', error = '' WHERE job = ? AND state = 'failed'"), {id});
        if (s.ok()) s = runQuery(q, QStringLiteral("UPDATE jobs SET state = 'queued', attempts = 0, last_error = '' WHERE id = ?"), {id});
        return s;
    });
}

namespace {

// Several associations per job: a DICOM store waits for each instance's confirmation
// before the next, so one association leaves both ends idle half the time; a few at once
// overlap those round trips (measured in tests/bench/bench_network). One only on a
// low-bandwidth link, where parallel streams share the same narrow pipe, and for small jobs.
constexpr std::size_t kInstancesPerExtraAssociation = 32;
constexpr std::size_t kMaxAssociationsPerJob = 4;

constexpr qint64 kProgressIntervalMs = 100;  // monitors redraw at most ten times a second

std::size_t associationsFor(const Node& node, std::size_t pending) {
    if (node.lowBandwidth) return 1;
    return std::clamp<std::size_t>(pending / kInstancesPerExtraAssociation, 1, kMaxAssociationsPerJob);
}

}  // namespace

Status TransferQueue::attempt(qint64 id, const NodeBook& book, const Node& node, const JobProgressCallback& progress,
                              const std::atomic_bool* stop) const {
    auto rows = m_database.select(QStringLiteral("SELECT file, sop_class, sop_uid, transfer_syntax FROM job_items "
                                                 "WHERE job = ? AND state = 'pending' ORDER BY rowid"), {id});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return success();
    // Round robin, so the receiver gets a series roughly in order whatever the split.
    std::vector<std::vector<InstanceRef>> shares(associationsFor(node, static_cast<std::size_t>(rows->size())));
    for (qsizetype i = 0; i < rows->size(); ++i) {
        const QStringList& r = rows->at(i);
        shares[static_cast<std::size_t>(i) % shares.size()].push_back(InstanceRef{r[0], r[1], r[2], r[3]});
    }
    // Each report counts the whole job in SQLite (1.3 ms for 3000 instances): after every
    // instance that made a large job quadratic (4 s of counting for 3000), so monitors hear
    // at most ten times a second (the job's end is listed anyway), and nothing when nobody
    // listens (a sixth of telerad-cli send's CPU went to reports nobody read).
    std::mutex progressMutex;
    QElapsedTimer sinceReport;
    std::function<void()> instanceDone;
    if (progress)
        instanceDone = [&] {
            const std::lock_guard lock(progressMutex);
            if (sinceReport.isValid() && sinceReport.elapsed() < kProgressIntervalMs) return;
            sinceReport.start();
            if (auto info = job(id); info.ok()) progress(info.value());
        };
    std::vector<Status> outcomes(shares.size(), success());
    std::vector<std::thread> associations;
    for (std::size_t k = 1; k < shares.size(); ++k)
        associations.emplace_back([&, k] { outcomes[k] = sendOverOneAssociation(id, book, node, shares[k], instanceDone, stop); });
    outcomes[0] = sendOverOneAssociation(id, book, node, shares[0], instanceDone, stop);
    for (std::thread& t : associations) t.join();
    for (const Status& outcome : outcomes)
        if (!outcome.ok()) return outcome;  // the others' confirmed instances stay confirmed
    return success();
}

Status TransferQueue::sendOverOneAssociation(qint64 id, const NodeBook& book, const Node& node, const std::vector<InstanceRef>& instances,
                                             const std::function<void()>& instanceDone, const std::atomic_bool* stop) const {
    auto amendment = jobAmendment(id);
    if (!amendment.ok()) return failure(amendment.error());
    auto client = DicomClient::connect(book, node, DicomClient::Purpose::Storage, instances);
    if (!client.ok()) return failure(client.error());
    for (const InstanceRef& instance : instances) {
        if (stop && stop->load()) break;
        auto status = client.value()->store(instance, amendment->get());
        if (!status.ok()) return failure(status.error());  // the association broke: resume later
        const bool stored = status->success();
        auto marked = m_database.execute(QStringLiteral("UPDATE job_items SET state = ?, status = ?, error = ?, patient_id = ?, "
                                                        "study_uid = ? WHERE job = ? AND sop_uid = ?"),
                                         {stored ? QStringLiteral("sent") : QStringLiteral("failed"), status->code,
                                          stored ? QStringLiteral("") : status->text, status->patientId, status->studyUid, id,
                                          instance.sopInstanceUid});
        if (!marked.ok()) return failure(marked.error());
        if (!stored) qCWarning(lcNet).noquote() << "job" << id << ":" << node.name << "refused" << instance.file << ":" << status->text;
        if (instanceDone) instanceDone();
    }
    client.value()->release();
    return success();
}

Result<std::unique_ptr<DcmDataset>> TransferQueue::jobAmendment(qint64 id) const {
    auto rows = m_database.select(QStringLiteral("SELECT hex(amendment) FROM jobs WHERE id = ?"), {id});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty() || rows->first().first().isEmpty()) return std::unique_ptr<DcmDataset>();
    return parseDataset(QByteArray::fromHex(rows->first().first().toLatin1()));
}

Result<JobInfo> TransferQueue::finish(qint64 id, JobState state, const QString& error) const {
    if (Status s = setState(id, state, error); !s.ok()) return failure(s.error());
    return job(id);
}

Status TransferQueue::sendWithRetries(qint64 id, const NodeBook& book, const Node& node, const RetryPolicy& policy,
                                      const JobProgressCallback& progress, const std::atomic_bool* stop) const {
    int delayMs = policy.firstDelayMs;
    for (int attemptNumber = 1;; ++attemptNumber) {
        auto counted = m_database.execute(QStringLiteral("UPDATE jobs SET attempts = attempts + 1 WHERE id = ?"), {id});
        if (!counted.ok()) return failure(counted.error());
        const Status attempted = attempt(id, book, node, progress, stop);
        if (attempted.ok()) return attempted;
        qCInfo(lcNet).noquote() << "job" << id << "attempt" << attemptNumber << "interrupted:" << attempted.error();
        auto noted = m_database.execute(QStringLiteral("UPDATE jobs SET last_error = ? WHERE id = ?"), {attempted.error(), id});
        if (!noted.ok() || attemptNumber >= policy.maxAttempts || (stop && stop->load())) return attempted;
        for (int waited = 0; waited < delayMs && !(stop && stop->load()); waited += 100) QThread::msleep(100);  // stoppable wait
        delayMs = std::min(delayMs * 2, policy.maxDelayMs);
    }
}

Result<JobInfo> TransferQueue::run(qint64 id, const NodeBook& book, const RetryPolicy& policy,
                                   const JobProgressCallback& progress, const std::atomic_bool* stop) const {
    auto info = job(id);
    if (!info.ok()) return info;
    const std::optional<Node> node = book.find(info->destination);
    if (!node) return finish(id, JobState::Failed, QStringLiteral("no node named '%1' in the address book").arg(info->destination));
    auto claimed = m_database.execute(QStringLiteral("UPDATE jobs SET state = 'running', runner_pid = ? WHERE id = ?"),
                                      {static_cast<qint64>(::getpid()), id});
    if (!claimed.ok()) return failure(claimed.error());
    const Status sent = sendWithRetries(id, book, *node, policy, progress, stop);
    info = job(id);
    if (!info.ok()) return info;
    if (info->pending() > 0 && stop && stop->load()) return finish(id, JobState::Paused, info->lastError);
    auditJobEnd(info.value(), *node);
    if (!sent.ok()) return finish(id, JobState::Failed, sent.error());
    if (info->failed > 0)
        return finish(id, JobState::Failed, QStringLiteral("%1 instance(s) refused by %2").arg(info->failed).arg(node->name));
    return finish(id, JobState::Done);
}

// Whose studies went: as each item noted when it was sent, else (never read for sending, or
// queued before schema version 3) from its file's header, values over 256 bytes left unread.
// Reading all of them again took a sixth of the instructions of sending a 300-image CT.
void TransferQueue::auditJobEnd(const JobInfo& job, const Node& node) const {
    auto items = m_database.select(QStringLiteral("SELECT file, state, patient_id, study_uid FROM job_items WHERE job = ?"), {job.id});
    if (!items.ok()) return;
    std::map<std::pair<QString, QString>, std::pair<int, int>> studies;  // (patient, study) -> (sent, not sent)
    for (const QStringList& item : items.value()) {
        std::pair<QString, QString> study{item[2], item[3]};
        if (study.second.isEmpty()) {
            DcmFileFormat file;
            if (loadDicomFile(file, item[0], 256).bad()) continue;
            study = {dicomText(*file.getDataset(), DCM_PatientID), dicomText(*file.getDataset(), DCM_StudyInstanceUID)};
        }
        auto& [sent, notSent] = studies[study];
        ++(item[1] == QLatin1String("sent") ? sent : notSent);
    }
    for (const auto& [study, counts] : studies)
        (void)recordAudit(QFileInfo(m_database.path()).absolutePath(), {audit::kStudySent, counts.second == 0, study.first, study.second, node.describe(),
                                        QStringLiteral("job %1: %2 instances sent, %3 not sent").arg(job.id).arg(counts.first).arg(counts.second)});
}

}  // namespace telerad
