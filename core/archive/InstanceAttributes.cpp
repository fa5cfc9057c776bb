#include "InstanceAttributes.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QRegularExpression>

namespace telerad {

namespace {

QString text(DcmDataset& ds, const DcmTagKey& tag) {
    // Never a null QString: Qt Sql binds those as SQL NULL, which UNIQUE and = ignore.
    OFString value;
    if (ds.findAndGetOFStringArray(tag, value).bad()) return QStringLiteral("");
    return QString::fromUtf8(value.c_str()).trimmed();
}

int integer(DcmDataset& ds, const DcmTagKey& tag) {
    Sint32 value = 0;
    return ds.findAndGetSint32(tag, value).good() ? value : 0;
}

}  // namespace

bool isValidUid(const QString& uid) {
    static const QRegularExpression pattern(QStringLiteral("^[0-9]+(\\.[0-9]+)*$"));
    return !uid.isEmpty() && uid.size() <= 64 && pattern.match(uid).hasMatch();
}

Result<InstanceAttributes> readInstanceAttributes(DcmDataset& ds, const QString& source) {
    // Names and descriptions may be in any character set; the index holds UTF-8.
    // Where DCMTK cannot convert, the raw bytes are kept (read as UTF-8, lossy at worst).
    if (ds.tagExists(DCM_SpecificCharacterSet)) ds.convertToUTF8();

    InstanceAttributes a;
    a.patientId = text(ds, DCM_PatientID);
    a.patientName = text(ds, DCM_PatientName);
    a.patientBirthDate = text(ds, DCM_PatientBirthDate);
    a.patientSex = text(ds, DCM_PatientSex);
    a.studyUid = text(ds, DCM_StudyInstanceUID);
    a.studyDate = text(ds, DCM_StudyDate);
    a.studyTime = text(ds, DCM_StudyTime);
    a.studyDescription = text(ds, DCM_StudyDescription);
    a.accessionNumber = text(ds, DCM_AccessionNumber);
    a.studyId = text(ds, DCM_StudyID);
    a.referringPhysician = text(ds, DCM_ReferringPhysicianName);
    a.seriesUid = text(ds, DCM_SeriesInstanceUID);
    a.modality = text(ds, DCM_Modality);
    a.seriesDescription = text(ds, DCM_SeriesDescription);
    a.bodyPart = text(ds, DCM_BodyPartExamined);
    a.seriesNumber = integer(ds, DCM_SeriesNumber);
    a.sopUid = text(ds, DCM_SOPInstanceUID);
    a.sopClassUid = text(ds, DCM_SOPClassUID);
    a.transferSyntaxUid = QString::fromLatin1(DcmXfer(ds.getOriginalXfer()).getXferID());
    a.instanceNumber = integer(ds, DCM_InstanceNumber);
    a.rows = integer(ds, DCM_Rows);
    a.columns = integer(ds, DCM_Columns);
    a.frames = a.rows > 0 ? std::max(1, integer(ds, DCM_NumberOfFrames)) : 0;

    const std::pair<const char*, const QString*> required[] = {
        {"SOP Instance UID", &a.sopUid}, {"SOP Class UID", &a.sopClassUid},
        {"Study Instance UID", &a.studyUid}, {"Series Instance UID", &a.seriesUid}};
    for (const auto& [name, value] : required) {
        if (value->isEmpty()) return failure(QStringLiteral("%1: no %2").arg(source, QLatin1String(name)));
        if (!isValidUid(*value))
            return failure(QStringLiteral("%1: invalid %2 '%3'").arg(source, QLatin1String(name), *value));
    }
    return a;
}

}  // namespace telerad
