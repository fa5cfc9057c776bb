#pragma once
// Measures what a rendered frame shows, to tell a real picture from a blank (all one
// colour, typically black) frame.

#include <QImage>

namespace telerad {

struct FrameStatistics {
    int distinctGrayLevels = 0;      ///< among 256 luminance bins
    double luminanceStdDev = 0;      ///< over all pixels, 0..255 scale
    double fractionUnlikeCorner = 0; ///< pixels differing from the top-left pixel
};

FrameStatistics inspectFrame(const QImage& frame);

/// True when the frame is empty, or (almost) all one colour.
bool isBlankFrame(const QImage& frame);

}  // namespace telerad
