#pragma once
// What one image file says about its size and place in patient space, read without
// loading its pixel data.

#include "ImageVolume.h"
#include "common/Result.h"

namespace telerad {

struct ImageHeader {
    QString path;
    int rows = 0;
    int columns = 0;
    int frames = 1;
    double rowSpacing = 1;     ///< mm between rows (first value of Pixel Spacing)
    double columnSpacing = 1;  ///< mm between columns
    bool hasPlaneGeometry = false;
    Vec3 position{0, 0, 0};
    Vec3 rowDirection{1, 0, 0};
    Vec3 columnDirection{0, 1, 0};
    double sliceThickness = 0;
    ImageDescription description;

    Vec3 normal() const;
};

/// Reads the header of `path` (stops before Pixel Data).
Result<ImageHeader> readImageHeader(const QString& path);

}  // namespace telerad
