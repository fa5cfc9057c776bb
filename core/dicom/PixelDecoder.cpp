#include "PixelDecoder.h"

#include "DicomCodecs.h"
#include "DatasetSafety.h"
#include "DicomErrors.h"
#include "Jpeg2000Codec.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmimage/diregist.h>  // colour images (RGB, YBR, palette) for DicomImage
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmimgle/dipixel.h>

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

namespace telerad {

namespace {

template <typename T>
void copyValues(const void* source, size_t offset, size_t count, int32_t* destination) {
    const T* values = static_cast<const T*>(source) + offset;
    for (size_t i = 0; i < count; ++i)
        destination[i] = static_cast<int32_t>(std::clamp<int64_t>(static_cast<int64_t>(values[i]), std::numeric_limits<int32_t>::min(),
                                                                   std::numeric_limits<int32_t>::max()));
}

Status copyModalityValues(const QString& path, const DicomImage& image, int frameIndex, DecodedFrame* frame) {
    const DiPixel* pixels = image.getInterData();
    const size_t count = frame->values.size();
    const size_t offset = count * static_cast<size_t>(frameIndex);
    if (!pixels || pixels->getCount() < offset + count)
        return failure(QCoreApplication::translate("PixelDecoder", "%1: pixel data shorter than its declared size").arg(path));
    const void* data = pixels->getData();
    int32_t* out = frame->values.data();
    switch (pixels->getRepresentation()) {
        case EPR_Uint8: copyValues<Uint8>(data, offset, count, out); return success();
        case EPR_Sint8: copyValues<Sint8>(data, offset, count, out); return success();
        case EPR_Uint16: copyValues<Uint16>(data, offset, count, out); return success();
        case EPR_Sint16: copyValues<Sint16>(data, offset, count, out); return success();
        case EPR_Uint32: copyValues<Uint32>(data, offset, count, out); return success();
        case EPR_Sint32: copyValues<Sint32>(data, offset, count, out); return success();
    }
    return failure(QCoreApplication::translate("PixelDecoder", "%1: unknown pixel representation").arg(path));
}

// DCMTK converts YBR and palette colour to RGB; 16-bit colour is scaled down to 8 bits.
Status copyColour(const QString& path, DicomImage& image, int frameIndex, DecodedFrame* frame) {
    const size_t pixels = frame->values.size();
    const auto* rgb = static_cast<const uint8_t*>(image.getOutputData(8, static_cast<unsigned long>(frameIndex), 0));
    if (!rgb) return failure(QCoreApplication::translate("PixelDecoder", "%1: cannot convert frame %2 to RGB").arg(path).arg(frameIndex + 1));
    frame->rgb.assign(rgb, rgb + 3 * pixels);
    for (size_t p = 0; p < pixels; ++p)
        frame->values[p] = (299 * rgb[3 * p] + 587 * rgb[3 * p + 1] + 114 * rgb[3 * p + 2] + 500) / 1000;
    return success();
}

/// The modality values Pixel Padding Value (and Pixel Padding Range Limit) stand for: stored
/// values, read as Pixel Representation says, through the rescale.
std::optional<std::pair<double, double>> paddingRange(DcmItem& ds) {
    Uint16 padding = 0, limit = 0, representation = 0, bitsStored = 16;
    if (ds.findAndGetUint16(DCM_PixelPaddingValue, padding).bad()) {
        Sint16 signedPadding = 0;
        if (ds.findAndGetSint16(DCM_PixelPaddingValue, signedPadding).bad()) return std::nullopt;
        padding = static_cast<Uint16>(signedPadding);
    }
    const bool hasLimit = ds.findAndGetUint16(DCM_PixelPaddingRangeLimit, limit).good();
    ds.findAndGetUint16(DCM_PixelRepresentation, representation);
    ds.findAndGetUint16(DCM_BitsStored, bitsStored);
    const auto stored = [&](Uint16 raw) {
        return representation && bitsStored == 16 ? double(static_cast<Sint16>(raw)) : double(raw);
    };
    Float64 slope = 1, intercept = 0;
    ds.findAndGetFloat64(DCM_RescaleSlope, slope);
    ds.findAndGetFloat64(DCM_RescaleIntercept, intercept);
    const double a = slope * stored(padding) + intercept, b = slope * stored(hasLimit ? limit : padding) + intercept;
    return std::pair{std::min(a, b), std::max(a, b)};
}

/// DicomImage says only "Invalid DICOM image" when a codec fails: ask the codec itself.
QString whyNotDecoded(DcmDataset& ds, const DicomImage& image) {
    QString status = QString::fromLatin1(DicomImage::getString(image.getStatus()));
    if (image.getStatus() == EIS_MissingAttribute) {
        QStringList missing;
        for (const DcmTagKey& tag : {DCM_SamplesPerPixel, DCM_PhotometricInterpretation, DCM_BitsAllocated, DCM_BitsStored,
                                     DCM_HighBit, DCM_PixelRepresentation})
            if (!ds.tagExistsWithValue(tag)) missing << QString::fromLatin1(DcmTag(tag).getTagName());
        if (!missing.isEmpty()) status += QStringLiteral(" (%1)").arg(missing.join(QStringLiteral(", ")));
    }
    if (!DcmXfer(ds.getOriginalXfer()).isEncapsulated()) return status;
    const OFCondition cond = ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    return cond.bad() ? QString::fromLatin1(cond.text()) : status;
}

// DCMTK's JPEG decoder first walks each fragment's markers for the bit depth, and that walk
// never moves past a TEM marker (FF01): such a stream would hang the decoding thread for
// ever (found by fuzz_import_and_decode). This walks the same way and says so first.
bool markerWalkStopsOnTem(const Uint8* data, Uint32 length) {
    const auto segment = [data](Uint32 at) { return (Uint32(data[at + 2]) << 8 | data[at + 3]) + 2; };
    Uint32 offset = 0;
    while (offset + 4 < length) {
        if (data[offset] != 0xff) return false;  // the walk ends: invalid marker
        const Uint8 marker = data[offset + 1];
        if (marker == 0x01) return true;
        if (marker == 0xff) offset += 1;
        else if (marker >= 0xd0 && marker <= 0xd9) offset += 2;
        else if (marker == 0xc4 || marker == 0xcc || marker >= 0xda) offset += segment(offset);
        else if (marker >= 0xc0) return false;  // a frame header: the walk ends
        else if (marker > 2) offset += 2;       // reserved markers
        else return false;
    }
    return false;
}

bool isDcmtkJpeg(E_TransferSyntax xfer) {  // 1.2.840.10008.1.2.4.50-.70, decoded by dcmjpeg
    const QString uid = QString::fromLatin1(DcmXfer(xfer).getXferID());
    const int process = uid.section(QLatin1Char('.'), -1).toInt();
    return uid.startsWith(QLatin1String("1.2.840.10008.1.2.4.")) && process >= 50 && process <= 70;
}

Status refuseJpegThatWouldHang(DcmDataset& ds, const QString& path) {
    if (!isDcmtkJpeg(ds.getOriginalXfer())) return success();
    DcmPixelData* pixelData = pixelDataIn(ds);
    DcmPixelSequence* fragments = nullptr;
    if (!pixelData || pixelData->getEncapsulatedRepresentation(ds.getOriginalXfer(), nullptr, fragments).bad() || !fragments)
        return success();
    for (unsigned long i = 1; i < fragments->card(); ++i) {  // item 0 is the offset table
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        if (fragments->getItem(item, i).good() && item->getUint8Array(data).good() && data &&
            markerWalkStopsOnTem(data, item->getLength()))
            return failure(QCoreApplication::translate("PixelDecoder", "%1: damaged JPEG stream (a TEM marker where a frame header belongs)").arg(path));
    }
    return success();
}

}  // namespace

Result<std::vector<DecodedFrame>> decodeFrames(const QString& path) {
    registerDicomCodecs();
    DcmFileFormat file;
    const OFCondition cond = loadDicomFile(file, path);
    if (cond.bad()) return failure(describeDicomError(QStringLiteral("reading"), path, cond));
    DcmDataset& ds = *file.getDataset();
    Uint16 rows = 0, columns = 0;
    if (ds.findAndGetUint16(DCM_Rows, rows).bad() || ds.findAndGetUint16(DCM_Columns, columns).bad() || rows == 0 || columns == 0)
        return failure(QCoreApplication::translate("PixelDecoder", "%1: not an image (no Rows/Columns)").arg(path));
    if (!ds.tagExists(DCM_PixelData)) return failure(QCoreApplication::translate("PixelDecoder", "%1: no pixel data").arg(path));
    if (Status sized = checkImageSize(ds, path); !sized.ok()) return failure(sized.error());  // before DCMTK allocates it
    if (Status scannable = refuseJpegThatWouldHang(ds, path); !scannable.ok()) return failure(scannable.error());
    alignPixelRepresentationWithCodestream(ds);

    // All frames at once: DCMTK's frame-by-frame decoding (partial access) gets some JPEG
    // frames and RLE stripes split across fragments wrong, where decoding the whole does not.
    DicomImage image(&file, ds.getOriginalXfer(), CIF_MayDetachPixelData, 0, 0);
    if (image.getStatus() != EIS_Normal)
        return failure(QCoreApplication::translate("PixelDecoder", "%1: cannot decode: %2").arg(path, whyNotDecoded(ds, image)));
    const auto padding = paddingRange(ds);
    std::vector<DecodedFrame> frames(image.getFrameCount());
    for (size_t f = 0; f < frames.size(); ++f) {
        DecodedFrame& decoded = frames[f];
        decoded.columns = static_cast<int>(image.getWidth());
        decoded.rows = static_cast<int>(image.getHeight());
        decoded.colour = !image.isMonochrome();
        decoded.values.resize(static_cast<size_t>(decoded.columns) * decoded.rows);
        const int index = static_cast<int>(f);
        Status copied = decoded.colour ? copyColour(path, image, index, &decoded) : copyModalityValues(path, image, index, &decoded);
        if (!copied.ok()) return failure(copied.error());
        if (!decoded.colour) decoded.padding = padding;
    }
    if (frames.empty()) return failure(QCoreApplication::translate("PixelDecoder", "%1: no frames").arg(path));
    return frames;
}

Status copyFrameInto(const QString& path, const DecodedFrame& f, int columns, int rows, int16_t* values, uint8_t* rgb) {
    if (f.columns != columns || f.rows != rows)
        return failure(QCoreApplication::translate("PixelDecoder", "%1: %2x%3 pixels where the series has %4x%5").arg(path).arg(f.columns).arg(f.rows).arg(columns).arg(rows));
    const auto isPadding = [&f](int32_t v) { return f.padding && v >= f.padding->first && v <= f.padding->second; };
    int32_t lowestReal = INT32_MAX;
    if (f.padding)
        for (int32_t v : f.values)
            if (!isPadding(v)) lowestReal = std::min(lowestReal, v);
    for (size_t i = 0; i < f.values.size(); ++i) {
        const int32_t v = isPadding(f.values[i]) && lowestReal != INT32_MAX ? lowestReal : f.values[i];
        if (v < std::numeric_limits<int16_t>::min() || v > std::numeric_limits<int16_t>::max())
            return failure(QCoreApplication::translate("PixelDecoder", "%1: modality value %2 does not fit 16-bit signed").arg(path).arg(v));
        values[i] = static_cast<int16_t>(v);
    }
    if (rgb) {
        if (f.colour) std::memcpy(rgb, f.rgb.data(), f.rgb.size());
        else for (size_t i = 0; i < f.values.size(); ++i) std::fill_n(rgb + 3 * i, 3, static_cast<uint8_t>(std::clamp(f.values[i], 0, 255)));
    }
    return success();
}

}  // namespace telerad
