// telerad-cli request, worklist and report: the reading workflow, headless (README,
// "Read requests and reports"). Output formats are a contract with scripts.
#include "CommandLine.h"

#include "common/AtomicFile.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "net/NodeBook.h"
#include "net/TransferQueue.h"
#include "report/ReadingDesk.h"
#include "security/UserAccounts.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <dcmtk/dcmdata/dcfilefo.h>

#include <cstdio>

#include <termios.h>
#include <unistd.h>

namespace telerad::cli {
namespace {

Result<ReadingDesk> openDesk(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    return ReadingDesk::open(root.value());
}

/// The person acting: --as NAME, else the signed-in account (the operating-system user
/// on a workstation without accounts).
QString actingPerson(const QCommandLineParser& parser, const QCommandLineOption& as) {
    return parser.isSet(as) ? parser.value(as) : auditActor().user;
}

/// "2h05m", "-0h12m" past the deadline.
QString timeLeft(qint64 seconds) {
    const qint64 magnitude = std::abs(seconds);
    return QStringLiteral("%1%2h%3m").arg(seconds < 0 ? QStringLiteral("-") : QString()).arg(magnitude / 3600)
        .arg((magnitude % 3600) / 60, 2, 10, QLatin1Char('0'));
}

/// Sends the notices and reports the desk just queued, once, without waiting for retries: a
/// job that cannot go now stays queued for `queue run` or the GUI.
void deliverQueuedNow(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return;
    auto queue = TransferQueue::open(root.value());
    auto book = NodeBook::load(root.value());
    if (!queue.ok() || !book.ok()) return;
    auto ids = queue->unfinishedJobs();
    if (!ids.ok()) return;
    RetryPolicy once;
    once.maxAttempts = 1;
    for (qint64 id : ids.value()) {
        auto job = queue->run(id, book.value(), once);
        if (job.ok() && job->state != JobState::Done) {
            printError(QStringLiteral("job %1 to %2 not delivered yet (%3); it stays queued").arg(id).arg(job->destination, job->lastError));
            (void)queue->retry(id);
        }
    }
}

Result<QByteArray> readPassphrase(const QCommandLineParser& parser, const QCommandLineOption& file) {
    if (parser.isSet(file)) {
        auto secret = readSecretFile(parser.value(file));  // its first line, as for passwords
        if (!secret.ok()) return failure(secret.error());
        return secret->toUtf8();
    }
    if (!::isatty(STDIN_FILENO)) return QByteArray();
    std::fputs("Passphrase: ", stderr);
    termios saved{};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    char line[1024] = {};
    const bool read = std::fgets(line, sizeof line, stdin) != nullptr;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fputs("\n", stderr);
    return read ? QByteArray(line).trimmed() : QByteArray();
}

int runRequestCommand(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send an archived study to NODE for reading, with the request in its instances; waits for the transfer."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("The reading site."));
    parser.addPositionalArgument(QStringLiteral("STUDY_UID"), QStringLiteral("The study."));
    const QCommandLineOption indication(QStringLiteral("indication"), QStringLiteral("Clinical indication."), QStringLiteral("TEXT"));
    const QCommandLineOption question(QStringLiteral("question"), QStringLiteral("The question asked."), QStringLiteral("TEXT"));
    const QCommandLineOption urgency(QStringLiteral("urgency"), QStringLiteral("routine, urgent or emergency."), QStringLiteral("U"));
    const QCommandLineOption physician(QStringLiteral("physician"), QStringLiteral("Requesting physician."), QStringLiteral("NAME"));
    const QCommandLineOption phone(QStringLiteral("phone"), QStringLiteral("Contact phone."), QStringLiteral("NUMBER"));
    const QCommandLineOption replyTo(QStringLiteral("reply-to"), QStringLiteral("Node the report comes back to (default: this site)."), QStringLiteral("NODE"));
    parser.addOptions({indication, question, urgency, physician, phone, replyTo});
    if (int code = parseOrExit(parser, invocation, "request"); code >= 0) return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) return fatal("request", QStringLiteral("usage: request NODE STUDY_UID --indication TEXT --urgency U ..."));
    if (!parser.isSet(indication)) return fatal("request", QStringLiteral("--indication is needed: the radiologist reads for a reason"));
    auto level = parseUrgency(parser.isSet(urgency) ? parser.value(urgency) : QStringLiteral("routine"));
    if (!level.ok()) return fatal("request", level.error());
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("request", book.error());
    QString replyAe = book->site().aeTitle;
    if (parser.isSet(replyTo) && parser.value(replyTo) != replyAe) {
        auto node = book->named(parser.value(replyTo));
        if (!node.ok()) return fatal("request", node.error());
        replyAe = node->aeTitle;
    }
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("request", desk.error());
    const ReadRequest request{parser.value(indication), parser.value(question), level.value(), parser.value(physician),
                              parser.value(phone), book->site().aeTitle, replyAe};
    auto job = desk->requestRead(args[0], args[1], request);
    if (!job.ok()) return fatal("request", job.error());
    auto queue = TransferQueue::open(book->dataFolderRoot());
    if (!queue.ok()) return fatal("request", queue.error());
    return runJobToEnd("request", queue.value(), job.value(), book.value(), RetryPolicy{});
}

int runRequestsCommand(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Read requests this site sent, newest first: study UID, reading node, urgency, state (sent, received, in reading, reported, "
        "report received, report verified), patient, patient ID, sent (UTC)."));
    if (int code = parseOrExit(parser, invocation, "requests"); code >= 0) return code;
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("requests", desk.error());
    auto sent = desk->requests(true);
    if (!sent.ok()) return fatal("requests", sent.error());
    for (const RequestRecord& r : sent.value())
        printLine(QStringList{r.studyUid, r.node, urgencyName(r.request.urgency), r.state, displayPersonName(r.patientName), r.patientId,
                              r.createdAt.toString(Qt::ISODate)}
                      .join(QLatin1Char('\t')));
    return kSuccess;
}

QJsonObject requestJson(const RequestRecord& r, const QDateTime& now) {
    return QJsonObject{{QStringLiteral("studyUid"), r.studyUid}, {QStringLiteral("patientName"), displayPersonName(r.patientName)},
                       {QStringLiteral("patientId"), r.patientId}, {QStringLiteral("modality"), r.modality},
                       {QStringLiteral("bodyPart"), r.bodyPart}, {QStringLiteral("studyDescription"), r.studyDescription},
                       {QStringLiteral("urgency"), urgencyName(r.request.urgency)},
                       {QStringLiteral("requestingSite"), r.request.requestingSite.isEmpty() ? r.node : r.request.requestingSite},
                       {QStringLiteral("indication"), r.request.indication}, {QStringLiteral("question"), r.request.question},
                       {QStringLiteral("physician"), displayPersonName(r.request.physician)}, {QStringLiteral("phone"), r.request.phone},
                       {QStringLiteral("receivedAt"), r.createdAt.toString(Qt::ISODate)}, {QStringLiteral("deadline"), r.deadline.toString(Qt::ISODate)},
                       {QStringLiteral("secondsLeft"), r.secondsLeft(now)}, {QStringLiteral("overdue"), r.secondsLeft(now) < 0},
                       {QStringLiteral("state"), r.state}, {QStringLiteral("claimedBy"), r.claimedBy}};
}

int worklistClaim(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Claim a request: you read it, nobody else; the requesting site is told."));
    parser.addPositionalArgument(QStringLiteral("STUDY_UID"), QStringLiteral("The request's study."));
    const QCommandLineOption as(QStringLiteral("as"), QStringLiteral("Who reads (default: your user name)."), QStringLiteral("NAME"));
    parser.addOption(as);
    if (int code = parseOrExit(parser, invocation, "worklist claim"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("worklist claim", QStringLiteral("give one STUDY_UID"));
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("worklist claim", desk.error());
    auto claimed = desk->claim(parser.positionalArguments()[0], actingPerson(parser, as));
    if (!claimed.ok()) return fatal("worklist claim", claimed.error());
    deliverQueuedNow(invocation);
    printLine(claimed.value());
    return kSuccess;
}

int runWorklist(const Invocation& invocation) {
    if (invocation.arguments.value(1) == QLatin1String("claim"))
        return dispatch(invocation, 1, {{"claim", worklistClaim}}, "usage: telerad-cli worklist [--json] | worklist claim STUDY_UID");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The reading worklist: requests received and not reported yet, most urgent deadline first. Columns: urgency, time left "
        "(negative: overdue), patient, patient ID, modality, body part, requesting site, received (UTC), state, claimed by, study UID. "
        "'worklist claim STUDY_UID' claims one."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON array instead of lines."));
    parser.addOption(json);
    if (int code = parseOrExit(parser, invocation, "worklist"); code >= 0) return code;
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("worklist", desk.error());
    auto entries = desk->worklist();
    if (!entries.ok()) return fatal("worklist", entries.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const RequestRecord& r : entries.value()) array.append(requestJson(r, now));
        printLine(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
        return kSuccess;
    }
    for (const RequestRecord& r : entries.value())
        printLine(QStringList{urgencyName(r.request.urgency), timeLeft(r.secondsLeft(now)), displayPersonName(r.patientName), r.patientId,
                              r.modality, r.bodyPart, r.request.requestingSite.isEmpty() ? r.node : r.request.requestingSite,
                              r.createdAt.toString(Qt::ISODate), r.state, r.claimedBy, r.studyUid}
                      .join(QLatin1Char('\t')));
    return kSuccess;
}

int reportCreate(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a draft report on an archived study from a template and a text file; prints its SOP Instance UID."));
    const QCommandLineOption study(QStringLiteral("study"), QStringLiteral("The study."), QStringLiteral("UID"));
    const QCommandLineOption templ(QStringLiteral("template"), QStringLiteral("Template name (report templates lists them)."), QStringLiteral("NAME"));
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("UTF-8 text; lines such as 'Findings:' start sections."), QStringLiteral("FILE"));
    const QCommandLineOption author(QStringLiteral("author"), QStringLiteral("Author, as FAMILY^GIVEN or plain."), QStringLiteral("NAME"));
    const QCommandLineOption critical(QStringLiteral("critical"), QStringLiteral("The report holds a critical finding: the requester must acknowledge it."));
    const QCommandLineOption addendum(QStringLiteral("addendum-to"), QStringLiteral("Make it an addendum to this signed report."), QStringLiteral("UID"));
    parser.addOptions({study, templ, text, author, critical, addendum});
    if (int code = parseOrExit(parser, invocation, "report create"); code >= 0) return code;
    if (!parser.isSet(study) || !parser.isSet(templ) || !parser.isSet(text) || !parser.isSet(author))
        return fatal("report create", QStringLiteral("--study, --template, --text and --author are needed"));
    auto body = readWholeFile(parser.value(text));
    if (!body.ok()) return fatal("report create", body.error());
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report create", desk.error());
    auto uid = desk->createReport(parser.value(study), parser.value(templ), QString::fromUtf8(body.value()), parser.value(author),
                                  parser.isSet(critical), parser.value(addendum));
    if (!uid.ok()) return fatal("report create", uid.error());
    printLine(uid.value());
    return kSuccess;
}

int reportSign(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Verify and sign a draft report with your certificate; it becomes final and is archived with its PDF."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("The draft report."));
    const QCommandLineOption p12(QStringLiteral("p12"), QStringLiteral("PKCS#12 file with key and certificate."), QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("PEM private key (may be encrypted)."), QStringLiteral("FILE"));
    const QCommandLineOption cert(QStringLiteral("cert"), QStringLiteral("PEM certificate."), QStringLiteral("FILE"));
    const QCommandLineOption passphrase(QStringLiteral("passphrase-file"), QStringLiteral("First line: the passphrase (else asked)."), QStringLiteral("F"));
    parser.addOptions({p12, key, cert, passphrase});
    if (int code = parseOrExit(parser, invocation, "report sign"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("report sign", QStringLiteral("give one report UID"));
    if (parser.isSet(p12) == (parser.isSet(key) || parser.isSet(cert)) || (!parser.isSet(p12) && !(parser.isSet(key) && parser.isSet(cert))))
        return fatal("report sign", QStringLiteral("give either --p12 FILE or both --key FILE and --cert FILE"));
    auto secret = readPassphrase(parser, passphrase);
    if (!secret.ok()) return fatal("report sign", secret.error());
    auto identity = parser.isSet(p12) ? loadSigningIdentityP12(parser.value(p12), secret.value())
                                      : loadSigningIdentityPem(parser.value(key), parser.value(cert), secret.value());
    if (!identity.ok()) {  // a wrong passphrase is a failed attempt to sign: kept for the audit
        auditCommand(invocation, {QString(audit::kReportSigned), false, {}, {}, {},
                                  QStringLiteral("%1: %2").arg(parser.positionalArguments()[0], identity.error())});
        return fatal("report sign", identity.error());
    }
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report sign", desk.error());
    auto signedReport = desk->signReport(parser.positionalArguments()[0], identity.value());
    if (!signedReport.ok()) return fatal("report sign", signedReport.error());
    deliverQueuedNow(invocation);
    printLine(QStringLiteral("signed %1 by %2").arg(signedReport->sopUid, signedReport->signer));
    return kSuccess;
}

int reportSend(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send a signed report (SR and PDF) to NODE through the transfer queue; waits for it."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("The report."));
    parser.addPositionalArgument(QStringLiteral("NODE"), QStringLiteral("Destination (default: where its request said)."), QStringLiteral("[NODE]"));
    if (int code = parseOrExit(parser, invocation, "report send"); code >= 0) return code;
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty() || args.size() > 2) return fatal("report send", QStringLiteral("usage: report send UID [NODE]"));
    auto desk = openDesk(invocation);
    auto book = openNodeBook(invocation);
    for (const QString& error : {desk.error(), book.error()})
        if (!error.isEmpty()) return fatal("report send", error);
    auto job = desk->sendReport(args[0], args.value(1));
    if (!job.ok()) return fatal("report send", job.error());
    auto queue = TransferQueue::open(book->dataFolderRoot());
    if (!queue.ok()) return fatal("report send", queue.error());
    return runJobToEnd("report send", queue.value(), job.value(), book.value(), RetryPolicy{});
}

int reportExport(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Copy a report's DICOM SR to a file, and its PDF rendition with --pdf."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("The report."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The SR goes here."), QStringLiteral("FILE.dcm"));
    const QCommandLineOption pdf(QStringLiteral("pdf"), QStringLiteral("The PDF goes here."), QStringLiteral("FILE.pdf"));
    parser.addOptions({out, pdf});
    if (int code = parseOrExit(parser, invocation, "report export"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(out)) return fatal("report export", QStringLiteral("usage: report export UID --out FILE.dcm [--pdf FILE.pdf]"));
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report export", desk.error());
    if (Status s = desk->exportReport(parser.positionalArguments()[0], parser.value(out), parser.value(pdf)); !s.ok())
        return fatal("report export", s.error());
    return kSuccess;
}

QString signatureColumn(const ReadingDesk& desk, const ReportRecord& r) {
    if (r.state == QLatin1String("draft")) return QStringLiteral("unsigned (draft)");
    auto check = desk.checkSignature(r.sopUid);
    return check.ok() ? check->describe() : QStringLiteral("invalid: %1").arg(check.error());
}

int reportList(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List reports: SOP Instance UID, study UID, authored|received, state, signature (checked now), critical|-, author, title, created (UTC)."));
    const QCommandLineOption study(QStringLiteral("study"), QStringLiteral("Only this study's."), QStringLiteral("UID"));
    parser.addOption(study);
    if (int code = parseOrExit(parser, invocation, "report list"); code >= 0) return code;
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report list", desk.error());
    auto reports = desk->reports(parser.value(study));
    if (!reports.ok()) return fatal("report list", reports.error());
    for (const ReportRecord& r : reports.value())
        printLine(QStringList{r.sopUid, r.studyUid, r.authored ? QStringLiteral("authored") : QStringLiteral("received"), r.state,
                              signatureColumn(desk.value(), r), r.critical ? QStringLiteral("critical") : QStringLiteral("-"),
                              displayPersonName(r.author), r.title, r.createdAt.toString(Qt::ISODate)}
                      .join(QLatin1Char('\t')));
    return kSuccess;
}

int reportVerify(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check a report file's digital signature; exit 0 only when it is valid."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A DICOM SR file."));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("Trusted CA certificate(s), PEM (default: this site's trusted list)."), QStringLiteral("FILE"));
    parser.addOption(ca);
    if (int code = parseOrExit(parser, invocation, "report verify"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("report verify", QStringLiteral("give one FILE"));
    const QString path = parser.positionalArguments()[0];
    QString trustedFile = parser.value(ca);
    if (trustedFile.isEmpty()) {
        auto book = openNodeBook(invocation);
        if (!book.ok()) return fatal("report verify", book.error());
        trustedFile = book->site().trustedFile;
    }
    auto trusted = readWholeFile(trustedFile);
    DcmFileFormat file;
    if (OFCondition c = loadDicomFile(file, path); c.bad())
        return fatal("report verify", QStringLiteral("%1: %2").arg(path, QString::fromLatin1(c.text())));
    const SignatureCheck check = checkReportSignature(*file.getDataset(), trusted.ok() ? trusted.value() : QByteArray());
    printLine(QStringLiteral("%1: %2").arg(path, check.describe()));
    return check.state == SignatureState::Valid ? kSuccess : kPartialFailure;
}

int reportAck(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Acknowledge a received report's critical finding; the reading site is told who and when."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("The report."));
    const QCommandLineOption as(QStringLiteral("as"), QStringLiteral("Who acknowledges (default: your user name)."), QStringLiteral("NAME"));
    parser.addOption(as);
    if (int code = parseOrExit(parser, invocation, "report ack"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("report ack", QStringLiteral("give one report UID"));
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report ack", desk.error());
    auto node = desk->acknowledge(parser.positionalArguments()[0], actingPerson(parser, as));
    if (!node.ok()) return fatal("report ack", node.error());
    deliverQueuedNow(invocation);
    printLine(QStringLiteral("acknowledged %1; %2 is told").arg(parser.positionalArguments()[0], node.value()));
    return kSuccess;
}

int reportShow(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print a report's text as its reader sees it."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("The report."));
    if (int code = parseOrExit(parser, invocation, "report show"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("report show", QStringLiteral("give one report UID"));
    auto desk = openDesk(invocation);
    if (!desk.ok()) return fatal("report show", desk.error());
    auto info = desk->openReport(parser.positionalArguments()[0]);
    if (!info.ok()) return fatal("report show", info.error());
    std::fputs(plainText(info->content).toUtf8().constData(), stdout);
    return kSuccess;
}

int reportTemplates(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List report templates: name, language, modality, region, title."));
    if (int code = parseOrExit(parser, invocation, "report templates"); code >= 0) return code;
    for (const ReportTemplate& t : telerad::reportTemplates())
        printLine(QStringList{t.name, t.language, t.modality, t.region, t.title}.join(QLatin1Char('\t')));
    return kSuccess;
}

}  // namespace

int runRequest(const Invocation& invocation) { return runRequestCommand(invocation); }
int runRequests(const Invocation& invocation) { return runRequestsCommand(invocation); }

int runReport(const Invocation& invocation) {
    return dispatch(invocation, 1,
                    {{"create", reportCreate}, {"sign", reportSign}, {"send", reportSend}, {"export", reportExport}, {"list", reportList},
                     {"verify", reportVerify}, {"ack", reportAck}, {"show", reportShow}, {"templates", reportTemplates}},
                    "usage: telerad-cli report create|sign|send|export|list|verify|ack|show|templates [options]  (--help on each)");
}

int runWorklistCommand(const Invocation& invocation) { return runWorklist(invocation); }

}  // namespace telerad::cli
