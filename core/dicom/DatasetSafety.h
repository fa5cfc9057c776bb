#pragma once
// Checks on untrusted DICOM before it is trusted: a nesting depth bound taken on the raw
// bytes before DCMTK parses them (its parser recurses once per sequence and item, so a file
// nested a hundred thousand deep would overflow the stack and take the process down), and
// image dimensions that the pixel data can actually hold.

#include "common/Result.h"

#include <QByteArray>

class DcmItem;
class DcmPixelData;

namespace telerad {

/// Sequences and items nested deeper than this are refused (real objects stay under 20).
inline constexpr int kMaxNestingDepth = 64;

/// Walks the elements of a Part 10 file or bare dataset in `bytes` (little or big endian,
/// explicit or implicit VR) without building anything, and fails, naming `source`, when
/// sequences and items nest deeper than `maxDepth`. A deflated dataset is not walked; bytes
/// it cannot make sense of are left to DCMTK's own checks.
Status checkNestingDepth(const QByteArray& bytes, const QString& source, int maxDepth = kMaxNestingDepth);

/// The dataset's Pixel Data element when DCMTK holds it as pixel data, else nullptr: a
/// damaged or odd VR leaves a plain OB/OW element under that tag, which has none of the
/// pixel data's representations (found by fuzzing; casting it blindly is undefined).
DcmPixelData* pixelDataIn(DcmItem& dataset);

/// Fails, naming `source`, when the dataset is an image whose declared size is absurd (over
/// 4 GiB of pixels) or, for uncompressed pixel data, larger than the pixel data it holds.
Status checkImageSize(DcmItem& dataset, const QString& source);

}  // namespace telerad
