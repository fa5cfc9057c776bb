#pragma once
// Reports and reading notices as DICOM Basic Text SR documents, written and read with
// DCMTK's dcmsr. A report is TID 2000-like: a "Diagnostic imaging report" container with
// the language, the author as observer, one container per section (DICOM CID 7001
// headings) and, when flagged, a critical-finding item; it references every instance of
// the study it reports on. Notices (reading started, report signed, critical finding
// acknowledged) are small SR documents of the same study, so they cross any PACS too.

#include "ReportContent.h"
#include "common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class DcmDataset;

namespace telerad {

struct InstanceReference {
    QString studyUid, seriesUid, sopClassUid, sopInstanceUid;
};

/// What a document about a study copies from it: its patient and study attributes (an
/// archived instance of the study, text in UTF-8) and the instances a report refers to.
struct StudyContext {
    std::shared_ptr<DcmDataset> source;
    std::vector<InstanceReference> instances;
};

/// A new, unverified report document (draft) on `study`; an addendum names its predecessor.
Result<std::unique_ptr<DcmDataset>> writeReportDocument(const ReportContent& report, const StudyContext& study,
                                                         const std::optional<InstanceReference>& predecessor = {});

/// The draft made final: complete, verified by `verifierName` (DICOM PN) of `organization`,
/// keeping its SOP Instance UID (a draft never left this workstation).
Result<std::unique_ptr<DcmDataset>> verifyReportDocument(DcmDataset& draft, const QString& verifierName,
                                                          const QString& organization);

struct ReportDocumentInfo {
    ReportContent content;
    InstanceReference self;
    std::optional<InstanceReference> predecessor;
    bool verified = false;
    QString verifierName, contentDateTime;  ///< verifier as DICOM PN; "YYYY-MM-DD HH:MM"
    QString patientName, patientId;
};

/// The report in `dataset`, if it is one of ours (a Basic Text SR "Diagnostic imaging report").
std::optional<ReportDocumentInfo> readReportDocument(DcmDataset& dataset);

enum class NoticeKind { InReading, Reported, CriticalAcknowledged };

struct ReadingNotice {
    NoticeKind kind = NoticeKind::InReading;
    QString studyUid;
    QString reportUid;  ///< the report acknowledged (CriticalAcknowledged) or signed (Reported)
    QString who;        ///< DICOM PN of the person
    QDateTime when;     ///< UTC
};

Result<std::unique_ptr<DcmDataset>> writeNotice(const ReadingNotice& notice, const StudyContext& study);
/// The Series Descriptions notices carry: messages between sites, which a study browser hides.
const QStringList& noticeSeriesDescriptions();
std::optional<ReadingNotice> readNotice(DcmDataset& dataset);

/// SOP classes of the documents Telerad writes (reports, notices, PDF renditions): never
/// evidence of a report, never worklist material.
bool isDocumentSopClass(const QString& sopClassUid);

}  // namespace telerad
