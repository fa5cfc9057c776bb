#pragma once
// What one image file says about its size and place in patient space, read without
// loading its pixel data.

#include "ImageVolume.h"
#include "common/Result.h"

#include <vector>

namespace telerad {

/// One frame of an image file: a single-frame file has one, a multi-frame file one per frame
/// (placed by its per-frame functional groups when it has them).
struct ImageHeader {
    QString path;
    int frame = 0;   ///< which frame of the file, from 0
    int frames = 1;  ///< frames in the file
    int rows = 0;
    int columns = 0;
    bool colour = false;  ///< RGB, YBR or palette colour
    double rowSpacing = 1;     ///< mm between rows (first value of Pixel Spacing)
    double columnSpacing = 1;  ///< mm between columns
    bool hasPosition = false, hasOrientation = false;  ///< Image Position/Orientation (Patient) found
    bool hasPlaneGeometry() const { return hasPosition && hasOrientation; }
    Vec3 position{0, 0, 0};
    Vec3 rowDirection{1, 0, 0};
    Vec3 columnDirection{0, 1, 0};
    double sliceThickness = 0;
    ImageDescription description;

    Vec3 normal() const;
};

/// Reads the header of `path` (stops before Pixel Data); for a multi-frame file, the first
/// frame's.
Result<ImageHeader> readImageHeader(const QString& path);
/// One header per frame of `path`.
Result<std::vector<ImageHeader>> readFrameHeaders(const QString& path);

}  // namespace telerad
