// Telerad's DICOM service and client against DCMTK's own tools, over TLS (mutual
// certificates from a CA made at test time) and over plain TCP: storescu -> us, us ->
// storescp, findscu / movescu / getscu / echoscu -> us. What arrives is compared with the
// original files, attribute by attribute and pixel by pixel.

#include "CliRunner.h"
#include "HandWrittenFiles.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include <map>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

// Real files of several transfer syntaxes and SOP classes (images, SR, PDF), each with its
// own SOP Instance UID, grouped by the storescu option that proposes their syntax.
struct SampleGroup {
    QString storescuOption;
    QStringList files;
};

QList<SampleGroup> sampleGroups() {
    const QString corpus = test::corpusFolder();
    const QString nema = corpus + QStringLiteral("/nema-wg04_via-robyoung-dicom-test-files/");
    QList<SampleGroup> groups{{QStringLiteral("-x="), {corpus + QStringLiteral("/orthanc-tests/sample-pdf.dcm"),
                                                        corpus + QStringLiteral("/debian-dicomscope/reportsi.dcm")}}};
    for (const QString& f : test::filesUnder(corpus + QStringLiteral("/dcm4che-mr-series")))
        groups[0].files << corpus + QStringLiteral("/dcm4che-mr-series/") + f;
    const QList<QPair<QString, QString>> syntaxes{{QStringLiteral("REF"), QStringLiteral("-x=")}, {QStringLiteral("JLSL"), QStringLiteral("-xt")},
        {QStringLiteral("JPLL"), QStringLiteral("-xs")}, {QStringLiteral("RLE"), QStringLiteral("-xr")}, {QStringLiteral("J2KR"), QStringLiteral("-xv")},
        {QStringLiteral("J2KI"), QStringLiteral("-xw")}, {QStringLiteral("JPLY"), QStringLiteral("-xx")}, {QStringLiteral("JLSN"), QStringLiteral("-xu")}};
    for (const auto& [folder, option] : syntaxes) {
        SampleGroup group{option, {}};
        for (const QString& f : test::filesUnder(nema + folder)) group.files << nema + folder + QLatin1Char('/') + f;
        groups << group;
    }
    return groups;
}

QStringList sampleFiles() {
    QStringList files;
    for (const SampleGroup& group : sampleGroups()) files << group.files;
    return files;
}

// "patient ID<TAB>study UID" of each file, with how many files each has.
std::map<QString, int> instancesPerStudy(const QStringList& files) {
    std::map<QString, int> studies;
    for (const QString& f : files) {
        DcmFileFormat file;
        if (loadDicomFile(file, f).good())
            ++studies[dicomText(*file.getDataset(), DCM_PatientID) + QLatin1Char('\t') + dicomText(*file.getDataset(), DCM_StudyInstanceUID)];
    }
    return studies;
}

QStringList tlsArguments(TestPki& pki, const QString& aeTitle) {
    const QStringList files = pki.issue(aeTitle);
    return {QStringLiteral("+tls"), files[0], files[1], QStringLiteral("+cf"), pki.caCertificate()};
}

// Every file of `expected` has an identical dataset among `receivedFiles` (by SOP UID).
void verifyAllArrivedUnchanged(const QStringList& expected, const QStringList& receivedFiles) {
    QHash<QString, QString> bySop;
    for (const QString& file : receivedFiles) bySop.insert(test::sopInstanceUidOf(file), file);
    QCOMPARE(bySop.size(), expected.size());
    for (const QString& original : expected) {
        const QString uid = test::sopInstanceUidOf(original);
        QVERIFY2(bySop.contains(uid), qPrintable(QStringLiteral("%1 (%2) did not arrive").arg(original, uid)));
        const QString difference = test::compareDatasets(original, bySop.value(uid));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
}

QStringList absolute(const QString& root, const QStringList& relative) {
    QStringList files;
    for (const QString& f : relative) files << root + QLatin1Char('/') + f;
    return files;
}

// A storescp of DCMTK's, as a child process, writing into `folder`.
class Storescp {
public:
    Storescp(const QString& aeTitle, const QString& folder, const QStringList& extra) : port(test::freePort()) {
        process.setProcessEnvironment(test::dcmtkEnvironment());
        process.start(QStringLiteral("storescp"), QStringList{QStringLiteral("--aetitle"), aeTitle, QStringLiteral("-od"), folder} +
                                                     extra + QStringList{QString::number(port)});
        process.waitForStarted();
        QTest::qWait(300);  // storescp prints nothing when it is ready
    }
    ~Storescp() {
        process.terminate();
        if (!process.waitForFinished(5000)) process.kill();
        process.waitForFinished();
    }
    quint16 port;
    QProcess process;
};

}  // namespace

class NetworkDcmtkTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok());
    }
    void init() { test::failOnUnexpectedWarnings(); }

    void storescuOverTlsArchivesEveryInstanceUnchanged() {
        Site reader(kCli, QStringLiteral("READER"));
        QVERIFY(reader.enrol(pki));
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), 104));
        QVERIFY(reader.startServing());
        for (const SampleGroup& group : sampleGroups()) {
            const test::ToolRun sent = test::runTool(QStringLiteral("storescu"),
                tlsArguments(pki, QStringLiteral("CLINIC")) + QStringList{group.storescuOption, QStringLiteral("-R"), QStringLiteral("-aet"),
                QStringLiteral("CLINIC"), QStringLiteral("-aec"), QStringLiteral("READER"), QStringLiteral("127.0.0.1"),
                QString::number(reader.port())} + group.files);
            QVERIFY2(sent.exitCode == 0 && !sent.err.contains(QStringLiteral("E: ")), qPrintable(sent.err));
        }
        const QStringList files = sampleFiles();
        QVERIFY(reader.stopServing());
        verifyAllArrivedUnchanged(files, absolute(reader.home() + QStringLiteral("/archive"), reader.archivedFiles()));
        QCOMPARE(reader.serveOutput().count(QStringLiteral("received ")), files.size());
        // Each study received is audited with the peer's AE title and certificate subject.
        const QList<QStringList> audited = reader.auditRecords(QStringLiteral("study-received"));
        QVERIFY(!audited.isEmpty());
        for (const QStringList& record : audited) {
            QCOMPARE(record.value(5), QStringLiteral("success"));
            QVERIFY(!record.value(7).isEmpty());
            QVERIFY2(record.value(8).startsWith(QStringLiteral("CLINIC@127.0.0.1 [")) && record.value(8).count(QStringLiteral("CLINIC")) == 2,
                     qPrintable(record.value(8)));
        }
    }

    void ourSendOverTlsReachesStorescpUnchanged() {
        QTemporaryDir received;
        Storescp storescp(QStringLiteral("STORESCP"), received.path(),
                          tlsArguments(pki, QStringLiteral("STORESCP")) + QStringList{QStringLiteral("+xa")});  // every syntax
        Site clinic(kCli, QStringLiteral("CLINIC"));
        QVERIFY(clinic.enrol(pki));
        QVERIFY(clinic.addNode(QStringLiteral("reader"), QStringLiteral("STORESCP"), storescp.port));
        const QStringList files = sampleFiles();
        const test::ToolRun sent = clinic.cli(QStringList{QStringLiteral("send"), QStringLiteral("reader")} + files);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent %1, failed 0").arg(files.size()));
        verifyAllArrivedUnchanged(files, absolute(received.path(), test::filesUnder(received.path())));
        // One record per study sent, naming its patient and how many of its instances went.
        const QList<QStringList> audited = clinic.auditRecords(QStringLiteral("study-sent"));
        std::map<QString, int> auditedStudies;
        for (const QStringList& record : audited) {
            QVERIFY2(record.value(8).contains(QStringLiteral("STORESCP@")), qPrintable(record.join(QLatin1Char('|'))));
            const QRegularExpressionMatch counts = QRegularExpression(QStringLiteral("(\\d+) instances sent, 0 not sent")).match(record.value(9));
            QVERIFY2(counts.hasMatch(), qPrintable(record.join(QLatin1Char('|'))));
            auditedStudies[record.value(6) + QLatin1Char('\t') + record.value(7)] = counts.captured(1).toInt();
        }
        QCOMPARE(auditedStudies, instancesPerStudy(files));
    }

    // A second opinion without the patient's identity: de-identified copies go through the
    // queue, then leave the outbox.
    void aStudySentDeidentifiedArrivesWithoutIdentity() {
        QTemporaryDir received;
        Storescp storescp(QStringLiteral("STORESCP"), received.path(), tlsArguments(pki, QStringLiteral("STORESCP")) + QStringList{QStringLiteral("+xa")});
        Site clinic(kCli, QStringLiteral("CLINIC"));
        QVERIFY(clinic.enrol(pki));
        QVERIFY(clinic.addNode(QStringLiteral("expert"), QStringLiteral("STORESCP"), storescp.port));
        QCOMPARE(clinic.cli(QStringList{QStringLiteral("import")} + test::mrStudyFiles()).exitCode, 0);
        const test::ToolRun sent = clinic.cli({QStringLiteral("send"), QStringLiteral("expert"), test::kMrStudyUid, QStringLiteral("--deidentify")});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.out + sent.err));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent 16, failed 0"));
        const QStringList arrived = absolute(received.path(), test::filesUnder(received.path()));
        QCOMPARE(arrived.size(), 16);
        for (const QString& file : arrived) {
            const QString dump = test::runTool(QStringLiteral("dcmdump"), {file}).out;
            QVERIFY(dump.contains(QStringLiteral("(0012,0062) CS [YES]")));
            QVERIFY(!dump.contains(QStringLiteral("DOE^")) && !dump.contains(test::kMrStudyUid));
        }
        QVERIFY(!QDir(clinic.home() + QStringLiteral("/outbox")).exists() ||
                test::filesUnder(clinic.home() + QStringLiteral("/outbox")).isEmpty());
    }

    void echoscuAndFindscuOverTlsAreAnswered() {
        Site reader(kCli, QStringLiteral("READER"));
        QVERIFY(reader.enrol(pki));
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), 104));
        const QString series = test::corpusFolder() + QStringLiteral("/dcm4che-mr-series");
        QCOMPARE(reader.cli({QStringLiteral("import"), series}).exitCode, 0);
        QVERIFY(reader.startServing());
        const QStringList tls = tlsArguments(pki, QStringLiteral("CLINIC"));
        const QStringList peer{QStringLiteral("-aet"), QStringLiteral("CLINIC"), QStringLiteral("-aec"), QStringLiteral("READER"),
                               QStringLiteral("127.0.0.1"), QString::number(reader.port())};
        QCOMPARE(test::runTool(QStringLiteral("echoscu"), tls + peer).exitCode, 0);
        const test::ToolRun found = test::runTool(QStringLiteral("findscu"), tls + QStringList{QStringLiteral("-v"), QStringLiteral("-S"),
            QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"), QStringLiteral("PatientName=DOE*"),
            QStringLiteral("-k"), QStringLiteral("StudyInstanceUID"), QStringLiteral("-k"), QStringLiteral("NumberOfStudyRelatedInstances")} + peer);
        QVERIFY2(found.exitCode == 0, qPrintable(found.err));
        const QString log = found.out + found.err;
        QVERIFY2(log.contains(QLatin1Char('[') + test::kMrStudyUid + QLatin1Char(']')), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("(0020,1208) IS [16]")), qPrintable(log));
        const test::ToolRun none = test::runTool(QStringLiteral("findscu"), tls + QStringList{QStringLiteral("-v"), QStringLiteral("-S"),
            QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"), QStringLiteral("PatientName=NOBODY*"),
            QStringLiteral("-k"), QStringLiteral("StudyInstanceUID")} + peer);
        QVERIFY(!(none.out + none.err).contains(test::kMrStudyUid));
        QVERIFY(reader.stopServing());
        const QList<QStringList> queries = reader.auditRecords(QStringLiteral("query-by-peer"));
        QCOMPARE(queries.size(), 2);
        QVERIFY2(queries.front().value(8).startsWith(QStringLiteral("CLINIC@127.0.0.1 [")), qPrintable(queries.front().value(8)));
    }

    // A server behind a UPS may acknowledge before flushing to disk: everything still arrives.
    void storescuToServeWithoutFlushArchivesEveryInstanceUnchanged() {
        Site reader(kCli, QStringLiteral("READER"));
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), 104, {QStringLiteral("--no-tls")}));
        QVERIFY(reader.startServing({QStringLiteral("--no-tls"), QStringLiteral("--no-flush")}));
        const QStringList files = sampleGroups().front().files;
        const test::ToolRun sent = test::runTool(QStringLiteral("storescu"), QStringList{QStringLiteral("-aet"), QStringLiteral("CLINIC"), QStringLiteral("-aec"),
            QStringLiteral("READER"), QStringLiteral("127.0.0.1"), QString::number(reader.port())} + files);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QVERIFY(reader.stopServing());
        verifyAllArrivedUnchanged(files, absolute(reader.home() + QStringLiteral("/archive"), reader.archivedFiles()));
    }

    // A peer's dataset is written to disk as it arrives and checked before anything parses
    // it: a deeply nested one (DCMTK's recursive parser is where such data crashes a
    // receiver) is refused in words, nothing of it is archived, and the service goes on.
    void aDeeplyNestedDatasetIsRefusedBeforeParsing() {
        Site reader(kCli, QStringLiteral("READER"));
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), 104, {QStringLiteral("--no-tls")}));
        QVERIFY(reader.startServing({QStringLiteral("--no-tls")}));
        QTemporaryDir folder;
        const QString hostile = folder.filePath(QStringLiteral("nested.dcm"));
        QFile file(hostile);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(test::deeplyNested(2000)) > 0);
        file.close();
        const QStringList address{QStringLiteral("-aet"), QStringLiteral("CLINIC"), QStringLiteral("-aec"), QStringLiteral("READER"),
                                  QStringLiteral("127.0.0.1"), QString::number(reader.port())};
        const test::ToolRun refused = test::runTool(QStringLiteral("storescu"), QStringList{QStringLiteral("-v")} + address + QStringList{hostile});
        QVERIFY2((refused.out + refused.err).contains(QStringLiteral("Received Store Response (Error: CannotUnderstand)")), qPrintable(refused.out + refused.err));
        QTRY_VERIFY_WITH_TIMEOUT(reader.serveOutput().contains(QStringLiteral("sequences nested more than 32 deep")), 5000);
        QVERIFY(reader.archivedFiles().isEmpty());
        const test::ToolRun normal = test::runTool(QStringLiteral("storescu"), address + QStringList{sampleGroups().front().files.front()});
        QVERIFY2(normal.exitCode == 0, qPrintable(normal.err));
        QVERIFY(reader.stopServing());
        QCOMPARE(reader.archivedFiles().size(), 1);
        QCOMPARE(test::filesUnder(reader.home() + QStringLiteral("/archive"), QStringLiteral("*.part")).size(), 0);
    }

    // A disk down to its reserve refuses instances before they are written (0xA700, which
    // senders retry later), says why, and keeps nothing partial; with room they store.
    void aDiskDownToItsReserveRefusesInstancesUntilThereIsRoom() {
        Site reader(kCli, QStringLiteral("READER")), clinic(kCli, QStringLiteral("CLINIC"));
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), clinic.port(), {QStringLiteral("--no-tls")}));
        QVERIFY(clinic.addNode(QStringLiteral("reader"), QStringLiteral("READER"), reader.port(), {QStringLiteral("--no-tls")}));
        const QStringList everyDisk{QStringLiteral("--no-tls"), QStringLiteral("--keep-free"), QStringLiteral("1000000000000")};  // an exabyte
        QVERIFY(reader.startServing(everyDisk));
        const QString file = sampleGroups().front().files.front();
        const QStringList address{QStringLiteral("-aet"), QStringLiteral("CLINIC"), QStringLiteral("-aec"), QStringLiteral("READER"),
                                  QStringLiteral("127.0.0.1"), QString::number(reader.port())};
        const test::ToolRun refused = test::runTool(QStringLiteral("storescu"), QStringList{QStringLiteral("-v")} + address + QStringList{file});
        QVERIFY2((refused.out + refused.err).contains(QStringLiteral("Received Store Response (Refused: OutOfResources)")),
                 qPrintable(refused.out + refused.err));
        const test::ToolRun sent = clinic.cli({QStringLiteral("send"), QStringLiteral("reader"), file, QStringLiteral("--attempts"), QStringLiteral("1")});
        QCOMPARE(sent.exitCode, 1);
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent 0, failed 1"));
        QVERIFY2(sent.err.contains(QStringLiteral("OutOfResources")), qPrintable(sent.err));
        QTRY_VERIFY_WITH_TIMEOUT(reader.serveOutput().contains(QStringLiteral("the archive's disk is nearly full")), 5000);
        QVERIFY(reader.stopServing());
        QVERIFY(reader.archivedFiles().isEmpty());
        QCOMPARE(test::filesUnder(reader.home() + QStringLiteral("/archive"), QStringLiteral("*.part")).size(), 0);

        QVERIFY(reader.startServing({QStringLiteral("--no-tls")}));  // room again (512 MB kept free)
        const test::ToolRun again = clinic.cli({QStringLiteral("send"), QStringLiteral("reader"), file});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(reader.stopServing());
        QCOMPARE(reader.archivedFiles().size(), 1);
    }

    // DCMTK's movescu and getscu are built without TLS: plain TCP, with nodes marked so.
    void movescuAndGetscuRetrieveFromOurPlainService() {
        QTemporaryDir moved, got;
        Storescp storescp(QStringLiteral("STORESCP"), moved.path(), {});
        Site reader(kCli, QStringLiteral("READER"));
        QVERIFY(reader.addNode(QStringLiteral("viewer"), QStringLiteral("VIEWER"), 104, {QStringLiteral("--no-tls")}));
        QVERIFY(reader.addNode(QStringLiteral("storescp"), QStringLiteral("STORESCP"), storescp.port, {QStringLiteral("--no-tls")}));
        const QStringList files = sampleGroups().front().files.mid(2);  // the MR series: one study
        QCOMPARE(reader.cli(QStringList{QStringLiteral("import")} + files).exitCode, 0);
        QVERIFY(reader.startServing({QStringLiteral("--no-tls")}));
        const QStringList peer{QStringLiteral("-aet"), QStringLiteral("VIEWER"), QStringLiteral("-aec"), QStringLiteral("READER"),
                               QStringLiteral("127.0.0.1"), QString::number(reader.port())};
        const QStringList study{QStringLiteral("-S"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                                QStringLiteral("StudyInstanceUID=") + test::kMrStudyUid};
        const test::ToolRun move = test::runTool(QStringLiteral("movescu"), study + QStringList{QStringLiteral("-aem"), QStringLiteral("STORESCP")} + peer);
        QVERIFY2(move.exitCode == 0, qPrintable(move.err));
        verifyAllArrivedUnchanged(files, absolute(moved.path(), test::filesUnder(moved.path())));
        const test::ToolRun get = test::runTool(QStringLiteral("getscu"), study + QStringList{QStringLiteral("-od"), got.path()} + peer);
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        verifyAllArrivedUnchanged(files, absolute(got.path(), test::filesUnder(got.path())));
        QCOMPARE(test::runTool(QStringLiteral("echoscu"), peer).exitCode, 0);
        QVERIFY(reader.stopServing());
        const QList<QStringList> retrievals = reader.auditRecords(QStringLiteral("retrieve-by-peer"));
        QCOMPARE(retrievals.size(), 2);  // the C-MOVE and the C-GET
        for (const QStringList& record : retrievals) {
            QCOMPARE(record.value(7), test::kMrStudyUid);
            QVERIFY(!record.value(6).isEmpty());
            QVERIFY(record.value(8).startsWith(QStringLiteral("VIEWER@")));
        }
    }

    // A node marked low-bandwidth gets lossless JPEG-LS both ways: what we send to it
    // (storescp accepting every syntax decides nothing for us) and what we pull from it by
    // C-GET; decompressed, every instance equals the uncompressed original.
    void lowBandwidthNodesTravelAsLosslessJpegLs() {
        const QString jpegLsLossless = QStringLiteral("1.2.840.10008.1.2.4.80");
        const QStringList files = sampleGroups().front().files.mid(2);  // the MR series, explicit little endian
        QTemporaryDir received;
        Storescp storescp(QStringLiteral("STORESCP"), received.path(), tlsArguments(pki, QStringLiteral("STORESCP")) + QStringList{QStringLiteral("+xa")});
        Site clinic(kCli, QStringLiteral("CLINIC")), reader(kCli, QStringLiteral("READER"));
        QVERIFY(clinic.enrol(pki) && reader.enrol(pki));
        QVERIFY(clinic.addNode(QStringLiteral("slow"), QStringLiteral("STORESCP"), storescp.port, {QStringLiteral("--low-bandwidth")}));
        const test::ToolRun sent = clinic.cli(QStringList{QStringLiteral("send"), QStringLiteral("slow")} + files);
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent %1, failed 0").arg(files.size()));
        const QStringList sentFiles = absolute(received.path(), test::filesUnder(received.path()));
        for (const QString& file : sentFiles) QCOMPARE(test::transferSyntaxOf(file), jpegLsLossless);
        verifyAllArrivedUnchanged(files, sentFiles);

        QCOMPARE(reader.cli(QStringList{QStringLiteral("import")} + files).exitCode, 0);
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), clinic.port(), {QStringLiteral("--allow"), QStringLiteral("get")}));
        QVERIFY(reader.startServing());
        QVERIFY(clinic.addNode(QStringLiteral("reader"), QStringLiteral("READER"), reader.port(), {QStringLiteral("--low-bandwidth")}));
        const test::ToolRun got = clinic.cli({QStringLiteral("get"), QStringLiteral("reader"), QStringLiteral("--study"), test::kMrStudyUid});
        QVERIFY2(got.exitCode == 0, qPrintable(got.out + got.err));
        const QStringList gotFiles = absolute(clinic.home() + QStringLiteral("/archive"), clinic.archivedFiles());
        for (const QString& file : gotFiles) QCOMPARE(test::transferSyntaxOf(file), jpegLsLossless);
        verifyAllArrivedUnchanged(files, gotFiles);
        QVERIFY(reader.stopServing());
        const QList<QStringList> retrieved = clinic.auditRecords(QStringLiteral("retrieve-requested"));
        QCOMPARE(retrieved.size(), 1);
        QCOMPARE(retrieved.front().value(7), test::kMrStudyUid);
        QVERIFY(!retrieved.front().value(6).isEmpty());
        QVERIFY2(retrieved.front().value(9).startsWith(QStringLiteral("C-GET: %1 instances completed, 0 failed").arg(files.size())),
                 qPrintable(retrieved.front().value(9)));
    }

private:
    TestPki pki{kCli};
};

QTEST_GUILESS_MAIN(NetworkDcmtkTest)
#include "tst_network_dcmtk.moc"
