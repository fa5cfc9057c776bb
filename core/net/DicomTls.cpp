#include "DicomTls.h"

#include "Pki.h"
#include "common/Logging.h"

#include <dcmtk/dcmtls/tlslayer.h>
#include <dcmtk/dcmtls/tlstrans.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <QFile>

#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace telerad {

namespace {

QString conditionText(const OFCondition& cond) { return QString::fromLatin1(cond.text()); }

// Site trust anchors and every pinned node certificate, each loaded into the layer.
Status addTrustAnchors(DcmTLSTransportLayer& layer, const NodeBook& book) {
    QStringList files;
    if (QFile::exists(book.site().trustedFile)) files << book.site().trustedFile;
    for (const Node& node : book.nodes())
        if (!node.certificateFile.isEmpty()) files << book.certificatePath(node);
    if (files.isEmpty())
        return failure(QStringLiteral("TLS: no trusted CA yet (use 'tls import --ca', 'tls trust', or "
                                      "'nodes add --cert')"));
    for (const QString& file : files) {
        const OFCondition cond = layer.addTrustedCertificateFile(QFile::encodeName(file).constData(), DCF_Filetype_PEM);
        if (cond.bad()) return failure(QStringLiteral("TLS: cannot trust %1: %2").arg(file, conditionText(cond)));
    }
    return success();
}

// A certificate that expires takes every association using it down with it, at whatever
// hour it happens: each one near its end (pki::kExpiryWarningDays) is logged, once per
// process, whenever TLS is set up, so that `serve`'s journal and every send say so weeks before.
void warnOfExpiringCertificates(const NodeBook& book) {
    std::vector<std::pair<QString, QString>> certificates{{QStringLiteral("this site's certificate"), book.site().certificateFile},
                                                          {QStringLiteral("the trusted CA certificate"), book.site().trustedFile}};
    for (const Node& node : book.nodes())
        if (!node.certificateFile.isEmpty())
            certificates.emplace_back(QStringLiteral("the certificate pinned for node %1").arg(node.name), book.certificatePath(node));
    static std::mutex mutex;
    static std::set<QString> warned;
    for (const auto& [what, file] : certificates) {
        auto info = pki::describeCertificateFile(file);
        if (!info.ok()) continue;  // a missing or unreadable file fails in words where it is loaded
        const QString warning = pki::expiryWarning(info.value(), QDateTime::currentDateTimeUtc());
        if (warning.isEmpty()) continue;
        const QString line = QStringLiteral("TLS: %1 (%2, %3) %4: associations that use it fail once it has expired; renew it "
                                            "('telerad-cli tls init', 'tls ca sign' or 'tls import')")
                                 .arg(what, info->commonName, file, warning);
        const std::lock_guard lock(mutex);
        if (warned.insert(line).second) qCWarning(lcNet).noquote() << line;
    }
}

// How long a TLS handshake may wait for its peer. DCMTK's handshake blocks with no timeout:
// a connection that opened and then said nothing (a dropped rural link, a port scanner)
// would hold the service's accepting thread, or our outgoing association, for as long as it
// stayed open.
constexpr int kHandshakeSeconds = 15;

void setSocketTimeouts(DcmNativeSocketType socket, int seconds) {
    const timeval timeout{seconds, 0};
    ::setsockopt(static_cast<int>(socket), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(static_cast<int>(socket), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

// DCMTK's TLS connection, with its handshake bounded in time (0: no timeout once it is done;
// the association's own ACSE and DIMSE timeouts take over), and a failed handshake saying
// why the peer's certificate was refused: DCMTK's text stops at "certificate verify
// failed", the same words for an expired certificate as for one from an unknown CA.
class BoundedHandshakeConnection : public DcmTLSConnection {
public:
    BoundedHandshakeConnection(DcmNativeSocketType socket, SSL* tls) : DcmTLSConnection(socket, tls), m_tls(tls) {}

    OFCondition serverSideHandshake() override { return bounded([this] { return DcmTLSConnection::serverSideHandshake(); }); }
    OFCondition clientSideHandshake() override { return bounded([this] { return DcmTLSConnection::clientSideHandshake(); }); }
    void close() override {
        m_tls = nullptr;  // freed by DCMTK's close
        DcmTLSConnection::close();
    }

private:
    template <typename Handshake>
    OFCondition bounded(Handshake handshake) {
        setSocketTimeouts(getSocket(), kHandshakeSeconds);
        const OFCondition result = handshake();
        setSocketTimeouts(getSocket(), 0);
        const long verified = m_tls ? SSL_get_verify_result(m_tls) : X509_V_OK;
        if (result.good() || verified == X509_V_OK) return result;
        const std::string why = std::string(result.text()) + " (" + X509_verify_cert_error_string(verified) + ")";
        return makeOFCondition(result.module(), result.code(), result.status(), why.c_str());
    }

    SSL* m_tls;  // DCMTK's, which it keeps private
};

// DCMTK's TLS layer, making its connections as DCMTK does but with the bounded handshake.
class BoundedHandshakeLayer : public DcmTLSTransportLayer {
public:
    using DcmTLSTransportLayer::DcmTLSTransportLayer;

    DcmTransportConnection* createConnection(DcmNativeSocketType socket, OFBool useSecureLayer) override {
        SSL_CTX* context = getNativeHandle();
        if (!useSecureLayer || !context) return DcmTLSTransportLayer::createConnection(socket, useSecureLayer);
        SSL* tls = SSL_new(context);
        if (!tls) return nullptr;
        SSL_set_fd(tls, static_cast<int>(socket));
        return new BoundedHandshakeConnection(socket, tls);
    }
};

}  // namespace

QString siteCertificateExpiry(const NodeBook& book, int withinDays) {
    auto info = pki::describeCertificateFile(book.site().certificateFile);
    return info.ok() ? pki::expiryWarning(info.value(), QDateTime::currentDateTimeUtc(), withinDays) : QString();
}

void enableNoDelayOnDicomSockets() {
    static std::once_flag once;
    std::call_once(once, [] { ::setenv("TCP_NODELAY", "1", 0); });
}

Result<std::shared_ptr<DcmTLSTransportLayer>> makeTlsLayer(AssociationRole role, const NodeBook& book) {
    const SiteIdentity& site = book.site();
    if (!site.hasCertificate())
        return failure(QStringLiteral("TLS: this site has no key and certificate yet (%1, %2): run 'telerad-cli tls "
                                      "init' or 'tls import'").arg(site.keyFile, site.certificateFile));
    const T_ASC_NetworkRole networkRole = role == AssociationRole::Acceptor ? NET_ACCEPTOR : NET_REQUESTOR;
    std::shared_ptr<DcmTLSTransportLayer> layer = std::make_shared<BoundedHandshakeLayer>(networkRole, nullptr, OFTrue);
    OFCondition cond = layer->setTLSProfile(TSP_Profile_BCP195_ND);
    if (cond.good()) cond = layer->activateCipherSuites();
    if (cond.bad()) return failure(QStringLiteral("TLS: BCP 195 profile: %1").arg(conditionText(cond)));
    cond = layer->setPrivateKeyFile(QFile::encodeName(site.keyFile).constData(), DCF_Filetype_PEM);
    if (cond.bad()) return failure(QStringLiteral("TLS: site key %1: %2").arg(site.keyFile, conditionText(cond)));
    cond = layer->setCertificateFile(QFile::encodeName(site.certificateFile).constData(), DCF_Filetype_PEM);
    if (cond.bad())
        return failure(QStringLiteral("TLS: site certificate %1: %2").arg(site.certificateFile, conditionText(cond)));
    if (!layer->checkPrivateKeyMatchesCertificate())
        return failure(QStringLiteral("TLS: %1 is not the key of %2").arg(site.keyFile, site.certificateFile));
    if (Status s = addTrustAnchors(*layer, book); !s.ok()) return failure(s.error());
    warnOfExpiringCertificates(book);
    layer->setCertificateVerification(DCV_requireCertificate);
    return layer;
}

}  // namespace telerad
