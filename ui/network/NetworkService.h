#pragma once
// The workstation's networking, for the GUI: the DICOM service of this site running inside
// the GUI process, the transfer queue worked off in the background, and queries and
// retrievals. Everything runs on worker threads; results and live events arrive as queued
// signals, so the GUI thread never waits on the network or the disk.

#include "net/DicomClient.h"
#include "net/TransferQueue.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace telerad {

class DicomServer;
class ServerEvents;

/// One study found at a node (C-FIND, study level).
struct RemoteStudy {
    QString studyUid, patientId, patientName, date, modalities, description, accession;
    int instances = 0;
};

class NetworkService : public QObject {
    Q_OBJECT
public:
    explicit NetworkService(QString dataFolderRoot, QObject* parent = nullptr);
    ~NetworkService() override;  ///< stops the service and the queue (running jobs pause)

    /// (Re)starts the DICOM service with the site's identity and the address book (after
    /// the settings changed). Off, with the reason in serviceStateChanged, until the site
    /// has a certificate: the service never listens without TLS from the GUI.
    void restartService();
    void stopService();

    /// Queues the archived study (or series) for `nodeName`; the queue sends it.
    void sendStudy(const QString& nodeName, const QString& studyOrSeriesUid);
    void pauseJob(qint64 id);
    void cancelJob(qint64 id);
    void retryJob(qint64 id);
    /// Lists the queue's jobs (jobsListed).
    void refreshJobs();
    /// Someone else queued a job (the reading desk): send it now rather than at the next look.
    void workQueued();

    void echo(const QString& nodeName);
    /// Study-level C-FIND at `nodeName` with matching keys by DICOM keyword (studiesFound).
    void findStudies(const QString& nodeName, const QList<QPair<QString, QString>>& keys);
    /// Retrieves a study into the archive with the node's retrieve method (C-GET or C-MOVE).
    void retrieve(const QString& nodeName, const QString& studyUid);

signals:
    /// `healthy`: listening, with nothing to warn of (shown in red otherwise).
    void serviceStateChanged(const QString& text, bool healthy);
    /// A line for the incoming-activity log: association accepted/refused/ended, instance received.
    void incomingEvent(const QString& text);
    void instanceArchived();
    /// An arriving instance changed the reading desk: a request, a report or a notice.
    void readingChanged();
    void jobsListed(const QList<telerad::JobInfo>& jobs);
    void echoed(const QString& nodeName, bool ok, const QString& text);
    void studiesFound(const QString& nodeName, const QList<telerad::RemoteStudy>& studies, const QString& error);
    void retrieved(const QString& nodeName, const QString& studyUid, bool ok, const QString& text);
    void failed(const QString& message);

private:
    void runQueueForever();
    void wakeQueue();
    void stopJobIfRunning(qint64 id);
    void reportIfFailed(const Status& status);

    QString m_root;
    std::unique_ptr<ServerEvents> m_events;
    std::vector<std::unique_ptr<DicomServer>> m_servers;  ///< TLS, then plain when the site opens a plain port
    std::mutex m_serverMutex;  // restart and stop come from pool threads
    // Our own threads: the global pool can be busy for a minute (a first run's demo study,
    // a big import), and the DICOM service must not wait for it to start.
    QThreadPool m_pool;
    QFuture<void> m_serviceWork;

    // The queue runner: one thread, woken when work is queued, at most one job at a time.
    std::thread m_runner;
    std::mutex m_queueMutex;
    std::condition_variable m_queueWake;
    bool m_quit = false, m_wakeRequested = false;
    std::atomic<qint64> m_runningJob{0};
    std::atomic_bool m_stopRunningJob{false};
};

}  // namespace telerad
