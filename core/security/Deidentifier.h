#pragma once
// De-identification for a second opinion or teaching: the PS3.15 Annex E Basic Application
// Level Confidentiality Profile, with the Clean Descriptors and Retain Longitudinal
// Temporal Information (Full Dates) options to choose. One Deidentifier serves one export:
// the UIDs it makes up and the patient pseudonyms stay the same across the export's files,
// so a study keeps its shape (series, references, frame of reference), and nothing links
// them back to the originals (a random key of the export, forgotten with it).

#include "common/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

class DcmDataset;
class DcmItem;

namespace telerad {

struct DeidentificationOptions {
    bool cleanDescriptors = false;  ///< keep study/series descriptions, cleaned of names and IDs
    bool retainDates = false;       ///< keep dates and times (longitudinal studies)
};

/// What the caller must know of one de-identified instance.
struct DeidentifiedInstance {
    /// Why its pixels may show identifying text (burned-in annotation), empty when they
    /// should not: the profile cleans attributes, never pixels.
    QString burnedInAnnotation;
};

class Deidentifier {
public:
    explicit Deidentifier(DeidentificationOptions options);

    /// De-identifies `dataset` in place. Refuses (in words) objects whose text content the
    /// profile cannot clean: structured reports, encapsulated documents, presentation states.
    Result<DeidentifiedInstance> apply(DcmDataset& dataset);

    /// The made-up UID standing for `original` in this export (2.25 form).
    QString uidFor(const QString& original);

private:
    void walk(DcmItem& item, const QStringList& identifyingWords);
    QString pseudonymFor(const QString& patientId);
    void markProfile(DcmDataset& dataset) const;

    DeidentificationOptions m_options;
    QByteArray m_key;  // random per export: made-up UIDs cannot be recomputed from the originals
    QMap<QString, QString> m_uids, m_pseudonyms;
};

/// The profile and options as DICOM describes them in De-identification Method (0012,0063).
QString deidentificationMethod(const DeidentificationOptions& options);

}  // namespace telerad
