// Who may talk to a Telerad site: only nodes of its address book, over TLS 1.2 or newer,
// with a certificate it trusts (and the pinned one, for a node that has one), and only for
// the operations the node is allowed. Each refused attempt stores nothing.

#include "NetworkTestSupport.h"
#include "net/NetworkErrors.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

QString mrFile() { return test::corpusFolder() + QStringLiteral("/dcm4che-mr-series/MR01.dcm"); }

}  // namespace

class NetworkSecurityTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        QVERIFY(pki.ok() && otherPki.ok());
        QVERIFY(reader.enrol(pki));
        // CLINIC must present exactly its own certificate; VIEWER may find but not store.
        QVERIFY(reader.addNode(QStringLiteral("clinic"), QStringLiteral("CLINIC"), 104,
                               {QStringLiteral("--cert"), pki.issue(QStringLiteral("CLINIC"))[1], QStringLiteral("--allow"), QStringLiteral("store,find")}));
        QVERIFY(reader.addNode(QStringLiteral("viewer"), QStringLiteral("VIEWER"), 104, {QStringLiteral("--allow"), QStringLiteral("find")}));
        QVERIFY(reader.startServing());
    }
    void cleanupTestCase() { QVERIFY(reader.stopServing()); }
    void init() { test::failOnUnexpectedWarnings(); }

    void aTrustedKnownNodeMayStore() {
        QVERIFY2(storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("CLINIC"))), "the legitimate clinic must get through");
        QCOMPARE(reader.archivedFiles().size(), 1);
        QCOMPARE(reader.cli({QStringLiteral("check")}).exitCode, 0);
        // The rest of the tests start from an empty archive again.
        QVERIFY(QDir(reader.home() + QStringLiteral("/archive")).removeRecursively());
        QVERIFY(reader.stopServing());
        QFile::remove(reader.home() + QStringLiteral("/index.sqlite"));
        QFile::remove(reader.home() + QStringLiteral("/index.sqlite-wal"));
        QFile::remove(reader.home() + QStringLiteral("/index.sqlite-shm"));
        QVERIFY(reader.startServing());
    }

    void aClientWithoutCertificateIsRefused() {
        QVERIFY(!storeAs(QStringLiteral("CLINIC"), {QStringLiteral("+tla"), QStringLiteral("+cf"), pki.caCertificate()}));
        QVERIFY(reader.archivedFiles().isEmpty());
    }

    void aCertificateFromAnUntrustedCaIsRefused() {
        QVERIFY(!storeAs(QStringLiteral("CLINIC"), tls(otherPki, QStringLiteral("CLINIC"))));
        QVERIFY(reader.archivedFiles().isEmpty());
    }

    void plainTcpToTheTlsServiceIsRefused() {
        QVERIFY(!storeAs(QStringLiteral("CLINIC"), {}));
        QVERIFY(reader.archivedFiles().isEmpty());
    }

    void anUnknownAeTitleIsRefusedWithAReason() {
        QVERIFY(!storeAs(QStringLiteral("STRANGER"), tls(pki, QStringLiteral("STRANGER"))));
        QVERIFY(reader.archivedFiles().isEmpty());
        QVERIFY(reader.serveOutput().contains(QStringLiteral("calling AE title STRANGER is not in the address book")));
        QVERIFY(refusalAudited(QStringLiteral("STRANGER@127.0.0.1"), QStringLiteral("not in the address book")));
    }

    void aKnownAeTitleWithAnotherTrustedCertificateIsRefused() {
        QVERIFY(!storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("INTRUDER"))));
        QVERIFY(reader.archivedFiles().isEmpty());
        QVERIFY(reader.serveOutput().contains(QStringLiteral("presented a certificate (CN=INTRUDER) that is not the one pinned")));
        QVERIFY(refusalAudited(QStringLiteral("CLINIC@127.0.0.1"), QStringLiteral("CN=INTRUDER")));
    }

    void aNodeMayOnlyDoWhatItIsAllowed() {
        QVERIFY(!storeAs(QStringLiteral("VIEWER"), tls(pki, QStringLiteral("VIEWER"))));
        QVERIFY(reader.archivedFiles().isEmpty());
        QVERIFY(reader.serveOutput().contains(QStringLiteral("NOT STORED")));
    }

    void tls11IsRefusedWhileTls12IsAccepted() {
        const QStringList files = pki.issue(QStringLiteral("CLINIC"));
        const QStringList common{QStringLiteral("s_client"), QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(reader.port()),
                                 QStringLiteral("-cert"), files[1], QStringLiteral("-key"), files[0], QStringLiteral("-CAfile"),
                                 pki.caCertificate(), QStringLiteral("-cipher"), QStringLiteral("DEFAULT:@SECLEVEL=0")};
        const test::ToolRun old = runOpenssl(common + QStringList{QStringLiteral("-tls1_1")});
        // The service answers a TLS 1.1 hello with a protocol-version alert: no session at all.
        QVERIFY2(old.err.contains(QStringLiteral("alert protocol version")) && old.out.contains(QStringLiteral("Cipher is (NONE)")),
                 qPrintable(old.out + old.err));
        const test::ToolRun current = runOpenssl(common + QStringList{QStringLiteral("-tls1_2")});
        QVERIFY2(current.out.contains(QStringLiteral("Protocol  : TLSv1.2")) && !current.out.contains(QStringLiteral("Cipher is (NONE)")),
                 qPrintable(current.out + current.err));
    }

    // An expired certificate is refused like an untrusted one, but every side says it has
    // expired: the site that holds it weeks before (its log), the service that refuses it,
    // and the client whose association fails, in words the transfer monitor tells apart.
    void anExpiredCertificateIsRefusedAndToldSo() {
        QVERIFY(reader.addNode(QStringLiteral("late"), QStringLiteral("LATECLINIC"), 104, {QStringLiteral("--allow"), QStringLiteral("store")}));
        QVERIFY(reader.stopServing());  // the service reads its address book when it starts
        QVERIFY(reader.startServing());
        Site clinic(kCli, QStringLiteral("LATECLINIC"));
        const QStringList expired = pki.issue(QStringLiteral("LATECLINIC"), -1);
        QCOMPARE(clinic.cli({QStringLiteral("tls"), QStringLiteral("import"), QStringLiteral("--key"), expired[0], QStringLiteral("--cert"),
                             expired[1], QStringLiteral("--ca"), pki.caCertificate()}).exitCode, 0);
        QVERIFY(clinic.addNode(QStringLiteral("reader"), reader.aeTitle(), reader.port()));
        const test::ToolRun echo = clinic.cli({QStringLiteral("echo"), QStringLiteral("reader")});
        QVERIFY(echo.exitCode != 0);
        QVERIFY2(echo.err.contains(QStringLiteral("this site's certificate (LATECLINIC, ")) && echo.err.contains(QStringLiteral(") expired on ")),
                 qPrintable(echo.err));
        QCOMPARE(classifyNetworkError(echo.err.section(QLatin1Char('\n'), -2)), NetworkFailure::CertificateExpired);
        QVERIFY2(reader.serveOutput().contains(QStringLiteral("(certificate has expired)")), qPrintable(reader.serveOutput()));

        // One that has a few days left works, and its site is warned.
        const QStringList late = pki.issue(QStringLiteral("LATECLINIC"), 10);
        QCOMPARE(clinic.cli({QStringLiteral("tls"), QStringLiteral("import"), QStringLiteral("--key"), late[0], QStringLiteral("--cert"),
                             late[1], QStringLiteral("--ca"), pki.caCertificate()}).exitCode, 0);
        const test::ToolRun again = clinic.cli({QStringLiteral("echo"), QStringLiteral("reader")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("expires on ")) && again.err.contains(QStringLiteral("in 10 day(s)")), qPrintable(again.err));
    }

    void ourClientRefusesAPeerWithAnUntrustedCertificate() {
        QTemporaryDir received;
        const quint16 port = test::freePort();
        const QStringList files = otherPki.issue(QStringLiteral("FAKEPACS"));
        QProcess storescp;
        storescp.start(QStringLiteral("storescp"), {QStringLiteral("+tls"), files[0], files[1], QStringLiteral("+cf"), pki.caCertificate(),
                                                    QStringLiteral("-od"), received.path(), QString::number(port)});
        QVERIFY(storescp.waitForStarted());
        QTest::qWait(300);
        Site clinic(kCli, QStringLiteral("CLINIC"));
        QVERIFY(clinic.enrol(pki));
        QVERIFY(clinic.addNode(QStringLiteral("pacs"), QStringLiteral("FAKEPACS"), port));
        const test::ToolRun sent = clinic.cli({QStringLiteral("send"), QStringLiteral("--attempts"), QStringLiteral("1"), QStringLiteral("pacs"), mrFile()});
        storescp.kill();
        storescp.waitForFinished();
        QCOMPARE(sent.exitCode, 1);
        QCOMPARE(sent.out.trimmed(), QStringLiteral("sent 0, failed 1"));
        QVERIFY2(sent.err.contains(QStringLiteral("pacs (FAKEPACS@127.0.0.1")), qPrintable(sent.err));
        QVERIFY(test::filesUnder(received.path()).isEmpty());
    }

    // A legacy modality on the hospital LAN (no TLS) reaches the plain port the site opens for
    // it; a TLS node is not accepted there, and the plain node not on the TLS port.
    void plainNodesUseTheirOwnPortOnly() {
        const quint16 plainPort = test::freePort();
        QVERIFY(reader.addNode(QStringLiteral("ct"), QStringLiteral("LEGACYCT"), 104, {QStringLiteral("--no-tls"), QStringLiteral("--allow"), QStringLiteral("store")}));
        QVERIFY(reader.stopServing());
        const test::ToolRun site = reader.cli({QStringLiteral("site"), QStringLiteral("--plain-port"), QString::number(plainPort)});
        QVERIFY2(site.out.contains(QStringLiteral("plain-port\t%1").arg(plainPort)), qPrintable(site.out + site.err));
        QVERIFY(reader.startServing());
        QTRY_VERIFY_WITH_TIMEOUT(reader.serveOutput().contains(QStringLiteral("on port %1 WITHOUT TLS").arg(plainPort)), 10000);
        const qsizetype before = reader.archivedFiles().size();
        QVERIFY(!storeAs(QStringLiteral("LEGACYCT"), {}));               // plain node, TLS port
        QVERIFY(!storeAs(QStringLiteral("CLINIC"), {}, plainPort));      // TLS node, plain port
        QCOMPARE(reader.archivedFiles().size(), before);
        QVERIFY2(storeAs(QStringLiteral("LEGACYCT"), {}, plainPort), qPrintable(reader.serveOutput()));
        QCOMPARE(reader.archivedFiles().size(), before + 1);
        QVERIFY(storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("CLINIC"))));  // TLS still served
        QVERIFY(reader.cli({QStringLiteral("site"), QStringLiteral("--plain-port"), QStringLiteral("0")}).out.contains(QStringLiteral("plain-port\t0")));
    }

    // One address that opens many silent connections at once holds at most three quarters of
    // the service's accepting threads (12 of 16): the rest are refused at once, and peers
    // elsewhere still get through.
    void oneAddressCannotHoldEveryAcceptingThread() {
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 16; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            QVERIFY(silent.back()->bind(QHostAddress(QStringLiteral("127.0.0.2"))));
            silent.back()->connectToHost(QHostAddress::LocalHost, reader.port());
            QVERIFY(silent.back()->waitForConnected(5000));
        }
        QTest::qWait(500);  // all accepted or refused
        int refused = 0;
        for (const auto& connection : silent)
            if (connection->state() != QAbstractSocket::ConnectedState || connection->waitForDisconnected(100)) ++refused;
        QCOMPARE(refused, 4);
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY2(storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("CLINIC"))), "a peer at another address must get through");
        QVERIFY2(elapsed.elapsed() < 8000, qPrintable(QStringLiteral("the store took %1 ms").arg(elapsed.elapsed())));
        QVERIFY(reader.serveOutput().contains(QStringLiteral("refused a connection from 127.0.0.2")));
        silent.clear();  // closed: their accepting threads are free again
    }

    // Silent connections from many addresses, each within the per-address cap, would take
    // every accepting thread until their handshakes time out (15 s): once nearly all threads
    // wait on handshakes longer than a real peer takes, the oldest are shut, and no more of
    // them than it takes to keep two threads free.
    void manyAddressesCannotHoldEveryAcceptingThread() {
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 16; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            QVERIFY(silent.back()->bind(QHostAddress(QStringLiteral("127.0.1.%1").arg(i + 1))));
            silent.back()->connectToHost(QHostAddress::LocalHost, reader.port());
            QVERIFY(silent.back()->waitForConnected(5000));
        }
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY2(storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("CLINIC"))), "a peer at another address must get through");
        QVERIFY2(elapsed.elapsed() < 8000, qPrintable(QStringLiteral("the store took %1 ms").arg(elapsed.elapsed())));
        int shut = 0;
        for (const auto& connection : silent)
            if (connection->state() != QAbstractSocket::ConnectedState || connection->waitForDisconnected(100)) ++shut;
        QVERIFY2(shut >= 2 && shut <= 6, qPrintable(QStringLiteral("%1 of 16 silent connections shut").arg(shut)));
        QVERIFY(reader.serveOutput().contains(QStringLiteral("accepting threads were waiting on handshakes; shut the connection from 127.0.1.")));
        silent.clear();
    }

    // Connections that open and then say nothing (a link dropped in the TLS handshake, a
    // port scanner) each hold one of the service's accepting threads until their handshake
    // times out (15 s), not the service: DCMTK's pool accepts on a single thread, where one
    // such connection kept every other association, and the service's stop, waiting. Last:
    // it leaves an instance in the archive.
    void silentConnectionsDoNotKeepOthersOut() {
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 3; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, reader.port());
            QVERIFY(silent.back()->waitForConnected(5000));
        }
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY2(storeAs(QStringLiteral("CLINIC"), tls(pki, QStringLiteral("CLINIC"))),
                 "the clinic must get through while the silent connections are open");
        QVERIFY2(elapsed.elapsed() < 8000, qPrintable(QStringLiteral("the store took %1 ms").arg(elapsed.elapsed())));
        for (const auto& connection : silent) {
            QCOMPARE(connection->state(), QAbstractSocket::ConnectedState);  // the store did not wait for them to go
            QVERIFY2(connection->waitForDisconnected(20000), "a silent connection must be dropped when its handshake times out");
        }

        // A stop does not wait for a silent connection's timeout either.
        QTcpSocket lastSilent;
        lastSilent.connectToHost(QHostAddress::LocalHost, reader.port());
        QVERIFY(lastSilent.waitForConnected(5000));
        QTest::qWait(300);  // accepted, its handshake begun
        QElapsedTimer stopping;
        stopping.start();
        QVERIFY(reader.stopServing());
        QVERIFY2(stopping.elapsed() < 5000, qPrintable(QStringLiteral("the stop took %1 ms").arg(stopping.elapsed())));
        QVERIFY(lastSilent.state() == QAbstractSocket::UnconnectedState || lastSilent.waitForDisconnected(2000));
        QVERIFY(reader.startServing());
    }

private:
    // True when an association-refused record names `peer` and has `reason` in its detail.
    bool refusalAudited(const QString& peer, const QString& reason) const {
        for (const QStringList& record : reader.auditRecords(QStringLiteral("association-refused")))
            if (record.value(8).startsWith(peer) && record.value(9).contains(reason) && record.value(5) == QLatin1String("failure")) return true;
        return false;
    }
    // storescu of one file as `aeTitle` with the given TLS options; true when it was stored.
    bool storeAs(const QString& aeTitle, const QStringList& tlsOptions, quint16 port = 0) {
        const test::ToolRun run = test::runTool(QStringLiteral("storescu"), tlsOptions + QStringList{QStringLiteral("-aet"), aeTitle,
            QStringLiteral("-aec"), reader.aeTitle(), QStringLiteral("127.0.0.1"), QString::number(port ? port : reader.port()), mrFile()});
        return run.exitCode == 0 && !run.err.contains(QStringLiteral("E: ")) && !run.err.contains(QStringLiteral("W: Store"));
    }
    static QStringList tls(TestPki& authority, const QString& cn) {
        const QStringList files = authority.issue(cn);
        return {QStringLiteral("+tls"), files[0], files[1], QStringLiteral("+cf"), authority.caCertificate()};
    }
    static test::ToolRun runOpenssl(const QStringList& arguments) {
        QProcess process;
        process.start(QStringLiteral("openssl"), arguments);
        process.write("Q\n");  // s_client quits after the handshake
        process.closeWriteChannel();
        test::ToolRun run;
        if (!process.waitForFinished(20000)) return run;
        run.exitCode = process.exitCode();
        run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
        run.err = QString::fromLocal8Bit(process.readAllStandardError());
        return run;
    }

    TestPki pki{kCli}, otherPki{kCli};
    Site reader{kCli, QStringLiteral("READER")};
};

QTEST_GUILESS_MAIN(NetworkSecurityTest)
#include "tst_network_security.moc"
