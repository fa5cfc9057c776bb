#pragma once
// Decodes the pixel data of one grayscale image file into modality values (HU for CT),
// whatever its transfer syntax among those DCMTK decodes.

#include "common/Result.h"

#include <cstdint>

namespace telerad {

/// Decodes frame 0 of `path` into `destination`, which holds exactly `columns * rows` values.
/// Fails with a reason when the file is not a grayscale image of that size, or when its
/// modality values do not fit 16-bit signed integers.
Status decodeFrameInto(const QString& path, int columns, int rows, int16_t* destination);

}  // namespace telerad
