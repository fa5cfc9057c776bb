#include "NetworkService.h"

#include "archive/ArchiveServices.h"
#include "dicom/DicomText.h"
#include "net/DicomServer.h"
#include "net/DicomTls.h"
#include "net/NetworkErrors.h"
#include "report/ReadingDesk.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dctag.h>

#include <QtConcurrent>

namespace telerad {

// What the DICOM service needs while it runs: the archive it stores into, and an observer
// that turns its worker threads' events into the service's (thread-safe) signals.
class ServerEvents : public DicomServerObserver {
public:
    ServerEvents(NetworkService* service, Archive archive, ReadingDesk desk)
        : m_service(service), m_services(std::move(archive)), m_desk(std::move(desk)) {
        m_services.setReceivedHook([this](DcmDataset& dataset, const Peer& peer) {
            if (m_desk.instanceReceived(dataset, peer)) emit m_service->readingChanged();
        });
    }
    ArchiveServices& services() { return m_services; }

    void associationAccepted(const Peer& peer) override {
        emit m_service->incomingEvent(NetworkService::tr("%1 connected").arg(peer.describe()));
    }
    void associationRefused(const Peer& peer, const QString& reason) override {
        emit m_service->incomingEvent(NetworkService::tr("REFUSED %1: %2").arg(peer.describe(), reason));
    }
    void associationEnded(const Peer& peer) override {
        emit m_service->incomingEvent(NetworkService::tr("%1 disconnected").arg(peer.describe()));
    }
    void instanceReceived(const Peer& peer, const QString& sopInstanceUid, bool stored) override {
        if (!stored) emit m_service->incomingEvent(NetworkService::tr("NOT STORED %1 from %2").arg(sopInstanceUid, peer.aeTitle));
        else emit m_service->instanceArchived();
    }

private:
    NetworkService* m_service;
    ArchiveServices m_services;
    ReadingDesk m_desk;
};

namespace {

// The address book and its node `name`, read fresh: the book may have changed since.
struct BookAndNode {
    NodeBook book;
    Node node;
};

Result<BookAndNode> loadNode(const QString& root, const QString& name) {
    auto book = NodeBook::load(root);
    if (!book.ok()) return failure(book.error());
    auto node = book->named(name);
    if (!node.ok()) return failure(node.error());
    return BookAndNode{book.value(), node.value()};
}

// What went wrong in words for the user, then DCMTK's own text for whoever helps them.
QString inWordsWithDetail(const QString& error) { return explainNetworkError(error) + QLatin1Char('\n') + error; }

RemoteStudy remoteStudyFrom(DcmDataset& match) {
    convertTextToUtf8(match);
    return RemoteStudy{dicomText(match, DCM_StudyInstanceUID), dicomText(match, DCM_PatientID), dicomText(match, DCM_PatientName),
                       dicomText(match, DCM_StudyDate), dicomText(match, DCM_ModalitiesInStudy), dicomText(match, DCM_StudyDescription),
                       dicomText(match, DCM_AccessionNumber), dicomText(match, DCM_NumberOfStudyRelatedInstances).toInt()};
}

}  // namespace

NetworkService::NetworkService(QString dataFolderRoot, QObject* parent) : QObject(parent), m_root(std::move(dataFolderRoot)) {
    qRegisterMetaType<QList<telerad::JobInfo>>();
    qRegisterMetaType<QList<telerad::RemoteStudy>>();
    m_pool.setMaxThreadCount(4);  // network waits, not CPU: a few at once on any machine
    m_runner = std::thread([this] { runQueueForever(); });
}

NetworkService::~NetworkService() {
    {
        const std::lock_guard lock(m_queueMutex);
        m_quit = true;
        m_stopRunningJob = true;
    }
    m_queueWake.notify_all();
    m_runner.join();
    m_serviceWork.waitForFinished();
    m_pool.waitForDone();  // queries and listings in flight use `this`
    const std::lock_guard lock(m_serverMutex);
    m_servers.clear();
}

void NetworkService::restartService() {
    m_serviceWork = QtConcurrent::run(&m_pool, [this] {
        const std::lock_guard lock(m_serverMutex);
        m_servers.clear();  // stops: running associations finish first
        m_events.reset();
        auto book = NodeBook::load(m_root);
        auto archive = Archive::open(m_root);
        auto desk = ReadingDesk::open(m_root);
        for (const QString& error : {book.error(), archive.error(), desk.error()})
            if (!error.isEmpty()) return emit serviceStateChanged(tr("DICOM service off: %1").arg(error), false);
        if (!book->site().hasCertificate())
            return emit serviceStateChanged(tr("DICOM service off: this site has no certificate yet (Settings > Network)"), false);
        m_events = std::make_unique<ServerEvents>(this, archive.value(), desk.value());
        const SiteIdentity& site = book->site();
        QList<ServerSettings> services{{site.aeTitle, site.port, true, 16}};
        if (site.plainPort != 0) services << ServerSettings{site.aeTitle, site.plainPort, false, 16};
        for (const ServerSettings& settings : services) {
            m_servers.push_back(std::make_unique<DicomServer>(book.value(), settings, m_events->services(), m_events.get()));
            if (Status started = m_servers.back()->start(); !started.ok()) {
                m_servers.clear();
                return emit serviceStateChanged(tr("DICOM service off: %1").arg(started.error()), false);
            }
        }
        const QString receiving = site.plainPort == 0 ? tr("Receiving as %1 on port %2 (TLS)").arg(site.aeTitle).arg(site.port)
                                                      : tr("Receiving as %1 on port %2 (TLS) and %3 (plain nodes, NOT SECURE)")
                                                            .arg(site.aeTitle).arg(site.port).arg(site.plainPort);
        const QString expiry = siteCertificateExpiry(book.value());
        emit serviceStateChanged(expiry.isEmpty() ? receiving : tr("%1; this site's certificate %2 (Settings > Network)").arg(receiving, expiry),
                                 expiry.isEmpty());
    });
}

void NetworkService::stopService() {
    m_serviceWork = QtConcurrent::run(&m_pool, [this] {
        const std::lock_guard lock(m_serverMutex);
        m_servers.clear();
        emit serviceStateChanged(tr("DICOM service stopped"), false);
    });
}

void NetworkService::sendStudy(const QString& nodeName, const QString& studyOrSeriesUid) {
    (void)QtConcurrent::run(&m_pool, [this, nodeName, studyOrSeriesUid] {
        auto archive = Archive::open(m_root);
        if (!archive.ok()) return emit failed(archive.error());
        auto instances = archivedInstances(archive.value(), studyOrSeriesUid);
        if (!instances.ok()) return emit failed(instances.error());
        auto queue = TransferQueue::open(m_root);
        if (!queue.ok()) return emit failed(queue.error());
        auto id = queue->enqueue(nodeName, instances.value(), tr("study %1").arg(studyOrSeriesUid));
        if (!id.ok()) return emit failed(id.error());
        wakeQueue();
        refreshJobs();
    });
}

void NetworkService::pauseJob(qint64 id) {
    (void)QtConcurrent::run(&m_pool, [this, id] {
        if (m_runningJob.load() == id) m_stopRunningJob = true;  // the runner marks it paused
        else if (auto queue = TransferQueue::open(m_root); queue.ok()) reportIfFailed(queue->pause(id));
        refreshJobs();
    });
}

void NetworkService::cancelJob(qint64 id) {
    (void)QtConcurrent::run(&m_pool, [this, id] {
        stopJobIfRunning(id);
        if (auto queue = TransferQueue::open(m_root); queue.ok()) reportIfFailed(queue->cancel(id));
        refreshJobs();
    });
}

void NetworkService::retryJob(qint64 id) {
    (void)QtConcurrent::run(&m_pool, [this, id] {
        if (auto queue = TransferQueue::open(m_root); queue.ok()) reportIfFailed(queue->retry(id));
        wakeQueue();
        refreshJobs();
    });
}

// Waits (on a pool thread) until the runner has left job `id`, so a state written after
// this is not overwritten by the runner's own "paused".
void NetworkService::stopJobIfRunning(qint64 id) {
    if (m_runningJob.load() != id) return;
    m_stopRunningJob = true;
    while (m_runningJob.load() == id) QThread::msleep(20);
}

void NetworkService::reportIfFailed(const Status& status) {
    if (!status.ok()) emit failed(status.error());
}

void NetworkService::refreshJobs() {
    (void)QtConcurrent::run(&m_pool, [this] {
        auto queue = TransferQueue::open(m_root);
        if (!queue.ok()) return emit failed(queue.error());
        auto jobs = queue->jobs();
        if (!jobs.ok()) return emit failed(jobs.error());
        emit jobsListed(QList<JobInfo>(jobs->begin(), jobs->end()));
    });
}

void NetworkService::workQueued() {
    wakeQueue();
    refreshJobs();
}

void NetworkService::wakeQueue() {
    {
        const std::lock_guard lock(m_queueMutex);
        m_wakeRequested = true;
    }
    m_queueWake.notify_all();
}

void NetworkService::runQueueForever() {
    for (;;) {
        {
            std::unique_lock lock(m_queueMutex);
            // Also a periodic look: jobs queued by telerad-cli, or left by a crashed run.
            m_queueWake.wait_for(lock, std::chrono::seconds(5), [this] { return m_quit || m_wakeRequested; });
            if (m_quit) return;
            m_wakeRequested = false;
        }
        auto queue = TransferQueue::open(m_root);
        auto book = NodeBook::load(m_root);
        if (!queue.ok() || !book.ok()) {
            emit failed(queue.ok() ? book.error() : queue.error());
            continue;
        }
        auto ids = queue->unfinishedJobs();
        for (qint64 id : ids.ok() ? ids.value() : std::vector<qint64>{}) {
            m_stopRunningJob = m_quit;
            m_runningJob = id;
            auto finished = queue->run(id, book.value(), RetryPolicy{}, [this](const JobInfo& info) { emit jobsListed({info}); },
                                       &m_stopRunningJob);
            if (m_quit) reportIfFailed(queue->requeue(id));  // resumes at the next start
            m_runningJob = 0;
            if (!finished.ok()) emit failed(finished.error());
            refreshJobs();
            if (m_quit) return;
        }
    }
}

void NetworkService::echo(const QString& nodeName) {
    (void)QtConcurrent::run(&m_pool, [this, nodeName] {
        auto peer = loadNode(m_root, nodeName);
        if (!peer.ok()) return emit echoed(nodeName, false, peer.error());
        QElapsedTimer timer;
        timer.start();
        auto client = DicomClient::connect(peer->book, peer->node, DicomClient::Purpose::Verification);
        const Status answered = client.ok() ? client.value()->echo() : Status(failure(client.error()));
        if (!answered.ok()) return emit echoed(nodeName, false, inWordsWithDetail(answered.error()));
        emit echoed(nodeName, true, tr("%1 answered in %2 ms%3").arg(nodeName).arg(timer.elapsed())
                                       .arg(peer->node.tls ? tr(" over TLS") : tr(", plain TCP: NOT SECURE")));
    });
}

void NetworkService::findStudies(const QString& nodeName, const QList<QPair<QString, QString>>& keys) {
    (void)QtConcurrent::run(&m_pool, [this, nodeName, keys] {
        auto peer = loadNode(m_root, nodeName);
        if (!peer.ok()) return emit studiesFound(nodeName, {}, peer.error());
        auto client = DicomClient::connect(peer->book, peer->node, DicomClient::Purpose::QueryRetrieve);
        if (!client.ok()) return emit studiesFound(nodeName, {}, inWordsWithDetail(client.error()));
        DcmDataset query;
        for (const DcmTagKey& tag : {DCM_StudyInstanceUID, DCM_PatientID, DCM_PatientName, DCM_StudyDate, DCM_ModalitiesInStudy,
                                     DCM_StudyDescription, DCM_AccessionNumber, DCM_NumberOfStudyRelatedInstances})
            query.insertEmptyElement(tag);
        query.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        for (const auto& [keyword, value] : keys) {
            DcmTag tag;
            if (!value.isEmpty() && DcmTag::findTagFromName(keyword.toLatin1().constData(), tag).good())
                query.putAndInsertString(tag, value.toUtf8().constData());
        }
        auto matches = client.value()->find(QueryLevel::Study, query);
        if (!matches.ok()) return emit studiesFound(nodeName, {}, matches.error());
        QList<RemoteStudy> studies;
        for (const auto& match : matches.value()) studies << remoteStudyFrom(*match);
        emit studiesFound(nodeName, studies, {});
    });
}

void NetworkService::retrieve(const QString& nodeName, const QString& studyUid) {
    (void)QtConcurrent::run(&m_pool, [this, nodeName, studyUid] {
        auto peer = loadNode(m_root, nodeName);
        if (!peer.ok()) return emit retrieved(nodeName, studyUid, false, peer.error());
        auto archive = Archive::open(m_root);
        if (!archive.ok()) return emit retrieved(nodeName, studyUid, false, archive.error());
        ArchiveServices services(archive.value());
        const RetrieveMethod method = peer->node.retrieve;
        QString firstError;  // one instance's reason is enough to say why; the rest are counted
        auto summary = retrieveStudy(peer->book, peer->node, studyUid, method, services, [&](const QString& error) {
            if (firstError.isEmpty()) firstError = error;
        });
        if (!summary.ok()) return emit retrieved(nodeName, studyUid, false, summary.error());
        const bool ok = summary->failed == 0 && summary->finalStatus.success();
        QString message = tr("%1 by %2: %3 retrieved, %4 failed, %5 with warnings")
                              .arg(studyUid, method == RetrieveMethod::Get ? QStringLiteral("C-GET") : QStringLiteral("C-MOVE"))
                              .arg(summary->completed).arg(summary->failed).arg(summary->warning);
        if (!firstError.isEmpty()) message += QStringLiteral(" (") + firstError + QLatin1Char(')');
        emit retrieved(nodeName, studyUid, ok, message);
        emit instanceArchived();
    });
}

}  // namespace telerad
