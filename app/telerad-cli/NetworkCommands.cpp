// telerad-cli serve | echo | send | find | move | get | queue: the site's DICOM service and
// our side of associations with other nodes. Summary lines are a contract with scripts:
//   send: "sent N, failed F" (exit 0 only when every instance was stored)
//   move, get: "retrieved N, failed F, warning W" (exit 0 when nothing failed)
//   find: one tab-separated line per match (columns in README.md)

#include "CommandLine.h"

#include "archive/Archive.h"
#include "archive/ArchiveServices.h"
#include "archive/StudyExport.h"
#include "report/ReadingDesk.h"
#include "archive/InstanceAttributes.h"
#include "dicom/DicomText.h"
#include "net/DicomClient.h"
#include "net/DicomServer.h"
#include "net/DicomTls.h"
#include "net/TransferQueue.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dctag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>

#include <csignal>
#include <memory>
#include <vector>
#include <pthread.h>

namespace telerad::cli {

namespace {

// Prints what the service does, one line per event, for operators and scripts.
class PrintingObserver : public DicomServerObserver {
public:
    void associationAccepted(const Peer& peer) override { printLine(QStringLiteral("association accepted from %1").arg(peer.describe())); }
    void associationRefused(const Peer& peer, const QString& reason) override {
        printLine(QStringLiteral("association refused from %1: %2").arg(peer.describe(), reason));
    }
    void instanceReceived(const Peer& peer, const QString& sopInstanceUid, bool stored) override {
        printLine(QStringLiteral("%1 %2 from %3").arg(stored ? QStringLiteral("received") : QStringLiteral("NOT STORED"), sopInstanceUid, peer.aeTitle));
    }
};

// Blocks SIGINT and SIGTERM in this thread and in every thread started after it, so that
// waitForStopSignal() receives them instead of the process dying mid-write.
void blockStopSignals(sigset_t* set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, set, nullptr);
}

int runServers(const Invocation& invocation, const std::vector<std::unique_ptr<DicomServer>>& servers, const char* name) {
    sigset_t stopSignals;
    blockStopSignals(&stopSignals);
    for (const auto& server : servers) {
        const ServerSettings& s = server->settings();
        const QString serving = QStringLiteral("serving %1 on port %2 %3").arg(s.aeTitle).arg(s.port)
                                    .arg(s.tls ? QStringLiteral("with TLS") : QStringLiteral("WITHOUT TLS (NOT SECURE)"));
        Status started = server->start();
        auditCommand(invocation, {QString(audit::kServiceStarted), started.ok(), {}, {}, {}, started.ok() ? serving : started.error()});
        if (!started.ok()) return fatal(name, started.error());
        printLine(serving);
    }
    int received = 0;
    sigwait(&stopSignals, &received);
    printLine(QStringLiteral("stopping (signal %1)").arg(received));
    for (const auto& server : servers) server->stop();
    auditCommand(invocation, {QString(audit::kServiceStopped), true, {}, {}, {}, QStringLiteral("stopped by signal %1").arg(received)});
    return kSuccess;
}

}  // namespace

int runServe(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the DICOM service until SIGINT or SIGTERM."));
    const QCommandLineOption aet(QStringLiteral("aet"), QStringLiteral("Our AE title (remembered)."), QStringLiteral("AE"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Listening port (remembered)."), QStringLiteral("PORT"));
    const QCommandLineOption noTls(QStringLiteral("no-tls"), QStringLiteral("Plain TCP: NOT SECURE."));
    const QCommandLineOption maxAssociations(QStringLiteral("max-associations"), QStringLiteral("At most this many at once (16)."), QStringLiteral("N"));
    const QCommandLineOption noFlush(QStringLiteral("no-flush"),
        QStringLiteral("Acknowledge an instance once written, before it is flushed to disk: faster, but a power cut can "
                       "lose instances already acknowledged (for servers behind a UPS or a battery-backed controller)."));
    const QCommandLineOption keepFree(QStringLiteral("keep-free"),
        QStringLiteral("Refuse instances (out of resources, 0xA700: senders try again later) while the archive's disk has "
                       "less than MB free (%1).").arg(Archive::kDefaultFreeSpaceReserve >> 20),
        QStringLiteral("MB"));
    parser.addOptions({aet, port, noTls, maxAssociations, noFlush, keepFree});
    if (int code = parseOrExit(parser, invocation, "serve"); code >= 0) return code;
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("serve", book.error());
    if (Status s = applySiteIdentity(parser, book.value()); !s.ok()) return fatal("serve", s.error());
    auto archive = openArchive(invocation);
    if (!archive.ok()) return fatal("serve", archive.error());
    if (parser.isSet(noFlush)) archive->setDurability(Durability::LeaveToSystem);
    if (parser.isSet(keepFree)) {
        bool valid = false;
        const qint64 megabytes = parser.value(keepFree).toLongLong(&valid);
        if (!valid || megabytes < 0) return fatal("serve", QStringLiteral("--keep-free takes a number of MB, not '%1'").arg(parser.value(keepFree)));
        archive->setFreeSpaceReserve(megabytes * 1024 * 1024);
    }
    ArchiveServices services(archive.value());
    auto desk = ReadingDesk::open(book->dataFolderRoot());
    if (!desk.ok()) return fatal("serve", desk.error());
    services.setReceivedHook([&desk](DcmDataset& dataset, const Peer& peer) { desk->instanceReceived(dataset, peer); });
    PrintingObserver observer;
    const int most = parser.isSet(maxAssociations) ? parser.value(maxAssociations).toInt() : 16;
    const SiteIdentity& site = book->site();
    std::vector<std::unique_ptr<DicomServer>> servers;
    servers.push_back(std::make_unique<DicomServer>(book.value(), ServerSettings{site.aeTitle, site.port, !parser.isSet(noTls), most},
                                                    services, &observer));
    if (site.plainPort != 0 && !parser.isSet(noTls))  // legacy nodes of the LAN, on their own port
        servers.push_back(std::make_unique<DicomServer>(book.value(), ServerSettings{site.aeTitle, site.plainPort, false, most},
                                                        services, &observer));
    return runServers(invocation, servers, "serve");
}

int runEcho(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check that a node answers (C-ECHO)."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Node name from the address book."));
    if (int code = parseOrExit(parser, invocation, "echo"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("echo", QStringLiteral("give one NODE"));
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("echo", book.error());
    auto node = book->named(parser.positionalArguments().front());
    if (!node.ok()) return fatal("echo", node.error());
    QElapsedTimer timer;
    timer.start();
    auto client = DicomClient::connect(book.value(), node.value(), DicomClient::Purpose::Verification);
    Status echoed = client.ok() ? client.value()->echo() : Status(failure(client.error()));
    if (!echoed.ok()) {
        printError(QStringLiteral("echo: %1").arg(echoed.error()));
        return kPartialFailure;
    }
    printLine(QStringLiteral("echo %1: ok (%2 ms%3)").arg(node->name).arg(timer.elapsed())
                  .arg(node->tls ? QStringLiteral(", TLS") : QStringLiteral(", plain TCP, NOT SECURE")));
    return kSuccess;
}

namespace {

// Inside a folder, files that are not DICOM at all (a README, an autorun) and the DICOMDIR
// of a CD are skipped, not failures: clinics send whole media folders.
bool hasPart10Magic(const QString& file) {
    QFile f(file);
    return f.open(QIODevice::ReadOnly) && f.read(132).mid(128) == "DICM";
}

// The instances named by `argument`: a file, a folder (recursive), or an archived study or
// series UID. Unreadable files are reported on stderr and counted in `unreadable`.
Result<std::vector<InstanceRef>> instancesOf(const QString& argument, const Archive& archive, int* unreadable) {
    std::vector<InstanceRef> instances;
    const QFileInfo info(argument);
    if (info.exists()) {
        QStringList files;
        if (info.isDir())
            for (QDirIterator it(argument, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
                const QString file = it.next();
                if (hasPart10Magic(file)) files << file;
                else printError(QStringLiteral("skipped %1: not a DICOM file").arg(file));
            }
        else
            files << argument;
        files.sort();
        for (const QString& file : files) {
            auto ref = readInstanceRef(file);
            if (ref.ok() && ref->sopClassUid == QLatin1String(UID_MediaStorageDirectoryStorage) && info.isDir())
                printError(QStringLiteral("skipped %1: a DICOMDIR, not an instance").arg(file));
            else if (ref.ok()) instances.push_back(ref.value());
            else printError(QStringLiteral("failed %1: %2").arg(file, ref.error())), ++*unreadable;
        }
        return instances;
    }
    if (!isValidUid(argument)) return failure(QStringLiteral("%1: no such file or folder, and not a UID").arg(argument));
    return archivedInstances(archive, argument);
}

}  // namespace

int runSend(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send files, folders or archived studies/series to a node, through the "
                                                    "persistent transfer queue; waits for the job."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Destination node."));
    parser.addPositionalArgument(QStringLiteral("PATH|UID"), QStringLiteral("Files, folders, or study/series UIDs."), QStringLiteral("(PATH|STUDY_UID)..."));
    const QCommandLineOption attempts(QStringLiteral("attempts"), QStringLiteral("Associations to try before giving up (8)."), QStringLiteral("N"));
    const DeidentifyOptions deidentify;
    parser.addOption(attempts);
    deidentify.addTo(parser);
    if (int code = parseOrExit(parser, invocation, "send"); code >= 0) return code;
    auto options = deidentify.chosen(parser);
    if (!options.ok()) return fatal("send", options.error());
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2) return fatal("send", QStringLiteral("usage: send NODE (PATH|STUDY_UID)..."));
    auto book = openNodeBook(invocation);
    auto archive = openArchive(invocation);
    auto root = dataFolderRoot(invocation);
    for (const QString& error : {book.error(), archive.error(), root.error()})
        if (!error.isEmpty()) return fatal("send", error);
    auto node = book->named(args.front());
    if (!node.ok()) return fatal("send", node.error());
    int unreadable = 0;
    std::vector<InstanceRef> instances;
    // De-identified copies wait in the outbox until the job is done (a job names files).
    const QString outbox = QStringLiteral("%1/outbox/deidentified-%2").arg(root.value()).arg(QDateTime::currentMSecsSinceEpoch());
    for (const QString& argument : args.mid(1)) {
        if (!options.value()) continue;
        if (!isValidUid(argument)) return fatal("send", QStringLiteral("%1: --deidentify sends archived studies or series, by UID").arg(argument));
        auto exported = exportStudy(archive.value(), argument, outbox, *options.value());
        if (!exported.ok()) return fatal("send", exported.error());
        printExportProblems(exported.value());
        unreadable += int(exported->skipped.size());
    }
    for (const QString& argument : options.value() ? QStringList{outbox} : args.mid(1)) {
        auto found = instancesOf(argument, archive.value(), &unreadable);
        if (!found.ok()) return fatal("send", found.error());
        instances.insert(instances.end(), found->begin(), found->end());
    }
    auto queue = TransferQueue::open(root.value());
    if (!queue.ok()) return fatal("send", queue.error());
    auto id = queue->enqueue(node->name, instances, QStringLiteral("send %1").arg(args.mid(1).join(QLatin1Char(' '))));
    if (!id.ok()) return fatal("send", id.error());
    RetryPolicy policy;
    if (parser.isSet(attempts)) policy.maxAttempts = std::max(1, parser.value(attempts).toInt());
    const int code = runJobToEnd("send", queue.value(), id.value(), book.value(), policy, unreadable);
    if (code == kSuccess && options.value()) QDir(outbox).removeRecursively();
    return code;
}

int runJobToEnd(const char* name, const TransferQueue& queue, qint64 id, const NodeBook& book, const RetryPolicy& policy, int unreadable) {
    auto job = queue.run(id, book, policy);
    if (!job.ok()) return fatal(name, job.error());
    if (auto failed = queue.failedItems(id); failed.ok())
        for (const auto& item : failed.value()) printError(QStringLiteral("failed %1 (%2): %3").arg(item.file, item.sopInstanceUid, item.error));
    if (job->pending() > 0)
        printError(QStringLiteral("%1: job %2 stopped with %3 instance(s) not sent: %4").arg(QLatin1String(name)).arg(job->id).arg(job->pending()).arg(job->lastError));
    const int failedCount = job->total - job->sent + unreadable;
    printLine(QStringLiteral("sent %1, failed %2").arg(job->sent).arg(failedCount));
    return failedCount == 0 ? kSuccess : kPartialFailure;
}

namespace {

// Return keys asked at each level, printed in this order before any KEY=VALUE of the user's.
QList<DcmTagKey> defaultColumns(QueryLevel level) {
    switch (level) {
    case QueryLevel::Patient: return {DCM_PatientID, DCM_PatientName, DCM_PatientBirthDate, DCM_PatientSex};
    case QueryLevel::Study:
        return {DCM_StudyInstanceUID, DCM_PatientID, DCM_PatientName, DCM_StudyDate, DCM_ModalitiesInStudy,
                DCM_StudyDescription, DCM_AccessionNumber, DCM_NumberOfStudyRelatedInstances};
    case QueryLevel::Series:
        return {DCM_SeriesInstanceUID, DCM_StudyInstanceUID, DCM_Modality, DCM_SeriesNumber, DCM_SeriesDescription,
                DCM_NumberOfSeriesRelatedInstances};
    case QueryLevel::Image: return {DCM_SOPInstanceUID, DCM_SeriesInstanceUID, DCM_SOPClassUID, DCM_InstanceNumber};
    }
    return {};
}

Result<DcmTagKey> tagNamed(const QString& keyword) {
    DcmTag tag;
    if (DcmTag::findTagFromName(keyword.toLatin1().constData(), tag).bad())
        return failure(QStringLiteral("unknown DICOM keyword '%1' (e.g. PatientName, StudyDate, ModalitiesInStudy)").arg(keyword));
    return DcmTagKey(tag.getGroup(), tag.getElement());
}

// The query/retrieve client for `nodeName`, or the exit code already reported.
struct QueryContext {
    NodeBook book;
    Node node;
    std::unique_ptr<DicomClient> client;
};
Result<QueryContext> connectForQuery(const Invocation& invocation, const QString& nodeName) {
    auto book = openNodeBook(invocation);
    if (!book.ok()) return failure(book.error());
    auto node = book->named(nodeName);
    if (!node.ok()) return failure(node.error());
    auto client = DicomClient::connect(book.value(), node.value(), DicomClient::Purpose::QueryRetrieve);
    if (!client.ok()) return failure(client.error());
    return QueryContext{book.value(), node.value(), std::move(client.value())};
}

int printRetrieveSummary(const char* name, const Result<RetrieveSummary>& summary) {
    if (!summary.ok()) {
        printError(QStringLiteral("%1: %2").arg(QLatin1String(name), summary.error()));
        printLine(QStringLiteral("retrieved 0, failed 0, warning 0"));
        return kPartialFailure;
    }
    if (!summary->finalStatus.success())
        printError(QStringLiteral("%1: the peer answered %2 (0x%3)").arg(QLatin1String(name), summary->finalStatus.text)
                       .arg(summary->finalStatus.code, 4, 16, QLatin1Char('0')));
    printLine(QStringLiteral("retrieved %1, failed %2, warning %3").arg(summary->completed).arg(summary->failed).arg(summary->warning));
    return summary->failed == 0 && summary->finalStatus.success() ? kSuccess : kPartialFailure;
}

DcmDataset studyKeys(const QString& studyUid) {
    DcmDataset keys;
    keys.putAndInsertString(DCM_StudyInstanceUID, studyUid.toLatin1().constData());
    return keys;
}

// get, and move to us: the study ends up in our archive.
int retrieveInto(const Invocation& invocation, const char* name, const QString& nodeName, const QString& studyUid, RetrieveMethod method) {
    auto book = openNodeBook(invocation);
    auto archive = openArchive(invocation);
    for (const QString& error : {book.error(), archive.error()})
        if (!error.isEmpty()) return fatal(name, error);
    auto node = book->named(nodeName);
    if (!node.ok()) return fatal(name, node.error());
    ArchiveServices services(archive.value());
    return printRetrieveSummary(name, retrieveStudy(book.value(), node.value(), studyUid, method, services, [&](const QString& error) {
        printError(QStringLiteral("%1: %2").arg(QLatin1String(name), error));
    }));
}

}  // namespace

int runFind(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Query a node (C-FIND, Study Root); one tab-separated line per match."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Node to query."));
    parser.addPositionalArgument(QStringLiteral("KEY=VALUE"), QStringLiteral("Matching keys by DICOM keyword (wildcards * ?, date ranges A-B)."), QStringLiteral("[KEY=VALUE...]"));
    const QCommandLineOption levelOption(QStringLiteral("level"), QStringLiteral("patient, study, series or image."), QStringLiteral("LEVEL"), QStringLiteral("study"));
    parser.addOption(levelOption);
    if (int code = parseOrExit(parser, invocation, "find"); code >= 0) return code;
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) return fatal("find", QStringLiteral("usage: find NODE --level study|series|image [KEY=VALUE...]"));
    auto level = parseQueryLevel(parser.value(levelOption));
    if (!level.ok()) return fatal("find", level.error());
    DcmDataset keys;
    QList<DcmTagKey> columns = defaultColumns(level.value());
    for (const DcmTagKey& tag : columns) keys.insertEmptyElement(tag);
    for (const QString& pair : args.mid(1)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        auto tag = tagNamed(equals > 0 ? pair.left(equals) : pair);
        if (!tag.ok()) return fatal("find", tag.error());
        keys.putAndInsertString(tag.value(), pair.mid(equals + 1).toUtf8().constData());
        if (!columns.contains(tag.value())) columns << tag.value();
    }
    keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    auto context = connectForQuery(invocation, args.front());
    if (!context.ok()) return fatal("find", context.error());
    auto matches = context->client->find(level.value(), keys);
    if (!matches.ok()) return fatal("find", matches.error());
    for (const auto& match : matches.value()) {
        convertTextToUtf8(*match);
        QStringList row;
        for (const DcmTagKey& tag : columns) row << dicomText(*match, tag);
        printLine(row.join(QLatin1Char('\t')));
    }
    return kSuccess;
}

int runMove(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ask a node to send a study (C-MOVE) to us, or to another node."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Node that has the study."));
    const QCommandLineOption study(QStringLiteral("study"), QStringLiteral("Study Instance UID."), QStringLiteral("UID"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Destination node (default: us)."), QStringLiteral("NODE"));
    parser.addOptions({study, to});
    if (int code = parseOrExit(parser, invocation, "move"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(study))
        return fatal("move", QStringLiteral("usage: move NODE --study UID [--to NODE]"));
    if (!parser.isSet(to)) return retrieveInto(invocation, "move", parser.positionalArguments().front(), parser.value(study), RetrieveMethod::Move);
    auto context = connectForQuery(invocation, parser.positionalArguments().front());
    if (!context.ok()) return fatal("move", context.error());
    auto node = context->book.named(parser.value(to));
    if (!node.ok()) return fatal("move", node.error());
    DcmDataset keys = studyKeys(parser.value(study));
    return printRetrieveSummary("move", context->client->move(QueryLevel::Study, keys, node->aeTitle));
}

int runGet(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Retrieve a study (C-GET) over our own association into the archive."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Node that has the study."));
    const QCommandLineOption study(QStringLiteral("study"), QStringLiteral("Study Instance UID."), QStringLiteral("UID"));
    parser.addOption(study);
    if (int code = parseOrExit(parser, invocation, "get"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(study)) return fatal("get", QStringLiteral("usage: get NODE --study UID"));
    return retrieveInto(invocation, "get", parser.positionalArguments().front(), parser.value(study), RetrieveMethod::Get);
}

namespace {

Result<TransferQueue> openQueue(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    return TransferQueue::open(root.value());
}

QString describeJob(const JobInfo& j) {
    return QStringList{QString::number(j.id), jobStateName(j.state), j.destination,
                       QStringLiteral("%1/%2").arg(j.sent).arg(j.total), QString::number(j.failed),
                       QString::number(j.attempts), QString::number(j.bytesSent), j.lastError}
        .join(QLatin1Char('\t'));
}

int queueList(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List transfer jobs: id, state, destination, sent/total, failed, attempts, bytes sent, last error."));
    if (int code = parseOrExit(parser, invocation, "queue list"); code >= 0) return code;
    auto queue = openQueue(invocation);
    if (!queue.ok()) return fatal("queue list", queue.error());
    auto jobs = queue->jobs();
    if (!jobs.ok()) return fatal("queue list", jobs.error());
    for (const JobInfo& j : jobs.value()) printLine(describeJob(j));
    return kSuccess;
}

int queueRun(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run every unfinished job (queued, or interrupted by a crash) to its end."));
    if (int code = parseOrExit(parser, invocation, "queue run"); code >= 0) return code;
    auto queue = openQueue(invocation);
    auto book = openNodeBook(invocation);
    for (const QString& error : {queue.error(), book.error()})
        if (!error.isEmpty()) return fatal("queue run", error);
    auto ids = queue->unfinishedJobs();
    if (!ids.ok()) return fatal("queue run", ids.error());
    bool allDone = true;
    for (qint64 id : ids.value()) {
        auto job = queue->run(id, book.value());
        if (!job.ok()) return fatal("queue run", job.error());
        allDone = allDone && job->state == JobState::Done;
        printLine(describeJob(job.value()));
    }
    return allDone ? kSuccess : kPartialFailure;
}

// retry, pause and cancel: one job id, one queue call.
int queueChange(const Invocation& invocation, const char* name, Status (TransferQueue::*change)(qint64) const) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Job id (queue list)."));
    if (int code = parseOrExit(parser, invocation, name); code >= 0) return code;
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (!ok) return fatal(name, QStringLiteral("give a job ID"));
    auto queue = openQueue(invocation);
    if (!queue.ok()) return fatal(name, queue.error());
    if (Status s = (queue.value().*change)(id); !s.ok()) return fatal(name, s.error());
    return kSuccess;
}

int queueRetry(const Invocation& i) { return queueChange(i, "queue retry", &TransferQueue::retry); }
int queuePause(const Invocation& i) { return queueChange(i, "queue pause", &TransferQueue::pause); }
int queueCancel(const Invocation& i) { return queueChange(i, "queue cancel", &TransferQueue::cancel); }

}  // namespace

int runQueue(const Invocation& invocation) {
    return dispatch(invocation, 1,
                    {{"list", queueList}, {"run", queueRun}, {"retry", queueRetry}, {"pause", queuePause}, {"cancel", queueCancel}},
                    "usage: telerad-cli queue list|run|retry|pause|cancel  (--help on each)");
}

}  // namespace telerad::cli
