#include "DicomTls.h"

#include "Pki.h"

#include <dcmtk/dcmtls/tlslayer.h>
#include <dcmtk/dcmtls/tlstrans.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <QFile>

#include <cstdlib>
#include <mutex>

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
// the association's own ACSE and DIMSE timeouts take over).
class BoundedHandshakeConnection : public DcmTLSConnection {
public:
    using DcmTLSConnection::DcmTLSConnection;

    OFCondition serverSideHandshake() override { return bounded([this] { return DcmTLSConnection::serverSideHandshake(); }); }
    OFCondition clientSideHandshake() override { return bounded([this] { return DcmTLSConnection::clientSideHandshake(); }); }

private:
    template <typename Handshake>
    OFCondition bounded(Handshake handshake) {
        setSocketTimeouts(getSocket(), kHandshakeSeconds);
        const OFCondition result = handshake();
        setSocketTimeouts(getSocket(), 0);
        return result;
    }
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
    layer->setCertificateVerification(DCV_requireCertificate);
    return layer;
}

}  // namespace telerad
