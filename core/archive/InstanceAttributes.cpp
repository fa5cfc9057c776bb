#include "InstanceAttributes.h"

#include "dicom/DatasetSafety.h"
#include "dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QCoreApplication>
#include <QRegularExpression>

namespace telerad {

namespace {

// Binary integers (Rows and Columns are US) and integer strings (IS: numbers, frames) alike.
int integer(DcmDataset& ds, const DcmTagKey& tag) {
    long binary = 0;
    if (ds.findAndGetLongInt(tag, binary).good()) return static_cast<int>(binary);
    Sint32 text = 0;
    return ds.findAndGetSint32(tag, text).good() ? text : 0;
}

}  // namespace

bool isValidUid(const QString& uid) {
    static const QRegularExpression pattern(QStringLiteral("^[0-9]+(\\.[0-9]+)*$"));
    return !uid.isEmpty() && uid.size() <= 64 && pattern.match(uid).hasMatch();
}

Result<InstanceAttributes> readInstanceAttributes(DcmDataset& ds, const QString& source) {
    if (Status sized = checkImageSize(ds, source); !sized.ok()) return failure(sized.error());
    convertTextToUtf8(ds);  // the index holds UTF-8 whatever the file's character set
    const auto text = [&ds](const DcmTagKey& tag) { return dicomText(ds, tag); };

    InstanceAttributes a;
    a.patientId = text(DCM_PatientID);
    a.patientName = text(DCM_PatientName);
    a.patientBirthDate = text(DCM_PatientBirthDate);
    a.patientSex = text(DCM_PatientSex);
    a.studyUid = text(DCM_StudyInstanceUID);
    a.studyDate = text(DCM_StudyDate);
    a.studyTime = text(DCM_StudyTime);
    a.studyDescription = text(DCM_StudyDescription);
    a.accessionNumber = text(DCM_AccessionNumber);
    a.studyId = text(DCM_StudyID);
    a.referringPhysician = text(DCM_ReferringPhysicianName);
    a.seriesUid = text(DCM_SeriesInstanceUID);
    a.modality = text(DCM_Modality);
    a.seriesDescription = text(DCM_SeriesDescription);
    a.bodyPart = text(DCM_BodyPartExamined);
    a.seriesNumber = integer(ds, DCM_SeriesNumber);
    a.sopUid = text(DCM_SOPInstanceUID);
    a.sopClassUid = text(DCM_SOPClassUID);
    a.transferSyntaxUid = QString::fromLatin1(DcmXfer(ds.getOriginalXfer()).getXferID());
    a.instanceNumber = integer(ds, DCM_InstanceNumber);
    a.rows = integer(ds, DCM_Rows);
    a.columns = integer(ds, DCM_Columns);
    a.frames = a.rows > 0 ? std::max(1, integer(ds, DCM_NumberOfFrames)) : 0;

    const std::pair<const char*, const QString*> required[] = {
        {"SOP Instance UID", &a.sopUid}, {"SOP Class UID", &a.sopClassUid},
        {"Study Instance UID", &a.studyUid}, {"Series Instance UID", &a.seriesUid}};
    for (const auto& [name, value] : required) {
        if (value->isEmpty()) return failure(QCoreApplication::translate("InstanceAttributes", "%1: no %2").arg(source, QLatin1String(name)));
        if (!isValidUid(*value))
            return failure(QCoreApplication::translate("InstanceAttributes", "%1: invalid %2 '%3'").arg(source, QLatin1String(name), *value));
    }
    return a;
}

}  // namespace telerad
