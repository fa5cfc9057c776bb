#include "DemoStudyGenerator.h"

#include "CtPhantom.h"
#include "DicomErrors.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace telerad {

namespace {

const QString kCompletionMarker = QStringLiteral("COMPLETE");

QString newUid(const char* root) {
    char buffer[100];
    return QString::fromLatin1(dcmGenerateUniqueIdentifier(buffer, root));
}

struct StudyIdentity {
    QString studyUid, seriesUid, frameOfReferenceUid;
    QString date, time;
};

// Attributes shared by every slice: patient, study, series, equipment, CT acquisition.
void putCommonAttributes(DcmDataset& ds, const DemoStudySpec& spec, const StudyIdentity& id) {
    auto put = [&ds](const DcmTagKey& tag, const QString& value) {
        ds.putAndInsertString(tag, value.toLatin1().constData());
    };
    put(DCM_SpecificCharacterSet, QStringLiteral("ISO_IR 100"));
    put(DCM_SOPClassUID, QString::fromLatin1(UID_CTImageStorage));
    put(DCM_PatientName, spec.patientName);
    put(DCM_PatientID, spec.patientId);
    put(DCM_PatientBirthDate, QStringLiteral("19620314"));
    put(DCM_PatientSex, QStringLiteral("F"));
    put(DCM_PatientAge, QStringLiteral("064Y"));
    put(DCM_StudyInstanceUID, id.studyUid);
    put(DCM_StudyDate, id.date);
    put(DCM_StudyTime, id.time);
    put(DCM_StudyID, QStringLiteral("1"));
    put(DCM_AccessionNumber, QStringLiteral("DEMO0001"));
    put(DCM_ReferringPhysicianName, QString());
    put(DCM_StudyDescription, QStringLiteral("CT thorax abdomen (synthetic demo)"));
    put(DCM_BodyPartExamined, QStringLiteral("CHEST"));
    put(DCM_Modality, QStringLiteral("CT"));
    put(DCM_SeriesInstanceUID, id.seriesUid);
    put(DCM_SeriesNumber, QStringLiteral("2"));
    put(DCM_SeriesDate, id.date);
    put(DCM_SeriesTime, id.time);
    put(DCM_SeriesDescription, QStringLiteral("Axial 2.0 mm soft tissue"));
    put(DCM_PatientPosition, QStringLiteral("HFS"));
    put(DCM_FrameOfReferenceUID, id.frameOfReferenceUid);
    put(DCM_PositionReferenceIndicator, QString());
    put(DCM_Manufacturer, QStringLiteral("Telerad"));
    put(DCM_ManufacturerModelName, QStringLiteral("Synthetic phantom"));
    put(DCM_SoftwareVersions, QStringLiteral("telerad demo generator"));
    put(DCM_InstitutionName, QStringLiteral("Telerad demo site"));
    put(DCM_ImageType, QStringLiteral("DERIVED\\SECONDARY\\AXIAL"));
    put(DCM_DerivationDescription, QStringLiteral("Synthetic CT phantom, not a patient"));
    put(DCM_BurnedInAnnotation, QStringLiteral("NO"));
    put(DCM_ContrastBolusAgent, QStringLiteral("Iodinated contrast (simulated)"));
    put(DCM_ContrastBolusRoute, QStringLiteral("IV"));
    put(DCM_KVP, QStringLiteral("120"));
    put(DCM_AcquisitionNumber, QStringLiteral("1"));
    put(DCM_ConvolutionKernel, QStringLiteral("STANDARD"));
    put(DCM_SliceThickness, QString::number(spec.sliceSpacingMm));
    put(DCM_ImageOrientationPatient, QStringLiteral("1\\0\\0\\0\\1\\0"));
    put(DCM_PixelSpacing, QStringLiteral("%1\\%1").arg(spec.pixelSpacingMm));
    put(DCM_SamplesPerPixel, QStringLiteral("1"));
    put(DCM_PhotometricInterpretation, QStringLiteral("MONOCHROME2"));
    ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows));
    ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns));
    ds.putAndInsertUint16(DCM_BitsAllocated, 16);
    ds.putAndInsertUint16(DCM_BitsStored, 12);
    ds.putAndInsertUint16(DCM_HighBit, 11);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    put(DCM_RescaleIntercept, QString::number(DemoStudyGenerator::kRescaleIntercept));
    put(DCM_RescaleSlope, QStringLiteral("1"));
    put(DCM_RescaleType, QStringLiteral("HU"));
    put(DCM_WindowCenter, QStringLiteral("40\\-600"));
    put(DCM_WindowWidth, QStringLiteral("400\\1500"));
    put(DCM_WindowCenterWidthExplanation, QStringLiteral("ABDOMEN\\LUNG"));
}

// Image Position of slice `index`: the volume is centred left-right and front-back.
std::array<double, 3> slicePosition(const DemoStudySpec& spec, int index) {
    const double x0 = -(spec.columns - 1) * spec.pixelSpacingMm / 2.0;
    const double y0 = -(spec.rows - 1) * spec.pixelSpacingMm / 2.0;
    return {x0, y0, index * spec.sliceSpacingMm};
}

std::vector<Uint16> renderSlice(const DemoStudySpec& spec, int index) {
    const auto origin = slicePosition(spec, index);
    // Scale the phantom's length onto however many slices were asked for.
    const double zSpan = std::max(1, spec.slices - 1) * spec.sliceSpacingMm;
    const double phantomZ = origin[2] * CtPhantom::kLengthMm / zSpan;
    std::vector<Uint16> pixels(static_cast<size_t>(spec.rows) * spec.columns);
    for (int r = 0; r < spec.rows; ++r) {
        const double y = origin[1] + r * spec.pixelSpacingMm;
        for (int c = 0; c < spec.columns; ++c) {
            const double x = origin[0] + c * spec.pixelSpacingMm;
            const double hu = std::round(CtPhantom::noisyHuAt(x, y, phantomZ));
            const double stored = std::clamp(hu - DemoStudyGenerator::kRescaleIntercept, 0.0, 4095.0);
            pixels[static_cast<size_t>(r) * spec.columns + c] = static_cast<Uint16>(stored);
        }
    }
    return pixels;
}

Status writeSlice(const QString& path, const DemoStudySpec& spec, const StudyIdentity& id,
                  int index, const QString& sopInstanceUid) {
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    putCommonAttributes(ds, spec, id);
    const auto position = slicePosition(spec, index);
    ds.putAndInsertString(DCM_SOPInstanceUID, sopInstanceUid.toLatin1().constData());
    ds.putAndInsertString(DCM_InstanceNumber, QByteArray::number(index + 1).constData());
    ds.putAndInsertString(DCM_ImagePositionPatient,
                          QStringLiteral("%1\\%2\\%3")
                              .arg(position[0], 0, 'f', 4)
                              .arg(position[1], 0, 'f', 4)
                              .arg(position[2], 0, 'f', 4)
                              .toLatin1()
                              .constData());
    ds.putAndInsertString(DCM_SliceLocation, QByteArray::number(position[2], 'f', 4).constData());
    ds.putAndInsertString(DCM_ContentDate, id.date.toLatin1().constData());
    ds.putAndInsertString(DCM_ContentTime, id.time.toLatin1().constData());
    ds.putAndInsertString(DCM_InstanceCreationDate, id.date.toLatin1().constData());
    ds.putAndInsertString(DCM_InstanceCreationTime, id.time.toLatin1().constData());
    const auto pixels = renderSlice(spec, index);
    ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));

    // Write beside the target and rename, so a half-written slice never carries the final name.
    const QString temporary = path + QStringLiteral(".part");
    const OFCondition cond = file.saveFile(temporary.toLocal8Bit().constData(), EXS_LittleEndianExplicit);
    if (cond.bad()) {
        QFile::remove(temporary);
        return failure(describeDicomError(QStringLiteral("writing demo slice"), path, cond));
    }
    QFile::remove(path);
    if (!QFile::rename(temporary, path))
        return failure(QStringLiteral("cannot rename %1 into place").arg(temporary));
    return success();
}

QString sliceFileName(int index) {
    return QStringLiteral("CT%1.dcm").arg(index + 1, 4, 10, QLatin1Char('0'));
}

QString readMarker(const QString& folder, QString* seriesUid) {
    QFile marker(folder + QLatin1Char('/') + kCompletionMarker);
    if (!marker.open(QIODevice::ReadOnly)) return {};
    const QStringList lines = QString::fromUtf8(marker.readAll()).split(QLatin1Char('\n'));
    if (lines.size() < 2) return {};
    *seriesUid = lines.at(1).trimmed();
    return lines.at(0).trimmed();
}

}  // namespace

Result<DemoStudy> DemoStudyGenerator::write(const QString& folder, const DemoStudySpec& spec,
                                            const ProgressCallback& progress,
                                            const std::atomic_bool* cancel) {
    if (spec.rows < 16 || spec.columns < 16 || spec.slices < 2 || spec.rows > 4096 ||
        spec.columns > 4096 || spec.pixelSpacingMm <= 0 || spec.sliceSpacingMm <= 0)
        return failure(QStringLiteral("demo study: invalid size or spacing requested"));
    QDir dir(folder);
    if (!dir.mkpath(QStringLiteral(".")))
        return failure(QStringLiteral("cannot create the demo study folder %1").arg(folder));
    QFile::remove(dir.filePath(kCompletionMarker));

    const QDateTime now = QDateTime::currentDateTime();
    const StudyIdentity id{newUid(SITE_STUDY_UID_ROOT), newUid(SITE_SERIES_UID_ROOT),
                           newUid(SITE_INSTANCE_UID_ROOT),
                           now.toString(QStringLiteral("yyyyMMdd")),
                           now.toString(QStringLiteral("HHmmss"))};
    DemoStudy study{dir.absolutePath(), id.studyUid, id.seriesUid, {}};
    std::vector<QString> sopUids;
    for (int i = 0; i < spec.slices; ++i) {
        sopUids.push_back(newUid(SITE_INSTANCE_UID_ROOT));
        study.files << dir.absoluteFilePath(sliceFileName(i));
    }

    std::atomic_int written{0};
    std::vector<int> indices(static_cast<size_t>(spec.slices));
    std::iota(indices.begin(), indices.end(), 0);
    const QList<Status> outcomes = QtConcurrent::blockingMapped<QList<Status>>(
        indices, [&](int index) -> Status {
            if (cancel && cancel->load()) return failure(QStringLiteral("cancelled"));
            Status status = writeSlice(study.files.at(index), spec, id, index, sopUids[index]);
            if (progress) progress(++written, spec.slices);
            return status;
        });
    for (const Status& outcome : outcomes)
        if (!outcome.ok()) return failure(outcome.error());

    QSaveFile marker(dir.filePath(kCompletionMarker));
    if (!marker.open(QIODevice::WriteOnly) ||
        marker.write((id.studyUid + QLatin1Char('\n') + id.seriesUid + QLatin1Char('\n')).toUtf8()) < 0 ||
        !marker.commit())
        return failure(QStringLiteral("cannot write %1").arg(marker.fileName()));
    return study;
}

Result<DemoStudy> DemoStudyGenerator::existing(const QString& folder) {
    QString seriesUid;
    const QString studyUid = readMarker(folder, &seriesUid);
    if (studyUid.isEmpty())
        return failure(QStringLiteral("no complete demo study in %1").arg(folder));
    QDir dir(folder);
    DemoStudy study{dir.absolutePath(), studyUid, seriesUid, {}};
    for (const QString& name : dir.entryList({QStringLiteral("CT*.dcm")}, QDir::Files, QDir::Name))
        study.files << dir.absoluteFilePath(name);
    if (study.files.isEmpty())
        return failure(QStringLiteral("the demo study in %1 has no files").arg(folder));
    return study;
}

Result<DemoStudy> DemoStudyGenerator::ensure(const QString& folder, const DemoStudySpec& spec, const ProgressCallback& progress,
                                             const std::atomic_bool* cancel) {
    Result<DemoStudy> found = existing(folder);
    if (found.ok() && found->files.size() == spec.slices) return found;
    return write(folder, spec, progress, cancel);
}

}  // namespace telerad
