#pragma once
// Exports an archived study or series to a folder, as it is or de-identified (PS3.15
// Annex E, see security/Deidentifier.h): files named by UID under study/series folders,
// each written completely or not at all; every export is audited.

#include "common/Result.h"
#include "security/Deidentifier.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace telerad {

class Archive;

struct ExportReport {
    int exported = 0;
    QStringList skipped;    ///< "FILE: why" for each instance not exported
    QStringList burnedIn;   ///< "FILE: why" for each exported image whose pixels may show identity
    QString summary() const;  ///< "exported N, skipped S, burned-in annotation B"
};

/// Exports `studyOrSeriesUid` into `folder`; de-identified when `deidentify` is given.
Result<ExportReport> exportStudy(const Archive& archive, const QString& studyOrSeriesUid, const QString& folder,
                                 const std::optional<DeidentificationOptions>& deidentify);

}  // namespace telerad
