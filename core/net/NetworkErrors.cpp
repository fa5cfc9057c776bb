#include "NetworkErrors.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace telerad {

NetworkFailure classifyNetworkError(const QString& error) {
    if (error.isEmpty()) return NetworkFailure::None;
    // Checked in this order: a TLS failure also ends the association, so it must win over
    // the generic "aborted" texts.
    static const std::array<std::pair<const char*, NetworkFailure>, 16> patterns{{
        {"certificate has expired", NetworkFailure::CertificateExpired},  // our check of the peer's
        {"certificate expired", NetworkFailure::CertificateExpired},      // the peer's alert about ours
        {"certificate verify failed", NetworkFailure::CertificateNotTrusted},
        {"unknown ca", NetworkFailure::CertificateNotTrusted},
        {"bad certificate", NetworkFailure::CertificateNotTrusted},
        {"certificate required", NetworkFailure::CertificateNotTrusted},
        {"Connection refused", NetworkFailure::PeerUnreachable},
        {"No route to host", NetworkFailure::PeerUnreachable},
        {"Name or service not known", NetworkFailure::PeerUnreachable},
        {"refused the association", NetworkFailure::PeerRefused},
        {"Association Rejected", NetworkFailure::PeerRefused},
        {"OutOfResources", NetworkFailure::PeerOutOfResources},
        {"imeout", NetworkFailure::Timeout},  // "Timeout", "timed out"
        {"Peer aborted", NetworkFailure::ConnectionDropped},
        {"Connection reset", NetworkFailure::ConnectionDropped},
        {"Broken pipe", NetworkFailure::ConnectionDropped},
    }};
    for (const auto& [text, failure] : patterns)
        if (error.contains(QLatin1String(text), Qt::CaseInsensitive)) return failure;
    return NetworkFailure::Other;
}

QString explainNetworkFailure(NetworkFailure failure) {
    switch (failure) {
    case NetworkFailure::None: return {};
    case NetworkFailure::PeerUnreachable:
        return QCoreApplication::translate("NetworkErrors", "Peer unreachable: nothing answers at its address and port (service stopped, wrong port, or a firewall).");
    case NetworkFailure::PeerRefused:
        return QCoreApplication::translate("NetworkErrors", "Peer refused: it does not accept our AE title or certificate for this request (ask its administrator to add us).");
    case NetworkFailure::CertificateExpired:
        return QCoreApplication::translate("NetworkErrors", "Certificate expired: the TLS handshake failed because our certificate or the peer's is past its end date (renew it: Settings > Network shows ours).");
    case NetworkFailure::CertificateNotTrusted:
        return QCoreApplication::translate("NetworkErrors", "Certificate not trusted: the TLS handshake failed (its certificate is not from a CA we trust, or ours is not trusted there).");
    case NetworkFailure::Timeout:
        return QCoreApplication::translate("NetworkErrors", "Timeout: the peer stopped answering (slow or broken link); the queue retries.");
    case NetworkFailure::ConnectionDropped:
        return QCoreApplication::translate("NetworkErrors", "Connection dropped during the transfer; the queue resumes with the instances not yet confirmed.");
    case NetworkFailure::PeerOutOfResources:
        return QCoreApplication::translate("NetworkErrors", "The peer is out of resources (disk full?) and could not store the instances.");
    case NetworkFailure::Other: return {};
    }
    return {};
}

QString explainNetworkError(const QString& error) {
    const QString words = explainNetworkFailure(classifyNetworkError(error));
    return words.isEmpty() ? error : words;
}

}  // namespace telerad
