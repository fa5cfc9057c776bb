#include "StudyExport.h"

#include "Archive.h"
#include "ArchiveServices.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <QDir>
#include <QFile>

namespace telerad {

namespace {

// Writes `file` as `path`: a temporary name in the same folder, then a rename, so a crash
// leaves no half-written instance where a reader would take it for a whole one.
Status saveCompletely(DcmFileFormat& file, const QString& path) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) return failure(QStringLiteral("%1: cannot create its folder").arg(path));
    const QString partial = path + QStringLiteral(".part");
    const E_TransferSyntax syntax = file.getDataset()->getOriginalXfer();
    if (OFCondition c = file.saveFile(QFile::encodeName(partial).constData(), syntax); c.bad()) {
        QFile::remove(partial);
        return failure(QStringLiteral("%1: %2").arg(path, QString::fromLatin1(c.text())));
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path)) return failure(QStringLiteral("%1: cannot be put in place").arg(path));
    return success();
}

}  // namespace

QString ExportReport::summary() const {
    return QStringLiteral("exported %1, skipped %2, burned-in annotation %3").arg(exported).arg(skipped.size()).arg(burnedIn.size());
}

Result<ExportReport> exportStudy(const Archive& archive, const QString& studyOrSeriesUid, const QString& folder,
                                 const std::optional<DeidentificationOptions>& deidentify) {
    auto instances = archivedInstances(archive, studyOrSeriesUid);
    if (!instances.ok()) return failure(instances.error());
    std::optional<Deidentifier> deidentifier;
    if (deidentify) deidentifier.emplace(*deidentify);
    ExportReport report;
    QString patientId, studyUid;
    for (const InstanceRef& instance : instances.value()) {
        DcmFileFormat file;
        if (OFCondition c = loadDicomFile(file, instance.file); c.bad()) {
            report.skipped << QStringLiteral("%1: %2").arg(instance.file, QString::fromLatin1(c.text()));
            continue;
        }
        DcmDataset& dataset = *file.getDataset();
        if (patientId.isEmpty()) patientId = dicomText(dataset, DCM_PatientID);
        if (studyUid.isEmpty()) studyUid = dicomText(dataset, DCM_StudyInstanceUID);
        if (deidentifier) {
            auto done = deidentifier->apply(dataset);
            if (!done.ok()) {
                report.skipped << QStringLiteral("%1: %2").arg(instance.file, done.error());
                continue;
            }
            // The meta header is made anew from the dataset: nothing of the sender stays.
            file.getMetaInfo()->clear();
            if (!done->burnedInAnnotation.isEmpty()) report.burnedIn << QStringLiteral("%1: %2").arg(instance.file, done->burnedInAnnotation);
        }
        const QString path = QStringLiteral("%1/%2/%3/%4.dcm").arg(folder, dicomText(dataset, DCM_StudyInstanceUID),
                                                                   dicomText(dataset, DCM_SeriesInstanceUID), dicomText(dataset, DCM_SOPInstanceUID));
        if (Status saved = saveCompletely(file, path); !saved.ok()) {
            report.skipped << saved.error();
            continue;
        }
        ++report.exported;
    }
    (void)recordAudit(archive.dataFolderRoot(),
                      {QString(audit::kStudyExported), report.skipped.isEmpty(), patientId, studyUid, {},
                       QStringLiteral("%1 to %2%3").arg(report.summary(), QDir(folder).absolutePath(),
                                                        deidentify ? QStringLiteral(" (de-identified: %1)").arg(deidentificationMethod(*deidentify))
                                                                   : QString())});
    return report;
}

}  // namespace telerad
