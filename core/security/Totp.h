#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1, 30 s steps, 6
// digits): what authenticator apps (FreeOTP, Google Authenticator...) compute from the
// secret they scan from an otpauth:// QR code.

#include <QByteArray>
#include <QString>

namespace telerad::totp {

inline constexpr int kStepSeconds = 30;

/// A new random secret (20 bytes, as RFC 4226 recommends).
QByteArray newSecret();
/// RFC 4648 base32 without padding (the otpauth:// form) and back; empty on bad input.
QString toBase32(const QByteArray& bytes);
QByteArray fromBase32(const QString& text);

/// The code for time step `step` (unix time / 30), `digits` long with leading zeros.
QString code(const QByteArray& secret, qint64 step, int digits = 6);
qint64 stepAt(qint64 unixSeconds);

/// The otpauth://totp/ URI an authenticator app enrols from.
QString enrolmentUri(const QString& issuer, const QString& account, const QByteArray& secret);

}  // namespace telerad::totp
