// Failures are told in words: each kind recognised from the texts DCMTK and our client
// really produce (a real refused connection, DCMTK's own status strings).

#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "net/DicomClient.h"
#include "net/NetworkErrors.h"
#include "net/NodeBook.h"

#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

class NetworkErrorsTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void nobodyListeningIsPeerUnreachable() {
        QTemporaryDir home;
        auto book = NodeBook::load(home.path());
        QVERIFY(book.ok());
        Node node;
        node.name = QStringLiteral("gone");
        node.aeTitle = QStringLiteral("GONE");
        node.host = QStringLiteral("127.0.0.1");
        node.port = test::freePort();
        node.tls = false;
        auto client = DicomClient::connect(book.value(), node, DicomClient::Purpose::Verification);
        QVERIFY(!client.ok());
        QCOMPARE(classifyNetworkError(client.error()), NetworkFailure::PeerUnreachable);
        QVERIFY(explainNetworkError(client.error()).startsWith(QStringLiteral("Peer unreachable")));
    }

    void dcmtkStatusTextsAreRecognised() {
        QCOMPARE(classifyNetworkError(QString::fromLatin1(DU_cstoreStatusString(STATUS_STORE_Refused_OutOfResources))),
                 NetworkFailure::PeerOutOfResources);
        QCOMPARE(classifyNetworkError(QStringLiteral("connecting to z (ANY@127.0.0.1:16003): TLS error: certificate verify failed")),
                 NetworkFailure::CertificateNotTrusted);
        QCOMPARE(classifyNetworkError(QStringLiteral("C-STORE to pacs (ORTHANC@127.0.0.1:36925): Peer aborted Association (or never connected)")),
                 NetworkFailure::ConnectionDropped);
        QCOMPARE(classifyNetworkError(QStringLiteral("connecting to b (B@127.0.0.1:16002): the peer refused the association (our AE title...)")),
                 NetworkFailure::PeerRefused);
        QCOMPARE(classifyNetworkError(QStringLiteral("DIMSE No data available (timeout in non-blocking mode)")), NetworkFailure::Timeout);
    }

    void unknownTextsAreShownAsTheyAre() {
        QCOMPARE(classifyNetworkError(QString()), NetworkFailure::None);
        QCOMPARE(explainNetworkError(QStringLiteral("something new")), QStringLiteral("something new"));
    }
};

QTEST_GUILESS_MAIN(NetworkErrorsTest)
#include "tst_network_errors.moc"
