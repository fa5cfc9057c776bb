#include "PixelDecoder.h"

#include "DicomCodecs.h"
#include "DicomErrors.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmimgle/dipixel.h>

#include <algorithm>
#include <limits>

namespace telerad {

namespace {

template <typename T>
Status copyValues(const QString& path, const void* source, size_t count, int16_t* destination) {
    const T* values = static_cast<const T*>(source);
    for (size_t i = 0; i < count; ++i) {
        const auto v = static_cast<int64_t>(values[i]);
        if (v < std::numeric_limits<int16_t>::min() || v > std::numeric_limits<int16_t>::max())
            return failure(QStringLiteral("%1: modality value %2 does not fit 16-bit signed")
                               .arg(path).arg(static_cast<double>(v)));
        destination[i] = static_cast<int16_t>(v);
    }
    return success();
}

Status copyInterData(const QString& path, const DiPixel& pixels, size_t count, int16_t* destination) {
    const void* data = pixels.getData();
    switch (pixels.getRepresentation()) {
        case EPR_Uint8: return copyValues<Uint8>(path, data, count, destination);
        case EPR_Sint8: return copyValues<Sint8>(path, data, count, destination);
        case EPR_Uint16: return copyValues<Uint16>(path, data, count, destination);
        case EPR_Sint16: return copyValues<Sint16>(path, data, count, destination);
        case EPR_Uint32: return copyValues<Uint32>(path, data, count, destination);
        case EPR_Sint32: return copyValues<Sint32>(path, data, count, destination);
    }
    return failure(QStringLiteral("%1: unknown pixel representation").arg(path));
}

}  // namespace

Status decodeFrameInto(const QString& path, int columns, int rows, int16_t* destination) {
    registerDicomCodecs();
    DcmFileFormat file;
    const OFCondition cond = file.loadFile(path.toLocal8Bit().constData());
    if (cond.bad()) return failure(describeDicomError(QStringLiteral("reading"), path, cond));

    DicomImage image(&file, file.getDataset()->getOriginalXfer(), CIF_MayDetachPixelData, 0, 1);
    if (image.getStatus() != EIS_Normal)
        return failure(QStringLiteral("%1: cannot decode pixels: %2")
                           .arg(path, QString::fromLatin1(DicomImage::getString(image.getStatus()))));
    if (!image.isMonochrome())
        return failure(QStringLiteral("%1: colour image where a grayscale volume was expected").arg(path));
    if (static_cast<int>(image.getWidth()) != columns || static_cast<int>(image.getHeight()) != rows)
        return failure(QStringLiteral("%1: %2x%3 pixels where the series has %4x%5")
                           .arg(path).arg(image.getWidth()).arg(image.getHeight()).arg(columns).arg(rows));
    const DiPixel* pixels = image.getInterData();
    const size_t count = static_cast<size_t>(columns) * rows;
    if (!pixels || pixels->getCount() < count)
        return failure(QStringLiteral("%1: pixel data shorter than its declared size").arg(path));
    return copyInterData(path, *pixels, count, destination);
}

}  // namespace telerad
