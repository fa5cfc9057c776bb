#pragma once
// The reading workflow of a site, both sides of it. A clinic sends a study for reading (the
// request rides in the instances); the reading site finds it on its worklist, claims it,
// writes, signs and sends the report; the clinic receives it, checks its signature and, for
// a critical finding, acknowledges it. Everything crosses sites as DICOM objects over the
// transfer queue; <data folder>/reading.sqlite remembers where each request and report is.

#include "ReadRequest.h"
#include "ReportSignature.h"
#include "StructuredReport.h"
#include "archive/Archive.h"
#include "common/Result.h"
#include "common/SqliteDatabase.h"
#include "net/DicomServices.h"
#include "net/NodeBook.h"
#include "net/TransferQueue.h"

#include <QDateTime>

#include <memory>
#include <mutex>
#include <set>

namespace telerad {

/// Hours from receipt to the turnaround deadline, per urgency (<data folder>/reading.json).
struct TurnaroundHours {
    double emergency = 1, urgent = 4, routine = 48;
    double of(Urgency urgency) const;
};

struct RequestRecord {
    QString studyUid;
    bool outgoing = false;  ///< sent by this site (else received for reading)
    QString node;           ///< outgoing: the reading node's name; incoming: the sender's AE title
    QString patientName, patientId, modality, bodyPart, studyDescription;
    ReadRequest request;
    QDateTime createdAt, deadline;  ///< UTC; deadline only for incoming requests
    QString state, claimedBy;
    qint64 job = 0;
    qint64 secondsLeft(const QDateTime& now) const { return now.secsTo(deadline); }
};

struct ReportRecord {
    QString sopUid, studyUid;
    bool authored = false;  ///< written here (else received)
    QString state;          ///< draft, signed, sent, delivered, acknowledged / received, acknowledged
    bool critical = false;
    QString author, signer, title, predecessor, peer;
    QString file, pdfFile;  ///< absolute paths
    QDateTime createdAt, signedAt, ackAt;
    QString ackBy;
    qint64 job = 0;
};

class ReadingDesk {
public:
    static Result<ReadingDesk> open(const QString& dataFolderRoot);

    // Sending side.
    /// Queues the study to `nodeName` with `request` in its instances; returns the job.
    Result<qint64> requestRead(const QString& nodeName, const QString& studyUid, const ReadRequest& request) const;
    /// Requests sent (true) or received (false), newest first, states brought up to date.
    Result<std::vector<RequestRecord>> requests(bool outgoing) const;

    // Reading side.
    /// Incoming requests not reported yet, most urgent deadline first.
    Result<std::vector<RequestRecord>> worklist() const;
    /// Marks the request as read by `who`; fails in words when someone else has it. The
    /// requesting site is told (an "in reading" notice) when the book knows where to reach it.
    Result<QString> claim(const QString& studyUid, const QString& who) const;

    /// What an instance arriving through our DICOM service means for the desk: a request,
    /// a report, a notice, or nothing. Called on the service's worker threads; true when the
    /// desk recorded something (lists showing requests or reports need a refresh).
    bool instanceReceived(DcmDataset& dataset, const Peer& peer) const;

    // Reports.
    /// A draft report on an archived study; returns its SOP Instance UID. `predecessorUid`
    /// makes it an addendum to that signed report.
    Result<QString> createReport(const QString& studyUid, const QString& templateName, const QString& text, const QString& author,
                                 bool critical, const QString& predecessorUid = {}) const;
    /// Verifies and signs a draft, archives it with its PDF rendition. Signed reports are
    /// final: signing one again fails.
    Result<ReportRecord> signReport(const QString& sopUid, const SigningIdentity& identity) const;
    /// Queues a signed report and its PDF to `nodeName` (empty: where the request said).
    Result<qint64> sendReport(const QString& sopUid, const QString& nodeName = {}) const;
    Result<std::vector<ReportRecord>> reports(const QString& studyUid = {}) const;
    Result<ReportRecord> report(const QString& sopUid) const;
    /// The report's signature checked now, against the certificates this site trusts.
    Result<SignatureCheck> checkSignature(const QString& sopUid) const;
    /// The report's content, read from its SR; with `signature`, its signature checked too,
    /// on the same read of the file.
    Result<ReportDocumentInfo> readReport(const QString& sopUid, SignatureCheck* signature = nullptr) const;
    /// readReport for a person who opens the report: audited as viewed and, with the
    /// signature's state, verified.
    Result<ReportDocumentInfo> openReport(const QString& sopUid, SignatureCheck* signature = nullptr) const;
    /// The report's PDF rendition: the archived one, else rendered from the SR.
    Result<QByteArray> reportPdfBytes(const QString& sopUid) const;
    /// Copies the report's SR to `dicomFile` and, when given, its PDF to `pdfFile`.
    Status exportReport(const QString& sopUid, const QString& dicomFile, const QString& pdfFile) const;
    /// The requesting side acknowledges a critical finding; the notice goes to the reading site.
    Result<QString> acknowledge(const QString& reportUid, const QString& who) const;

    const Archive& archive() const { return m_archive; }
    QString trustedCertificatesFile() const;

private:
    ReadingDesk(QString root, SqliteDatabase database, Archive archive, TransferQueue queue, TurnaroundHours turnaround);
    Result<NodeBook> book() const;
    /// An audit record about `studyUid`, with its patient ID read from the archive index.
    void audit(QLatin1String action, bool succeeded, const QString& studyUid, const QString& detail, const QString& peer = {}) const;
    Result<StudyContext> studyContext(const QString& studyUid, bool withInstances) const;
    Result<QString> archiveAndQueue(DcmDataset& dataset, const QString& nodeName, const QString& description) const;
    Result<QString> sendNotice(const ReadingNotice& notice, const QString& nodeName) const;
    bool recordIncomingRequest(DcmDataset& dataset, const Peer& peer) const;
    bool recordReceivedReport(const ReportDocumentInfo& info, const Peer& peer) const;
    bool applyNotice(const ReadingNotice& notice) const;
    void advanceOutgoingRequest(const QString& studyUid, const QString& state) const;
    QString liveRequestState(const RequestRecord& record) const;
    QString liveReportState(const ReportRecord& record) const;
    Result<std::optional<QString>> nodeNameForAe(const QString& aeTitle) const;
    Result<QString> replyNodeFor(const QString& studyUid) const;
    bool linkReceivedPdf(DcmDataset& dataset) const;

    QString m_root;
    SqliteDatabase m_database;
    Archive m_archive;
    TransferQueue m_queue;
    TurnaroundHours m_turnaround;
    // Studies whose request is recorded already: one look per study, not per instance.
    std::shared_ptr<std::mutex> m_seenMutex = std::make_shared<std::mutex>();
    std::shared_ptr<std::set<QString>> m_seenStudies = std::make_shared<std::set<QString>>();
};

}  // namespace telerad
