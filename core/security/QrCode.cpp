#include "QrCode.h"

#include <qrencode.h>

#include <memory>

namespace telerad {

Result<QrCode> QrCode::encode(const QString& text) {
    const QByteArray bytes = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString(bytes.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) return failure(QStringLiteral("cannot make a QR code of %1 characters").arg(text.size()));
    std::vector<bool> modules(static_cast<size_t>(code->width) * static_cast<size_t>(code->width));
    for (size_t i = 0; i < modules.size(); ++i) modules[i] = code->data[i] & 1;  // bit 0: dark module
    return QrCode(code->width, std::move(modules));
}

QString QrCode::toTerminalText() const {
    constexpr int kQuiet = 2;
    const auto darkAt = [this](int x, int y) { return x >= 0 && y >= 0 && x < m_size && y < m_size && dark(x, y); };
    QString text;
    // Terminals draw light text on dark more often than not: a dark module is printed as a
    // space, a light one as a block, so scanners see dark-on-light either way round.
    for (int y = -kQuiet; y < m_size + kQuiet; y += 2) {
        for (int x = -kQuiet; x < m_size + kQuiet; ++x) {
            const bool top = !darkAt(x, y), bottom = !darkAt(x, y + 1);
            text += top && bottom ? QChar(0x2588) : top ? QChar(0x2580) : bottom ? QChar(0x2584) : QLatin1Char(' ');
        }
        text += QLatin1Char('\n');
    }
    return text;
}

}  // namespace telerad
