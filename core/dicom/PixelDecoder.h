#pragma once
// Decodes the pixel data of one frame of an image file, whatever its transfer syntax among
// those registered (DCMTK's, plus our JPEG 2000): grayscale as modality values (HU for CT),
// colour (RGB, YBR, palette) as 8-bit RGB.

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace telerad {

struct DecodedFrame {
    int columns = 0, rows = 0;
    bool colour = false;
    /// Grayscale: modality values (rescale applied, HU for CT). Colour: the luminance of
    /// `rgb` (0-255), so that probes and regions still have a value to show.
    std::vector<int32_t> values;
    std::vector<uint8_t> rgb;  ///< colour only: R, G, B per pixel, row by row
    /// The modality values that are Pixel Padding (outside the scanned field), when the file
    /// declares them: kept as decoded here; copyFrameInto() gives them the frame's lowest
    /// real value, so that they show as background and do not stretch a window.
    std::optional<std::pair<double, double>> padding;
};

/// Decodes every frame of `path` (one for single-frame images). Fails with the file and the
/// reason when it is not an image or the codec cannot decode it.
Result<std::vector<DecodedFrame>> decodeFrames(const QString& path);

/// Copies a decoded frame of `path` into a volume's buffers: `values` holds exactly
/// `columns * rows` 16-bit modality values (padding replaced), `rgb` (when not null) three
/// bytes per pixel. Fails when the frame is not of that size or its values do not fit 16 bits.
Status copyFrameInto(const QString& path, const DecodedFrame& frame, int columns, int rows, int16_t* values, uint8_t* rgb);

}  // namespace telerad
