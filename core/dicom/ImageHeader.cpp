#include "ImageHeader.h"

#include "DicomErrors.h"
#include "DicomText.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

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
    DcmElement* centers = nullptr;
    const unsigned long windowCount =
        ds.findAndGetElement(DCM_WindowCenter, centers).good() ? centers->getVM() : 0;
    for (unsigned long i = 0; i < windowCount; ++i) {
        Float64 center = 0, width = 0;
        if (ds.findAndGetFloat64(DCM_WindowCenter, center, i).bad() ||
            ds.findAndGetFloat64(DCM_WindowWidth, width, i).bad() || width <= 0)
            continue;
        OFString explanation;
        ds.findAndGetOFString(DCM_WindowCenterWidthExplanation, explanation, i);
        d.windows.push_back({center, width, QString::fromUtf8(explanation.c_str())});
    }
    return d;
}

}  // namespace

Vec3 ImageHeader::normal() const { return cross(rowDirection, columnDirection); }

Result<ImageHeader> readImageHeader(const QString& path) {
    DcmFileFormat file;
    // Values longer than DCM_MaxReadLength (Pixel Data among them) stay on disk until asked
    // for, so this reads the header without loading the pixels.
    const OFCondition cond = file.loadFile(path.toLocal8Bit().constData(), EXS_Unknown, EGL_noChange,
                                           DCM_MaxReadLength, ERM_autoDetect);
    if (cond.bad()) return failure(describeDicomError(QStringLiteral("reading"), path, cond));
    DcmDataset& ds = *file.getDataset();
    convertTextToUtf8(ds);

    ImageHeader h;
    h.path = path;
    Uint16 rows = 0, columns = 0;
    if (ds.findAndGetUint16(DCM_Rows, rows).bad() || ds.findAndGetUint16(DCM_Columns, columns).bad() ||
        rows == 0 || columns == 0)
        return failure(QStringLiteral("%1: not an image (no Rows/Columns)").arg(path));
    h.rows = rows;
    h.columns = columns;
    Sint32 frames = 1;
    if (ds.findAndGetSint32(DCM_NumberOfFrames, frames).good() && frames > 1) h.frames = frames;

    double spacing[2];
    if (readDoubles(ds, DCM_PixelSpacing, spacing, 2) && spacing[0] > 0 && spacing[1] > 0) {
        h.rowSpacing = spacing[0];
        h.columnSpacing = spacing[1];
    }
    double orientation[6];
    h.hasPlaneGeometry = readDoubles(ds, DCM_ImagePositionPatient, h.position.data(), 3) &&
                         readDoubles(ds, DCM_ImageOrientationPatient, orientation, 6);
    if (h.hasPlaneGeometry) {
        h.rowDirection = {orientation[0], orientation[1], orientation[2]};
        h.columnDirection = {orientation[3], orientation[4], orientation[5]};
    }
    Float64 thickness = 0;
    if (ds.findAndGetFloat64(DCM_SliceThickness, thickness).good()) h.sliceThickness = thickness;
    h.description = readDescription(ds);
    return h;
}

}  // namespace telerad
