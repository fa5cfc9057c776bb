// Telerad with a real PACS: Debian's Orthanc, started here with a generated configuration on
// a free loopback port and a temporary storage folder, plain and over DICOM TLS with
// mutual certificates. We send a study to it, find it there, C-MOVE it back to our service
// and C-GET it into a second site; what comes back equals what was sent.

#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include <QTest>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

}  // namespace

class NetworkOrthancTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok());
    }
    void init() { test::failOnUnexpectedWarnings(); }

    void sendFindMoveAndGetAgainstOrthanc_data() {
        QTest::addColumn<bool>("tls");
        QTest::newRow("plain TCP") << false;
        QTest::newRow("DICOM TLS") << true;
    }
    void sendFindMoveAndGetAgainstOrthanc() {
        QFETCH(bool, tls);
        Site reader(kCli, QStringLiteral("READER")), home(kCli, QStringLiteral("ATHOME"));
        test::OrthancPeer orthanc({&reader, &home}, tls, pki);
        QVERIFY2(orthanc.started(), qPrintable(orthanc.log()));
        const QStringList nodeOptions = tls ? QStringList{} : QStringList{QStringLiteral("--no-tls")};
        for (Site* site : {&reader, &home}) {
            if (tls) QVERIFY(site->enrol(pki));
            QVERIFY(site->addNode(QStringLiteral("pacs"), QStringLiteral("ORTHANC"), orthanc.port(), nodeOptions));
        }

        const QStringList files = test::mrStudyFiles();
        const test::ToolRun sent = reader.cli(QStringList{QStringLiteral("send"), QStringLiteral("pacs"), QStringLiteral("--attempts"), QStringLiteral("1")} + files);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err + orthanc.log()));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent %1, failed 0").arg(files.size()));

        const test::ToolRun found = reader.cli({QStringLiteral("find"), QStringLiteral("pacs"), QStringLiteral("--level"), QStringLiteral("study"),
                                                QStringLiteral("PatientName=DOE*")});
        QVERIFY2(found.exitCode == 0, qPrintable(found.err));
        const QStringList columns = found.out.trimmed().split(QLatin1Char('\t'));
        QCOMPARE(columns.value(0), test::kMrStudyUid);
        QCOMPARE(columns.value(4), QStringLiteral("MR"));
        QCOMPARE(columns.value(7), QString::number(files.size()));
        const test::ToolRun series = reader.cli({QStringLiteral("find"), QStringLiteral("pacs"), QStringLiteral("--level"), QStringLiteral("series"),
                                                 QStringLiteral("StudyInstanceUID=") + test::kMrStudyUid});
        QCOMPARE(series.out.trimmed().split(QLatin1Char('\n')).size(), 1);
        const QList<QStringList> queries = reader.auditRecords(QStringLiteral("query-sent"));
        QCOMPARE(queries.size(), 2);
        QVERIFY2(queries.front().value(8).startsWith(QStringLiteral("pacs (")) && queries.front().value(9).contains(QStringLiteral("1 matches")),
                 qPrintable(queries.front().join(QLatin1Char('|'))));
        QCOMPARE(queries.back().value(7), test::kMrStudyUid);

        // C-MOVE back to our running service (Orthanc connects to us).
        QVERIFY(reader.startServing(nodeOptions.isEmpty() ? QStringList{} : QStringList{QStringLiteral("--no-tls")}));
        const test::ToolRun moved = reader.cli({QStringLiteral("move"), QStringLiteral("pacs"), QStringLiteral("--study"), test::kMrStudyUid});
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.err + orthanc.log()));
        QCOMPARE(moved.out.trimmed(), QStringLiteral("retrieved %1, failed 0, warning 0").arg(files.size()));
        QVERIFY(reader.stopServing());
        verifySame(files, reader);

        // C-GET over our own association: no service of ours needed (behind NAT).
        const test::ToolRun got = home.cli({QStringLiteral("get"), QStringLiteral("pacs"), QStringLiteral("--study"), test::kMrStudyUid});
        QVERIFY2(got.exitCode == 0, qPrintable(got.err + orthanc.log()));
        QCOMPARE(got.out.trimmed(), QStringLiteral("retrieved %1, failed 0, warning 0").arg(files.size()));
        verifySame(files, home);
    }

private:
    static void verifySame(const QStringList& originals, const Site& site) {
        const QStringList archived = site.archivedFiles();
        QCOMPARE(archived.size(), originals.size());
        QHash<QString, QString> bySop;
        for (const QString& f : archived) bySop.insert(test::sopInstanceUidOf(site.home() + QStringLiteral("/archive/") + f), site.home() + QStringLiteral("/archive/") + f);
        for (const QString& original : originals) {
            const QString difference = test::compareDatasets(original, bySop.value(test::sopInstanceUidOf(original)));
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
    }

    TestPki pki{kCli};
};

QTEST_GUILESS_MAIN(NetworkOrthancTest)
#include "tst_network_orthanc.moc"
