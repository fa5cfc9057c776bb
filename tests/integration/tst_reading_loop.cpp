// The whole reading loop on one machine: a clinic and a reading site, each a telerad-cli
// with its own data folder and `serve`, TLS with a test CA. The clinic sends a study with a
// read request; the radiologist finds it on the worklist, claims it, writes, signs and sends
// the report; the clinic receives it, shows it valid and acknowledges its critical finding.
// Outside tools judge what we write: dcmsign, dciodvfy, dsrdump, pdftotext.

#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace telerad;
using test::Site;
using test::TestPki;
using test::ToolRun;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);
const QString kIndication = QStringLiteral("Céphalées brutales");
const QString kFindings = QStringLiteral("Pas d’hémorragie méningée. Œdème absent.");

QString writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) return {};
    return path;
}

QString describe(const ToolRun& run) { return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(run.exitCode).arg(run.out, run.err); }

/// The archived files of `site` whose SOP class is `sopClass` (as dcmdump names it).
QStringList archivedFilesOfClass(const Site& site, const QString& sopClass) {
    QStringList files;
    for (const QString& relative : site.archivedFiles()) {
        const QString file = site.home() + QStringLiteral("/archive/") + relative;
        if (test::runTool(QStringLiteral("dcmdump"), {QStringLiteral("+P"), QStringLiteral("0008,0016"), file}).out.contains(sopClass)) files << file;
    }
    return files;
}

}  // namespace

class ReadingLoopTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok() && otherPki.ok());
        QVERIFY(clinic.enrol(pki) && reader.enrol(pki));
        QVERIFY(clinic.addNode(QStringLiteral("READER"), reader.aeTitle(), reader.port()));
        QVERIFY(reader.addNode(QStringLiteral("CLINIC"), clinic.aeTitle(), clinic.port()));
        QCOMPARE(clinic.cli(QStringList{QStringLiteral("import")} + test::mrStudyFiles()).exitCode, 0);
        QVERIFY(clinic.startServing() && reader.startServing());
        // The radiologist's signing certificate, from the same CA, as PKCS#12 with a passphrase.
        const QStringList radiologist = pki.issuePerson(QStringLiteral("Dr Marie Curie"), QStringLiteral("s3cret"));
        QCOMPARE(radiologist.size(), 3);
        p12 = radiologist[2];
        passphrase = writeFile(work.filePath(QStringLiteral("pass.txt")), "s3cret\n");
        otherPki.issue(QStringLiteral("OTHER"));  // makes its CA certificate exist
    }
    void cleanupTestCase() { QVERIFY(clinic.stopServing() && reader.stopServing()); }
    void init() { test::failOnUnexpectedWarnings(); }

    void clinicSendsAStudyWithARequest() {
        const ToolRun sent = clinic.cli({QStringLiteral("request"), QStringLiteral("READER"), test::kMrStudyUid, QStringLiteral("--indication"),
                                         kIndication, QStringLiteral("--question"), QStringLiteral("Hémorragie méningée ?"),
                                         QStringLiteral("--urgency"), QStringLiteral("emergency"), QStringLiteral("--physician"),
                                         QStringLiteral("Dupont^Jean"), QStringLiteral("--phone"), QStringLiteral("+33 555 000 000")});
        QVERIFY2(sent.exitCode == 0, qPrintable(describe(sent)));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent 16, failed 0"));
        QCOMPARE(reader.archivedFiles().size(), 16);
        // The request rides in standard attributes of the instances the reader received...
        const QString received = reader.home() + QStringLiteral("/archive/") + reader.archivedFiles().first();
        const QString dump = test::runTool(QStringLiteral("dcmdump"), {QStringLiteral("+U8"), received}).out;
        QVERIFY2(dump.contains(QStringLiteral("(0040,1003) SH [STAT]")), qPrintable(dump));
        QVERIFY(dump.contains(QStringLiteral("(0032,1032) PN [Dupont^Jean]")));
        QVERIFY(dump.contains(kIndication));
        // ...while the clinic's own archive keeps its instances as they were.
        const QString own = clinic.home() + QStringLiteral("/archive/") + clinic.archivedFiles().first();
        QVERIFY(!test::runTool(QStringLiteral("dcmdump"), {own}).out.contains(QStringLiteral("(0040,1003)")));
        QCOMPARE(requestState(), QStringLiteral("received"));
    }

    void theRequestIsOnTheReadersWorklist() {
        const ToolRun json = reader.cli({QStringLiteral("worklist"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray entries = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value(QStringLiteral("studyUid")).toString(), test::kMrStudyUid);
        QCOMPARE(entry.value(QStringLiteral("urgency")).toString(), QStringLiteral("emergency"));
        QCOMPARE(entry.value(QStringLiteral("indication")).toString(), kIndication);
        QCOMPARE(entry.value(QStringLiteral("requestingSite")).toString(), clinic.aeTitle());
        QCOMPARE(entry.value(QStringLiteral("modality")).toString(), QStringLiteral("MR"));
        QCOMPARE(entry.value(QStringLiteral("state")).toString(), QStringLiteral("new"));
        const int left = entry.value(QStringLiteral("secondsLeft")).toInt();
        QVERIFY2(left > 3400 && left <= 3600, "an emergency is due within the hour");
        QVERIFY(!entry.value(QStringLiteral("overdue")).toBool());
        const QStringList columns = reader.cli({QStringLiteral("worklist")}).out.trimmed().split(QLatin1Char('\t'));
        QCOMPARE(columns.size(), 11);
        QCOMPARE(columns.first(), QStringLiteral("emergency"));
        QCOMPARE(columns.last(), test::kMrStudyUid);
    }

    void turnaroundIsConfigurableAndOverdueStandsOut() {
        // 0.36 s for an emergency: a second later the request is overdue.
        const QString config = writeFile(reader.home() + QStringLiteral("/reading.json"), R"({"turnaroundHours": {"emergency": 0.0001}})");
        QVERIFY(!config.isEmpty());
        QTest::qWait(1000);
        const QJsonObject entry = QJsonDocument::fromJson(reader.cli({QStringLiteral("worklist"), QStringLiteral("--json")}).out.toUtf8())
                                      .array().first().toObject();
        QVERIFY(entry.value(QStringLiteral("overdue")).toBool());
        QVERIFY(entry.value(QStringLiteral("secondsLeft")).toInt() < 0);
        QVERIFY(reader.cli({QStringLiteral("worklist")}).out.startsWith(QStringLiteral("emergency\t-0h")));
        QVERIFY(QFile::remove(config));  // back to the defaults: an hour
        QVERIFY(reader.cli({QStringLiteral("worklist")}).out.startsWith(QStringLiteral("emergency\t0h5")));
    }

    void claimingLocksOthersOutAndTellsTheClinic() {
        const ToolRun claimed = reader.cli({QStringLiteral("worklist"), QStringLiteral("claim"), test::kMrStudyUid, QStringLiteral("--as"),
                                            QStringLiteral("Curie^Marie")});
        QVERIFY2(claimed.exitCode == 0, qPrintable(describe(claimed)));
        const ToolRun second = reader.cli({QStringLiteral("worklist"), QStringLiteral("claim"), test::kMrStudyUid, QStringLiteral("--as"),
                                           QStringLiteral("Other^Radiologist")});
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains(QStringLiteral("already being read by Curie^Marie")), qPrintable(second.err));
        QCOMPARE(requestState(), QStringLiteral("in reading"));
    }

    void theReportIsWrittenSignedAndSent() {
        const QString text = writeFile(work.filePath(QStringLiteral("report.txt")),
                                       QStringLiteral("Résultats :\n%1\nConclusion: Examen normal.\n").arg(kFindings).toUtf8());
        const ToolRun created = reader.cli({QStringLiteral("report"), QStringLiteral("create"), QStringLiteral("--study"), test::kMrStudyUid,
                                            QStringLiteral("--template"), QStringLiteral("mr-brain-fr"), QStringLiteral("--text"), text,
                                            QStringLiteral("--author"), QStringLiteral("Curie^Marie"), QStringLiteral("--critical")});
        QVERIFY2(created.exitCode == 0, qPrintable(describe(created)));
        reportUid = created.out.trimmed();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9.]{10,64}$")).match(reportUid).hasMatch(), qPrintable(reportUid));

        const QString wrong = writeFile(work.filePath(QStringLiteral("wrong.txt")), "not-it\n");
        const ToolRun refused = reader.cli({QStringLiteral("report"), QStringLiteral("sign"), reportUid, QStringLiteral("--p12"), p12,
                                            QStringLiteral("--passphrase-file"), wrong});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("passphrase")), qPrintable(refused.err));

        const ToolRun signedRun = reader.cli({QStringLiteral("report"), QStringLiteral("sign"), reportUid, QStringLiteral("--p12"), p12,
                                              QStringLiteral("--passphrase-file"), passphrase});
        QVERIFY2(signedRun.exitCode == 0, qPrintable(describe(signedRun)));
        QCOMPARE(signedRun.out.trimmed(), QStringLiteral("signed %1 by Dr Marie Curie").arg(reportUid));
        QCOMPARE(requestState(), QStringLiteral("reported"));  // the clinic was told

        const ToolRun again = reader.cli({QStringLiteral("report"), QStringLiteral("sign"), reportUid, QStringLiteral("--p12"), p12,
                                          QStringLiteral("--passphrase-file"), passphrase});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("never changed")), qPrintable(again.err));

        const ToolRun sent = reader.cli({QStringLiteral("report"), QStringLiteral("send"), reportUid, QStringLiteral("CLINIC")});
        QVERIFY2(sent.exitCode == 0, qPrintable(describe(sent)));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent 2, failed 0"));  // the SR and its PDF
    }

    void theClinicShowsTheReportValid() {
        const ToolRun list = clinic.cli({QStringLiteral("report"), QStringLiteral("list"), QStringLiteral("--study"), test::kMrStudyUid});
        QCOMPARE(list.exitCode, 0);
        const QStringList columns = list.out.trimmed().split(QLatin1Char('\t'));
        QCOMPARE(columns.size(), 9);
        QCOMPARE(columns[0], reportUid);
        QCOMPARE(columns[2], QStringLiteral("received"));
        QVERIFY2(columns[4].startsWith(QStringLiteral("valid (signed by /CN=Dr Marie Curie, issued by /CN=Telerad Test CA")), qPrintable(columns[4]));
        QCOMPARE(columns[5], QStringLiteral("critical"));
        QCOMPARE(requestState(), QStringLiteral("report verified"));
        const ToolRun shown = clinic.cli({QStringLiteral("report"), QStringLiteral("show"), reportUid});
        QVERIFY2(shown.out.contains(kFindings) && shown.out.contains(QStringLiteral("RÉSULTAT CRITIQUE")), qPrintable(shown.out));
        QVERIFY(shown.out.contains(kIndication));  // the indication came from the request
    }

    void outsideToolsAcceptWhatWeWrote() {
        const QString dcm = work.filePath(QStringLiteral("report.dcm")), pdf = work.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(clinic.cli({QStringLiteral("report"), QStringLiteral("export"), reportUid, QStringLiteral("--out"), dcm, QStringLiteral("--pdf"), pdf}).exitCode, 0);
        const ToolRun dcmsign = test::runTool(QStringLiteral("dcmsign"), {QStringLiteral("--verify"), QStringLiteral("--require-sr"),
                                                                          QStringLiteral("--add-cert-file"), pki.caCertificate(), dcm});
        QVERIFY2(dcmsign.exitCode == 0, qPrintable(describe(dcmsign)));
        QCOMPARE(clinic.cli({QStringLiteral("report"), QStringLiteral("verify"), dcm, QStringLiteral("--ca"), pki.caCertificate()}).exitCode, 0);
        // The SR, its PDF, and the notices the reader sent (in reading, reported): all ours.
        QStringList written = archivedFilesOfClass(clinic, QStringLiteral("=BasicTextSRStorage"));
        QCOMPARE(written.size(), 3);
        written << archivedFilesOfClass(clinic, QStringLiteral("=EncapsulatedPDFStorage"));
        for (const QString& file : written) {
            QVERIFY(!file.isEmpty());
            const ToolRun checked = test::runTool(QStringLiteral("dciodvfy"), {file});
            const QString output = checked.out + checked.err;
            QVERIFY2(!output.contains(QStringLiteral("Error")), qPrintable(output));
            QVERIFY2(output.contains(QStringLiteral("BasicTextSR")) || output.contains(QStringLiteral("EncapsulatedPDF")), qPrintable(output));
        }
        const ToolRun dump = test::runTool(QStringLiteral("dsrdump"), {QStringLiteral("--print-long-values"), dcm});
        QVERIFY2(dump.out.contains(kFindings) && dump.out.contains(QStringLiteral("VERIFIED")), qPrintable(dump.out));
        const ToolRun text = test::runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY2(text.exitCode == 0 && text.out.contains(kFindings), qPrintable(describe(text)));
        QVERIFY(text.out.contains(QStringLiteral("Signé électroniquement par Dr Marie Curie")));
    }

    void aChangedByteOrAnUntrustedSignerIsNeverValid() {
        QFile original(work.filePath(QStringLiteral("report.dcm")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray bytes = original.readAll();
        const qsizetype at = bytes.indexOf("Examen normal");
        QVERIFY(at > 0);
        bytes[at] = 'F';
        const QString tampered = writeFile(work.filePath(QStringLiteral("tampered.dcm")), bytes);
        const ToolRun ours = clinic.cli({QStringLiteral("report"), QStringLiteral("verify"), tampered, QStringLiteral("--ca"), pki.caCertificate()});
        QCOMPARE(ours.exitCode, 1);
        QVERIFY2(ours.out.contains(QStringLiteral(": invalid: ")), qPrintable(ours.out));
        QVERIFY(test::runTool(QStringLiteral("dcmsign"), {QStringLiteral("--verify"), QStringLiteral("--require-sr"), QStringLiteral("--add-cert-file"),
                                                         pki.caCertificate(), tampered}).exitCode != 0);
        const ToolRun foreign = clinic.cli({QStringLiteral("report"), QStringLiteral("verify"), original.fileName(), QStringLiteral("--ca"),
                                            otherPki.caCertificate()});
        QCOMPARE(foreign.exitCode, 1);
        QVERIFY2(foreign.out.contains(QStringLiteral(": untrusted: ")), qPrintable(foreign.out));
        const QString unsignedFile = work.filePath(QStringLiteral("unsigned.dcm"));
        QCOMPARE(test::runTool(QStringLiteral("dcmsign"), {QStringLiteral("--remove-all"), original.fileName(), unsignedFile}).exitCode, 0);
        const ToolRun bare = clinic.cli({QStringLiteral("report"), QStringLiteral("verify"), unsignedFile, QStringLiteral("--ca"), pki.caCertificate()});
        QCOMPARE(bare.exitCode, 1);
        QVERIFY2(bare.out.trimmed().endsWith(QStringLiteral(": unsigned")), qPrintable(bare.out));
    }

    void theCriticalFindingIsAcknowledgedBackToTheReader() {
        QVERIFY(reportColumns(reader)[3] == QStringLiteral("delivered"));
        const ToolRun ack = clinic.cli({QStringLiteral("report"), QStringLiteral("ack"), reportUid, QStringLiteral("--as"), QStringLiteral("Dupont^Jean")});
        QVERIFY2(ack.exitCode == 0, qPrintable(describe(ack)));
        QCOMPARE(reportColumns(reader)[3], QStringLiteral("acknowledged"));
        QCOMPARE(reportColumns(clinic)[3], QStringLiteral("acknowledged"));
    }

    void anAddendumIsANewSignedReportNamingItsPredecessor() {
        const QString text = writeFile(work.filePath(QStringLiteral("addendum.txt")), "Relecture : pas de changement.\n");
        const ToolRun created = reader.cli({QStringLiteral("report"), QStringLiteral("create"), QStringLiteral("--study"), test::kMrStudyUid,
                                            QStringLiteral("--template"), QStringLiteral("mr-brain-fr"), QStringLiteral("--text"), text,
                                            QStringLiteral("--author"), QStringLiteral("Curie^Marie"), QStringLiteral("--addendum-to"), reportUid});
        QVERIFY2(created.exitCode == 0, qPrintable(describe(created)));
        const QString addendum = created.out.trimmed();
        QVERIFY(addendum != reportUid);
        QCOMPARE(reader.cli({QStringLiteral("report"), QStringLiteral("sign"), addendum, QStringLiteral("--p12"), p12, QStringLiteral("--passphrase-file"),
                             passphrase}).exitCode, 0);
        const QString dcm = work.filePath(QStringLiteral("addendum.dcm"));
        QCOMPARE(reader.cli({QStringLiteral("report"), QStringLiteral("export"), addendum, QStringLiteral("--out"), dcm}).exitCode, 0);
        const QString dump = test::runTool(QStringLiteral("dcmdump"), {QStringLiteral("+P"), QStringLiteral("0040,a360"), QStringLiteral("+P"),
                                                                       QStringLiteral("0008,1155"), dcm}).out;
        QVERIFY2(dump.contains(reportUid), qPrintable(dump));
        const QString shown = reader.cli({QStringLiteral("report"), QStringLiteral("show"), addendum}).out;
        QVERIFY2(shown.contains(QStringLiteral("Addendum:\nRelecture : pas de changement.")) && shown.contains(kFindings), qPrintable(shown));
        QCOMPARE(reader.cli({QStringLiteral("report"), QStringLiteral("verify"), dcm, QStringLiteral("--ca"), pki.caCertificate()}).exitCode, 0);
    }

    // Every step above touched patient data on one site or the other: each left its record,
    // naming the study and, across the network, the peer; both trails verify.
    void everyStepOfTheLoopIsAuditedOnBothSites() {
        const auto expectStudyRecords = [](const Site& site, const QString& action, int atLeast) {
            const QList<QStringList> records = site.auditRecords(action);
            QVERIFY2(records.size() >= atLeast, qPrintable(QStringLiteral("%1: %2 %3 records").arg(site.aeTitle(), action).arg(records.size())));
            for (const QStringList& record : records) QCOMPARE(record.value(7), test::kMrStudyUid);
        };
        for (const QString& action : {QStringLiteral("study-imported"), QStringLiteral("request-created"), QStringLiteral("study-sent"),
                                      QStringLiteral("report-received"), QStringLiteral("report-verified"), QStringLiteral("report-viewed"),
                                      QStringLiteral("study-exported")})
            expectStudyRecords(clinic, action, 1);
        for (const QString& action : {QStringLiteral("study-received"), QStringLiteral("report-created"), QStringLiteral("report-sent")})
            expectStudyRecords(reader, action, 1);
        const QList<QStringList> received = reader.auditRecords(QStringLiteral("study-received"));
        QVERIFY2(received.front().value(8).startsWith(QStringLiteral("CLINIC@127.0.0.1 [")), qPrintable(received.front().value(8)));
        QVERIFY2(received.front().value(9).startsWith(QStringLiteral("16 instances stored")), qPrintable(received.front().value(9)));
        const QList<QStringList> reports = clinic.auditRecords(QStringLiteral("report-received"));
        QVERIFY2(reports.front().value(8).startsWith(QStringLiteral("READER@127.0.0.1 [")), qPrintable(reports.front().value(8)));
        const QList<QStringList> signings = reader.auditRecords(QStringLiteral("report-signed"));
        QVERIFY(signings.size() >= 3);  // the wrong passphrase, the signature, the addendum's
        QCOMPARE(signings.front().value(5), QStringLiteral("failure"));
        QCOMPARE(signings.at(1).value(5), QStringLiteral("success"));
        for (const Site* site : {&clinic, &reader}) {
            const ToolRun verified = site->cli({QStringLiteral("audit"), QStringLiteral("verify")});
            QVERIFY2(verified.exitCode == 0 && verified.out.startsWith(QStringLiteral("audit trail intact: ")), qPrintable(describe(verified)));
        }
    }

private:
    QString requestState() const {
        const QStringList columns = clinic.cli({QStringLiteral("requests")}).out.trimmed().split(QLatin1Char('\t'));
        return columns.value(3);
    }
    QStringList reportColumns(const Site& site) const {
        const QStringList lines = site.cli({QStringLiteral("report"), QStringLiteral("list")}).out.trimmed().split(QLatin1Char('\n'));
        for (const QString& line : lines)
            if (line.startsWith(reportUid)) return line.split(QLatin1Char('\t'));
        return QStringList(QStringLiteral("missing")) << QString() << QString() << QString();
    }

    TestPki pki{kCli}, otherPki{kCli};
    Site clinic{kCli, QStringLiteral("CLINIC")}, reader{kCli, QStringLiteral("READER")};
    QTemporaryDir work;
    QString p12, passphrase, reportUid;
};

QTEST_GUILESS_MAIN(ReadingLoopTest)
#include "tst_reading_loop.moc"
