#pragma once
// Network failures in words for people: the transfer monitor shows a clinic's staff what
// went wrong ("certificate not trusted") with DCMTK's own text kept as the detail.

#include <QString>

namespace telerad {

enum class NetworkFailure {
    None,
    PeerUnreachable,
    PeerRefused,
    CertificateExpired,
    CertificateNotTrusted,
    Timeout,
    ConnectionDropped,
    PeerOutOfResources,
    Other
};

/// The kind of failure a DicomClient / TransferQueue error message describes.
NetworkFailure classifyNetworkError(const QString& error);

/// One sentence for that kind of failure, saying what to check.
QString explainNetworkFailure(NetworkFailure failure);

/// explainNetworkFailure(classifyNetworkError(error)), or `error` itself when unclassified.
QString explainNetworkError(const QString& error);

}  // namespace telerad
