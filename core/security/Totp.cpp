#include "Totp.h"

#include <QMessageAuthenticationCode>
#include <QUrl>

#include <cstring>

#include <openssl/rand.h>

namespace telerad::totp {

namespace {
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

QByteArray newSecret() {
    QByteArray secret(20, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), int(secret.size())) != 1) return {};
    return secret;
}

QString toBase32(const QByteArray& bytes) {
    QString text;
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            text += QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) text += QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 31]);
    return text;
}

QByteArray fromBase32(const QString& text) {
    QByteArray bytes;
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('=') || c == QLatin1Char(' ')) continue;
        const char* at = std::strchr(kAlphabet, c.toUpper().toLatin1());
        if (!at || !*at) return {};
        buffer = (buffer << 5) | quint32(at - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            bytes += char((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return bytes;
}

qint64 stepAt(qint64 unixSeconds) { return unixSeconds / kStepSeconds; }

// RFC 4226 section 5.3: HMAC of the big-endian counter, dynamic truncation, modulo 10^digits.
QString code(const QByteArray& secret, qint64 step, int digits) {
    QByteArray counter(8, '\0');
    for (int i = 7; i >= 0; --i, step >>= 8) counter[i] = char(step & 0xff);
    const QByteArray mac = QMessageAuthenticationCode::hash(counter, secret, QCryptographicHash::Sha1);
    const int offset = mac[mac.size() - 1] & 0x0f;
    const quint32 binary = (quint32(quint8(mac[offset]) & 0x7f) << 24) | (quint32(quint8(mac[offset + 1])) << 16) |
                           (quint32(quint8(mac[offset + 2])) << 8) | quint32(quint8(mac[offset + 3]));
    quint64 modulo = 1;
    for (int i = 0; i < digits; ++i) modulo *= 10;
    return QStringLiteral("%1").arg(binary % modulo, digits, 10, QLatin1Char('0'));
}

QString enrolmentUri(const QString& issuer, const QString& account, const QByteArray& secret) {
    const QString label = QString::fromLatin1(QUrl::toPercentEncoding(issuer + QLatin1Char(':') + account, ":@"));
    return QStringLiteral("otpauth://totp/%1?secret=%2&issuer=%3&algorithm=SHA1&digits=6&period=%4")
        .arg(label, toBase32(secret), QString::fromLatin1(QUrl::toPercentEncoding(issuer)))
        .arg(kStepSeconds);
}

}  // namespace telerad::totp
