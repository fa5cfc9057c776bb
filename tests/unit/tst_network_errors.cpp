// Failures are told in words: each kind recognised from the texts DCMTK and our client
// really produce (a real refused connection, DCMTK's own status strings).

#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "net/DicomClient.h"
#include "net/NetworkErrors.h"
#include "net/NodeBook.h"
#include "net/Pki.h"

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

    // The texts each side really gives (tst_network_security produces them with a real
    // expired certificate): ours refusing the peer's, the peer's alert about ours, and our
    // own certificate named when TLS 1.3 only shows the peer aborting.
    void anExpiredCertificateIsToldApartFromAnUntrustedOne() {
        for (const char* text : {"connecting to r (R@127.0.0.1:1): TLS error: certificate verify failed (certificate has expired)",
                                 "a connection failed before its association: TLS error: sslv3 alert certificate expired",
                                 "connecting to r (R@127.0.0.1:1): Peer aborted Association (or never connected); this site's "
                                 "certificate expired on 2026-12-02 20:07 UTC"})
            QCOMPARE(classifyNetworkError(QString::fromLatin1(text)), NetworkFailure::CertificateExpired);
        QCOMPARE(classifyNetworkError(QStringLiteral("TLS error: certificate verify failed (unable to get local issuer certificate)")),
                 NetworkFailure::CertificateNotTrusted);
        QVERIFY(explainNetworkFailure(NetworkFailure::CertificateExpired).startsWith(QStringLiteral("Certificate expired")));
    }

    void expiryIsWarnedOfAMonthAhead() {
        auto key = pki::generateKey();
        QVERIFY2(key.ok(), qPrintable(key.error()));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto warningFor = [&](int days) {
            auto certificate = pki::selfSign(key.value(), QStringLiteral("SITE"), pki::CertificateUse::Site, days);
            auto info = certificate.ok() ? pki::describeCertificate(certificate.value()) : Result<pki::CertificateInfo>(failure(certificate.error()));
            return info.ok() ? pki::expiryWarning(info.value(), now) : info.error();
        };
        QCOMPARE(warningFor(400), QString());
        QCOMPARE(warningFor(31), QString());
        const QString soon = warningFor(10);
        QVERIFY2(soon.startsWith(QStringLiteral("expires on ")) && soon.endsWith(QStringLiteral(", in 10 day(s)")), qPrintable(soon));
        QVERIFY2(warningFor(-1).startsWith(QStringLiteral("expired on ")), qPrintable(warningFor(-1)));
    }

    void unknownTextsAreShownAsTheyAre() {
        QCOMPARE(classifyNetworkError(QString()), NetworkFailure::None);
        QCOMPARE(explainNetworkError(QStringLiteral("something new")), QStringLiteral("something new"));
    }
};

QTEST_GUILESS_MAIN(NetworkErrorsTest)
#include "tst_network_errors.moc"
