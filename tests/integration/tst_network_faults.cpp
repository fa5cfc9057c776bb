// A clinic on a fragile rural link sends a study to a reading site over TLS. Between the
// two runs the tests' own proxy (FaultyLink): 2 Mbit/s, 20 ms latency, connections reset in
// mid-transfer. The queued job must complete once the link holds, the reader must hold every
// instance exactly once, equal to the original, and nothing partial in its archive. Then the
// sender itself is killed with SIGKILL mid-way: `queue run` finishes the job.

#include "FaultyLink.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>

using namespace telerad;
using test::FaultyLink;
using test::LinkConditions;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

}  // namespace

class NetworkFaultsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok());
    }
    void init() {
        test::failOnUnexpectedWarnings();
        clinic = std::make_unique<Site>(kCli, QStringLiteral("CLINIC"));
        reader = std::make_unique<Site>(kCli, QStringLiteral("READER"));
        QVERIFY(clinic->enrol(pki));
        QVERIFY(reader->enrol(pki));
        QVERIFY(reader->addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), clinic->port(), {QStringLiteral("--allow"), QStringLiteral("store")}));
        QVERIFY(reader->startServing());
    }
    void cleanup() {
        if (reader) QVERIFY(reader->stopServing());
        reader.reset();
        clinic.reset();
    }

    void cutLinkResumesAndDeliversEachInstanceOnce() {
        const QStringList files = test::mrStudyFiles();
        QVERIFY(files.size() >= 10);
        // Three resets: in the first instances, in the middle, and soon after reconnecting.
        FaultyLink link(reader->port(), LinkConditions{250000, 20, {300000, 700000, 150000}});
        QVERIFY(link.listening());
        QVERIFY(clinic->addNode(QStringLiteral("reader"), QStringLiteral("READER"), link.port()));

        QElapsedTimer timer;
        timer.start();
        const test::ToolRun sent = clinic->cli(QStringList{QStringLiteral("send"), QStringLiteral("reader")} + files);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.out + sent.err));
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent %1, failed 0").arg(files.size()));
        QCOMPARE(link.connectionsCut(), 3);
        QVERIFY(link.connectionsAccepted() >= 4);
        // The interruptions were seen and retried, not silently absorbed.
        QCOMPARE(sent.err.count(QStringLiteral("interrupted")), 3);
        qInfo("2 Mbit/s, 20 ms, 3 resets: %lld instances (%lld bytes through the link) in %lld ms",
              static_cast<long long>(files.size()), static_cast<long long>(link.bytesForwarded()), static_cast<long long>(timer.elapsed()));

        verifyEachInstanceOnce(files);
    }

    void killedSenderIsFinishedByQueueRun() {
        const QStringList files = test::mrStudyFiles();
        FaultyLink link(reader->port(), LinkConditions{250000, 20, {}});
        QVERIFY(clinic->addNode(QStringLiteral("reader"), QStringLiteral("READER"), link.port()));

        QProcess sender;
        sender.start(kCli, QStringList{QStringLiteral("--home"), clinic->home(), QStringLiteral("send"), QStringLiteral("reader")} + files);
        QVERIFY(sender.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(reader->serveOutput().count(QStringLiteral("received ")) >= 4, 30000);
        QVERIFY2(sender.state() == QProcess::Running, "the send finished before it could be killed: slow the link down");
        ::kill(static_cast<pid_t>(sender.processId()), SIGKILL);
        QVERIFY(sender.waitForFinished());

        const test::ToolRun listed = clinic->cli({QStringLiteral("queue"), QStringLiteral("list")});
        QVERIFY2(listed.out.contains(QStringLiteral("\trunning\t")), qPrintable(listed.out));
        const test::ToolRun resumed = clinic->cli({QStringLiteral("queue"), QStringLiteral("run")});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QVERIFY2(resumed.out.contains(QStringLiteral("\tdone\t")), qPrintable(resumed.out));
        QVERIFY2(resumed.out.contains(QStringLiteral("\t%1/%1\t0\t").arg(files.size())), qPrintable(resumed.out));

        verifyEachInstanceOnce(files);
    }

private:
    void verifyEachInstanceOnce(const QStringList& originals) {
        const QString archive = reader->home() + QStringLiteral("/archive/");
        const QStringList archived = reader->archivedFiles();
        QCOMPARE(archived.size(), originals.size());
        QHash<QString, QString> bySop;
        for (const QString& f : archived) bySop.insert(test::sopInstanceUidOf(archive + f), archive + f);
        QCOMPARE(bySop.size(), originals.size());
        for (const QString& original : originals) {
            const QString difference = test::compareDatasets(original, bySop.value(test::sopInstanceUidOf(original)));
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
        // Nothing partial left by the cut associations, index and files in agreement.
        QVERIFY(reader->stopServing());
        const test::ToolRun checked = reader->cli({QStringLiteral("check")});
        QCOMPARE(checked.exitCode, 0);
        QCOMPARE(checked.out.trimmed(), QStringLiteral("partial files removed 0, unindexed files indexed 0, unindexed files removed 0, "
                                                       "rows without file removed 0"));
        const test::ToolRun instances = reader->cli({QStringLiteral("ls"), QStringLiteral("--studies")});
        QCOMPARE(instances.out.trimmed().split(QLatin1Char('\t')).value(8), QString::number(originals.size()));
        QVERIFY(reader->startServing());  // cleanup() stops it again
    }

    TestPki pki{kCli};
    std::unique_ptr<Site> clinic, reader;
};

QTEST_GUILESS_MAIN(NetworkFaultsTest)
#include "tst_network_faults.moc"
