#pragma once
// The report's PDF rendition, for sites without an SR viewer: laid out as a printed report
// and wrapped in an Encapsulated PDF instance of the same study, pointing back to its SR.

#include "StructuredReport.h"

#include <QByteArray>

namespace telerad {

/// The report as a PDF: title, patient and study, critical-finding banner, sections, and a
/// footer naming who signed it (`signedBy`, empty for a draft).
QByteArray reportPdf(const ReportDocumentInfo& report, const QString& studyLine, const QString& signedBy);

/// An Encapsulated PDF Storage instance holding `pdf`, in the study and for the patient of
/// the SR `report`, which it names as its source.
Result<std::unique_ptr<DcmDataset>> encapsulatePdf(const QByteArray& pdf, DcmDataset& report, const QString& title);

}  // namespace telerad
