#pragma once
// Transfer syntax lists used in negotiation, in order of preference.

#include <QStringList>

namespace telerad::transfersyntax {

/// Explicit then implicit VR little endian.
QStringList uncompressed();
/// Everything we archive as received, in order of preference when a peer proposes several.
QStringList acceptedForStorage();
/// What we propose to receive in on our own association (C-GET), uncompressed first.
QStringList retrievedOnOurAssociation();
/// Lossless compressions proposed to a low-bandwidth node, best first.
QStringList losslessCompressed();
/// True for a syntax we can re-encode from (native, uncompressed).
bool isUncompressed(const QString& uid);

/// 128 KB PDUs: 30% faster than 16 KB over loopback and cancels TLS's framing cost (STACK.md).
constexpr unsigned kMaxPduBytes = 131072;

}  // namespace telerad::transfersyntax
