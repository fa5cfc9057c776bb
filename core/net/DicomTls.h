#pragma once
// TLS for DICOM associations, configured in one place for both directions: BCP 195
// non-downgrading profile (TLS 1.2 and newer), our site key and certificate, the trusted
// CAs plus every certificate pinned in the node book, and the peer's certificate required
// and verified on both sides.

#include "NodeBook.h"
#include "Pki.h"
#include "common/Result.h"

#include <memory>

class DcmTLSTransportLayer;

namespace telerad {

enum class AssociationRole { Acceptor, Requestor };

/// A configured transport layer; fails in words when the site has no key or certificate,
/// when they do not match, or when nothing is trusted yet.
Result<std::shared_ptr<DcmTLSTransportLayer>> makeTlsLayer(AssociationRole role, const NodeBook& book);

/// pki::expiryWarning for this site's certificate: empty while it has `withinDays` or more
/// left (0: empty until it has expired).
QString siteCertificateExpiry(const NodeBook& book, int withinDays = pki::kExpiryWarningDays);

/// Disables Nagle's algorithm on every DICOM socket DCMTK opens in this process (DCMTK
/// reads the TCP_NODELAY variable; without it transfers are 45-65x slower, see STACK.md).
void enableNoDelayOnDicomSockets();

}  // namespace telerad
