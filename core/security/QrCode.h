#pragma once
// QR codes (libqrencode) for enrolling a TOTP authenticator: the GUI paints the modules,
// the CLI prints them with Unicode half blocks.

#include "common/Result.h"

#include <QString>
#include <vector>

namespace telerad {

class QrCode {
public:
    /// Encodes `text` (byte mode, error correction level M).
    static Result<QrCode> encode(const QString& text);

    int size() const { return m_size; }  ///< modules per side, without the quiet zone
    bool dark(int x, int y) const { return m_modules[static_cast<size_t>(y * m_size + x)]; }
    /// Two module rows per text line, with a 2-module quiet zone; dark on a light terminal.
    QString toTerminalText() const;

private:
    QrCode(int size, std::vector<bool> modules) : m_size(size), m_modules(std::move(modules)) {}
    int m_size = 0;
    std::vector<bool> m_modules;
};

}  // namespace telerad
