#pragma once
// The attributes of one instance that the archive indexes, read once from its dataset.

#include "common/Result.h"

#include <QString>

class DcmDataset;

namespace telerad {

struct InstanceAttributes {
    QString patientId, patientName, patientBirthDate, patientSex;
    QString studyUid, studyDate, studyTime, studyDescription, accessionNumber, studyId,
        referringPhysician;
    QString seriesUid, modality, seriesDescription, bodyPart;
    int seriesNumber = 0;
    QString sopUid, sopClassUid, transferSyntaxUid;
    int instanceNumber = 0, rows = 0, columns = 0, frames = 0;
};

/// True for a UID that is safe to archive and to use as a path component: digits and dots,
/// at most 64 characters, no empty component. Leading zeros in a component (forbidden by
/// PS3.5 9.1 but written by some real systems) are accepted: refusing real studies for
/// them would help nobody, and they cannot escape the archive folder.
bool isValidUid(const QString& uid);

/// Reads the indexed attributes (text converted to UTF-8 from the dataset's character set).
/// Fails, naming `source`, when an identifying UID is missing or invalid.
Result<InstanceAttributes> readInstanceAttributes(DcmDataset& dataset, const QString& source);

}  // namespace telerad
