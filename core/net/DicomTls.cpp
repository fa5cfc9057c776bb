#include "DicomTls.h"

#include "Pki.h"

#include <dcmtk/dcmtls/tlslayer.h>

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
    auto layer = std::make_shared<DcmTLSTransportLayer>(role == AssociationRole::Acceptor ? NET_ACCEPTOR : NET_REQUESTOR,
                                                        nullptr, OFTrue);
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
