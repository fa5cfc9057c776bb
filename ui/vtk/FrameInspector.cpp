#include "FrameInspector.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace telerad {

FrameStatistics inspectFrame(const QImage& frame) {
    FrameStatistics stats;
    if (frame.isNull()) return stats;
    const QImage image = frame.convertToFormat(QImage::Format_RGB32);
    const QRgb corner = image.pixel(0, 0);
    std::array<bool, 256> seen{};
    double sum = 0, sumSquares = 0;
    qint64 unlike = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int gray = qGray(line[x]);
            seen[static_cast<size_t>(gray)] = true;
            sum += gray;
            sumSquares += static_cast<double>(gray) * gray;
            if (line[x] != corner) ++unlike;
        }
    }
    const double count = static_cast<double>(image.width()) * image.height();
    for (bool s : seen) stats.distinctGrayLevels += s ? 1 : 0;
    const double mean = sum / count;
    stats.luminanceStdDev = std::sqrt(std::max(0.0, sumSquares / count - mean * mean));
    stats.fractionUnlikeCorner = static_cast<double>(unlike) / count;
    return stats;
}

bool isBlankFrame(const QImage& frame) {
    const FrameStatistics stats = inspectFrame(frame);
    return frame.isNull() || stats.fractionUnlikeCorner < 0.001 || stats.luminanceStdDev < 1.0;
}

}  // namespace telerad
