#include "ImageHeader.h"

#include "DicomErrors.h"
#include "DicomText.h"

#include <QCoreApplication>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>

namespace telerad {

namespace {

bool readDoubles(DcmItem& item, const DcmTagKey& tag, double* out, int count) {
    for (int i = 0; i < count; ++i) {
        Float64 value = 0;
        if (item.findAndGetFloat64(tag, value, static_cast<unsigned long>(i)).bad()) return false;
        out[i] = value;
    }
    return true;
}

/// The VOI windows of `item` (the dataset, or a Frame VOI LUT macro), appended to `windows`.
void readWindows(DcmItem& item, std::vector<ImageDescription::Window>* windows) {
    DcmElement* centers = nullptr;
    const unsigned long count = item.findAndGetElement(DCM_WindowCenter, centers).good() ? centers->getVM() : 0;
    for (unsigned long i = 0; i < count; ++i) {
        Float64 center = 0, width = 0;
        if (item.findAndGetFloat64(DCM_WindowCenter, center, i).bad() || item.findAndGetFloat64(DCM_WindowWidth, width, i).bad() || width <= 0)
            continue;
        OFString explanation;
        item.findAndGetOFString(DCM_WindowCenterWidthExplanation, explanation, i);
        windows->push_back({center, width, QString::fromUtf8(explanation.c_str())});
    }
}

/// The VOI LUTs of the VOI LUT Sequence (C.11.2): descriptor (entries, first value mapped,
/// bits), data, explanation. Malformed ones are left out.
std::vector<ImageDescription::VoiLut> readVoiLuts(DcmItem& ds) {
    std::vector<ImageDescription::VoiLut> luts;
    // The first value mapped is signed when the pixels are (PS3.3 C.11.2.1.1).
    Uint16 pixelRepresentation = 0;
    ds.findAndGetUint16(DCM_PixelRepresentation, pixelRepresentation);
    DcmItem* item = nullptr;
    for (unsigned long i = 0; ds.findAndGetSequenceItem(DCM_VOILUTSequence, item, static_cast<int>(i)).good() && item; ++i) {
        Uint16 entries = 0, bits = 0, first = 0;
        if (item->findAndGetUint16(DCM_LUTDescriptor, entries, 0).bad() || item->findAndGetUint16(DCM_LUTDescriptor, first, 1).bad() ||
            item->findAndGetUint16(DCM_LUTDescriptor, bits, 2).bad() || bits == 0 || bits > 16)
            continue;
        const Uint16* data = nullptr;
        unsigned long count = 0;
        if (item->findAndGetUint16Array(DCM_LUTData, data, &count).bad() || !data) continue;
        const size_t size = entries == 0 ? 65536 : entries;
        if (count < size) continue;
        OFString explanation;
        item->findAndGetOFString(DCM_LUTExplanation, explanation);
        luts.push_back({QString::fromUtf8(explanation.c_str()), pixelRepresentation ? double(static_cast<Sint16>(first)) : double(first), bits,
                        std::vector<uint16_t>(data, data + size)});
    }
    return luts;
}

ImageDescription readDescription(DcmItem& ds) {
    ImageDescription d;
    d.patientName = dicomText(ds, DCM_PatientName);
    d.patientId = dicomText(ds, DCM_PatientID);
    d.patientSex = dicomText(ds, DCM_PatientSex);
    d.patientAge = dicomText(ds, DCM_PatientAge);
    d.patientBirthDate = dicomText(ds, DCM_PatientBirthDate);
    d.studyDate = dicomText(ds, DCM_StudyDate);
    d.studyDescription = dicomText(ds, DCM_StudyDescription);
    d.seriesDescription = dicomText(ds, DCM_SeriesDescription);
    d.modality = dicomText(ds, DCM_Modality);
    d.studyInstanceUid = dicomText(ds, DCM_StudyInstanceUID);
    d.seriesInstanceUid = dicomText(ds, DCM_SeriesInstanceUID);
    d.photometricInterpretation = dicomText(ds, DCM_PhotometricInterpretation);
    readWindows(ds, &d.windows);
    d.voiLuts = readVoiLuts(ds);
    return d;
}

}  // namespace

Vec3 ImageHeader::normal() const { return cross(rowDirection, columnDirection); }

namespace {

Status loadHeader(DcmFileFormat& file, const QString& path) {
    // Values longer than DCM_MaxReadLength (Pixel Data among them) stay on disk until asked
    // for, so this reads the header without loading the pixels.
    const OFCondition cond = loadDicomFile(file, path);
    if (cond.bad()) return failure(describeDicomError(QStringLiteral("reading"), path, cond));
    convertTextToUtf8(*file.getDataset());
    return success();
}

/// Pixel spacing, position and orientation as found in `item` (the dataset itself, or the
/// macros of an enhanced multi-frame object's functional groups); what is absent is kept.
void readPlane(DcmItem& item, ImageHeader* h) {
    double spacing[2];
    if (readDoubles(item, DCM_PixelSpacing, spacing, 2) && spacing[0] > 0 && spacing[1] > 0) {
        h->rowSpacing = spacing[0];
        h->columnSpacing = spacing[1];
    }
    Float64 thickness = 0;
    if (item.findAndGetFloat64(DCM_SliceThickness, thickness).good()) h->sliceThickness = thickness;
    double orientation[6];
    if (readDoubles(item, DCM_ImageOrientationPatient, orientation, 6)) {
        h->rowDirection = {orientation[0], orientation[1], orientation[2]};
        h->columnDirection = {orientation[3], orientation[4], orientation[5]};
        h->hasOrientation = true;
    }
    if (readDoubles(item, DCM_ImagePositionPatient, h->position.data(), 3)) h->hasPosition = true;
}

/// The functional group macros that place a frame (C.7.6.16): pixel measures, plane
/// position, plane orientation, each in its own sequence of one item.
void readFunctionalGroups(DcmItem* groups, ImageHeader* h) {
    if (!groups) return;
    for (const DcmTagKey& macro : {DCM_PixelMeasuresSequence, DCM_PlanePositionSequence, DCM_PlaneOrientationSequence}) {
        DcmItem* item = nullptr;
        if (groups->findAndGetSequenceItem(macro, item, 0).good() && item) readPlane(*item, h);
    }
    DcmItem* voi = nullptr;  // enhanced objects keep their windows in the Frame VOI LUT macro
    if (h->description.windows.empty() && groups->findAndGetSequenceItem(DCM_FrameVOILUTSequence, voi, 0).good() && voi)
        readWindows(*voi, &h->description.windows);
}

DcmItem* functionalGroups(DcmItem& ds, const DcmTagKey& sequence, int index) {
    DcmItem* item = nullptr;
    return ds.findAndGetSequenceItem(sequence, item, index).good() ? item : nullptr;
}

}  // namespace

Result<ImageHeader> readImageHeader(const QString& path) {
    auto frames = readFrameHeaders(path);
    if (!frames.ok()) return failure(frames.error());
    return frames.value().front();
}

Result<std::vector<ImageHeader>> readFrameHeaders(const QString& path) {
    DcmFileFormat file;
    if (Status loaded = loadHeader(file, path); !loaded.ok()) return failure(loaded.error());
    DcmDataset& ds = *file.getDataset();

    ImageHeader h;
    h.path = path;
    Uint16 rows = 0, columns = 0, samples = 1;
    if (ds.findAndGetUint16(DCM_Rows, rows).bad() || ds.findAndGetUint16(DCM_Columns, columns).bad() ||
        rows == 0 || columns == 0)
        return failure(QCoreApplication::translate("PixelDecoder", "%1: not an image (no Rows/Columns)").arg(path));
    h.rows = rows;
    h.columns = columns;
    ds.findAndGetUint16(DCM_SamplesPerPixel, samples);
    h.description = readDescription(ds);
    h.colour = samples > 1 || h.description.photometricInterpretation.startsWith(QLatin1String("PALETTE"));
    Sint32 frames = 1;
    if (ds.findAndGetSint32(DCM_NumberOfFrames, frames).good() && frames > 1) h.frames = frames;
    readPlane(ds, &h);
    readFunctionalGroups(functionalGroups(ds, DCM_SharedFunctionalGroupsSequence, 0), &h);

    std::vector<ImageHeader> headers;
    headers.reserve(static_cast<size_t>(h.frames));
    for (int f = 0; f < h.frames; ++f) {
        ImageHeader frame = h;
        frame.frame = f;
        readFunctionalGroups(functionalGroups(ds, DCM_PerFrameFunctionalGroupsSequence, f), &frame);
        headers.push_back(std::move(frame));
    }
    // Frames without a place of their own (a cine loop, an X-ray run) follow one another
    // 1 mm apart in frame order, not in the patient: the volume then says it is not placed.
    const bool placed = std::all_of(headers.begin(), headers.end(), [](const ImageHeader& f) { return f.hasPlaneGeometry(); });
    if (!placed && h.frames > 1)
        for (ImageHeader& frame : headers) {
            frame.hasPosition = false;
            frame.position = scaled(frame.normal(), frame.frame);
        }
    return headers;
}

}  // namespace telerad
