// ReadingDesk: the life of a report (draft, signed, sent, delivered, acknowledged) and of
// the reports a site receives.
#include "ReadingDesk.h"

#include "ReportPdf.h"
#include "archive/ArchiveServices.h"
#include "common/AtomicFile.h"
#include "common/Logging.h"
#include "common/UtcTime.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <QDir>
#include <QFile>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace telerad {
namespace {

const char* kReportColumns = "sop_uid, study_uid, direction, state, critical, author, signer, title, file, pdf_file, predecessor, peer, "
                             "created_at, signed_at, job, ack_by, ack_at";

ReportRecord reportFromRow(const QStringList& r) {
    ReportRecord record;
    record.sopUid = r[0];
    record.studyUid = r[1];
    record.authored = r[2] == QLatin1String("authored");
    record.state = r[3];
    record.critical = r[4] == QLatin1String("1");
    record.author = r[5];
    record.signer = r[6];
    record.title = r[7];
    record.file = r[8];
    record.pdfFile = r[9];
    record.predecessor = r[10];
    record.peer = r[11];
    record.createdAt = fromIso(r[12]);
    record.signedAt = fromIso(r[13]);
    record.job = r[14].toLongLong();
    record.ackBy = r[15];
    record.ackAt = fromIso(r[16]);
    return record;
}

Result<std::unique_ptr<DcmDataset>> loadDataset(const QString& path) {
    DcmFileFormat file;
    if (OFCondition c = loadDicomFile(file, path); c.bad())
        return failure(QStringLiteral("%1: %2").arg(path, QString::fromLatin1(c.text())));
    return std::unique_ptr<DcmDataset>(file.getAndRemoveDataset());
}

/// Writes `dataset` as a DICOM file at `path`, complete or not at all.
Status saveDataset(DcmDataset& dataset, const QString& path) {
    const QString partial = path + QStringLiteral(".part");
    DcmFileFormat file(&dataset);
    if (OFCondition c = file.saveFile(QFile::encodeName(partial).constData(), EXS_LittleEndianExplicit); c.bad())
        return failure(QStringLiteral("%1: %2").arg(partial, QString::fromLatin1(c.text())));
    QFile::remove(path);
    if (!QFile::rename(partial, path)) return failure(QStringLiteral("%1: cannot rename into place").arg(path));
    return success();
}


/// "2017-07-16  LEFT WRIST  (accession MOF5026)", the study as the PDF names it.
QString studyLineOf(DcmDataset& report) {
    const QDate date = QDate::fromString(dicomText(report, DCM_StudyDate), QStringLiteral("yyyyMMdd"));
    QString line = QStringLiteral("%1  %2").arg(date.toString(Qt::ISODate), dicomText(report, DCM_StudyDescription));
    if (const QString accession = dicomText(report, DCM_AccessionNumber); !accession.isEmpty())
        line += QStringLiteral("  (accession %1)").arg(accession);
    return line.trimmed();
}

}  // namespace

Result<std::vector<ReportRecord>> ReadingDesk::reports(const QString& studyUid) const {
    auto rows = studyUid.isEmpty()
                    ? m_database.select(QStringLiteral("SELECT %1 FROM reports ORDER BY created_at").arg(QLatin1String(kReportColumns)))
                    : m_database.select(QStringLiteral("SELECT %1 FROM reports WHERE study_uid = ? ORDER BY created_at").arg(QLatin1String(kReportColumns)),
                                        {studyUid});
    if (!rows.ok()) return failure(rows.error());
    std::vector<ReportRecord> records;
    for (const QStringList& r : rows.value()) {
        records.push_back(reportFromRow(r));
        records.back().state = liveReportState(records.back());
    }
    return records;
}

Result<ReportRecord> ReadingDesk::report(const QString& sopUid) const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM reports WHERE sop_uid = ?").arg(QLatin1String(kReportColumns)), {sopUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no report has this UID").arg(sopUid));
    ReportRecord record = reportFromRow(rows->first());
    record.state = liveReportState(record);
    return record;
}

QString ReadingDesk::liveReportState(const ReportRecord& record) const {
    if (record.state != QLatin1String("sent")) return record.state;
    auto job = m_queue.job(record.job);
    return job.ok() && job->state == JobState::Done ? QStringLiteral("delivered") : record.state;
}

Result<QString> ReadingDesk::createReport(const QString& studyUid, const QString& templateName, const QString& text, const QString& author,
                                          bool critical, const QString& predecessorUid) const {
    auto content = composeReport(templateName, text);
    if (!content.ok()) return failure(content.error());
    content->critical = critical;
    content->author = author;
    if (content->text(SectionKey::Indication).isEmpty()) {
        auto incoming = m_database.select(QStringLiteral("SELECT indication, question FROM requests WHERE study_uid = ? ORDER BY direction"), {studyUid});
        if (incoming.ok() && !incoming->isEmpty())
            content->setText(SectionKey::Indication, QStringList{incoming->first()[0], incoming->first()[1]}.join(QLatin1Char('\n')));
    }
    std::optional<InstanceReference> predecessor;
    if (!predecessorUid.isEmpty()) {
        auto previous = readReport(predecessorUid);
        if (!previous.ok()) return failure(previous.error());
        if (!previous->verified) return failure(QStringLiteral("%1 is not signed yet: edit it instead of writing an addendum").arg(predecessorUid));
        predecessor = previous->self;
        // An addendum carries the report it completes, so its reader needs nothing else.
        const QString addendum = content->text(SectionKey::Findings);
        ReportContent merged = previous->content;
        merged.author = author;
        merged.critical = critical || previous->content.critical;
        merged.setText(SectionKey::Addendum, addendum);
        content = merged;
    }
    auto context = studyContext(studyUid, true);
    if (!context.ok()) return failure(context.error());
    auto dataset = writeReportDocument(content.value(), context.value(), predecessor);
    if (!dataset.ok()) return failure(dataset.error());
    const QString sopUid = dicomText(*dataset.value(), DCM_SOPInstanceUID);
    const QString drafts = m_root + QStringLiteral("/reports/drafts");
    if (!QDir().mkpath(drafts)) return failure(QStringLiteral("%1: cannot create the folder").arg(drafts));
    const QString file = drafts + QLatin1Char('/') + sopUid + QStringLiteral(".dcm");
    if (Status saved = saveDataset(*dataset.value(), file); !saved.ok()) return failure(saved.error());
    auto recorded = m_database.execute(
        QStringLiteral("INSERT INTO reports(sop_uid, study_uid, direction, state, critical, author, title, file, predecessor, created_at) "
                       "VALUES(?,?,'authored','draft',?,?,?,?,?,?)"),
        {sopUid, studyUid, critical ? 1 : 0, author, content->title, file, predecessorUid.isEmpty() ? QStringLiteral("") : predecessorUid, isoNow()});
    if (!recorded.ok()) return failure(recorded.error());
    audit(audit::kReportCreated, true, studyUid, QStringLiteral("draft %1 (%2)").arg(sopUid, content->title));
    return sopUid;
}

Result<ReportRecord> ReadingDesk::signReport(const QString& sopUid, const SigningIdentity& identity) const {
    auto record = report(sopUid);
    if (!record.ok()) return record;
    if (!record->authored || record->state != QLatin1String("draft"))
        return failure(QStringLiteral("%1 is %2: a signed report is never changed; write an addendum instead").arg(sopUid, record->state));
    auto draft = loadDataset(record->file);
    if (!draft.ok()) return failure(draft.error());
    auto final = verifyReportDocument(*draft.value(), identity.personName(), identity.organization);
    if (!final.ok()) return failure(final.error());
    if (Status s = telerad::signReport(*final.value(), identity); !s.ok()) {
        audit(audit::kReportSigned, false, record->studyUid, QStringLiteral("%1: %2").arg(sopUid, s.error()));
        return failure(s.error());
    }
    auto info = readReportDocument(*final.value());
    if (!info) return failure(QStringLiteral("%1: the signed report cannot be read back").arg(sopUid));
    const QByteArray pdf = reportPdf(*info, studyLineOf(*final.value()), identity.commonName);
    auto pdfDataset = encapsulatePdf(pdf, *final.value(), info->content.title);
    if (!pdfDataset.ok()) return failure(pdfDataset.error());
    for (DcmDataset* dataset : {final.value().get(), pdfDataset.value().get()})
        if (auto stored = m_archive.storeDataset(*dataset, QStringLiteral("report %1").arg(sopUid)); !stored.ok()) return failure(stored.error());
    const QString pdfUid = dicomText(*pdfDataset.value(), DCM_SOPInstanceUID);
    auto srFile = m_archive.index().findInstance(sopUid);
    auto pdfFile = m_archive.index().findInstance(pdfUid);
    if (!srFile.ok() || !srFile.value() || !pdfFile.ok() || !pdfFile.value())
        return failure(QStringLiteral("%1: the signed report is not in the archive index").arg(sopUid));
    auto updated = m_database.execute(QStringLiteral("UPDATE reports SET state = 'signed', signer = ?, signed_at = ?, file = ?, pdf_file = ? WHERE sop_uid = ?"),
                                      {identity.commonName, isoNow(), m_archive.absolutePath(srFile.value()->file),
                                       m_archive.absolutePath(pdfFile.value()->file), sopUid});
    if (!updated.ok()) return failure(updated.error());
    QFile::remove(record->file);
    auto requestUpdated = m_database.execute(QStringLiteral("UPDATE requests SET state = 'reported' WHERE study_uid = ? AND direction = 'in'"),
                                             {record->studyUid});
    if (!requestUpdated.ok()) return failure(requestUpdated.error());
    if (auto node = replyNodeFor(record->studyUid); node.ok() && !node->isEmpty())
        if (auto sent = sendNotice({NoticeKind::Reported, record->studyUid, sopUid, identity.commonName, QDateTime::currentDateTimeUtc()}, node.value());
            !sent.ok())
            qCWarning(lcNet).noquote() << "report" << sopUid << "signed, but the requesting site cannot be told:" << sent.error();
    audit(audit::kReportSigned, true, record->studyUid, QStringLiteral("%1 signed by %2").arg(sopUid, identity.commonName));
    return report(sopUid);
}

Result<QString> ReadingDesk::replyNodeFor(const QString& studyUid) const {
    auto rows = m_database.select(QStringLiteral("SELECT reply_to, node FROM requests WHERE study_uid = ? AND direction = 'in'"), {studyUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return QString();
    const QString ae = rows->first()[0].isEmpty() ? rows->first()[1] : rows->first()[0];
    auto node = nodeNameForAe(ae);
    if (!node.ok()) return failure(node.error());
    if (!node.value()) return failure(QStringLiteral("the request asks for the report at AE %1, which is not in the address book").arg(ae));
    return *node.value();
}

Result<qint64> ReadingDesk::sendReport(const QString& sopUid, const QString& nodeName) const {
    auto record = report(sopUid);
    if (!record.ok()) return failure(record.error());
    if (!record->authored || record->state == QLatin1String("draft"))
        return failure(QStringLiteral("%1 is %2: only a signed report of this site is sent").arg(sopUid, record->state));
    QString destination = nodeName;
    if (destination.isEmpty()) {
        auto reply = replyNodeFor(record->studyUid);
        if (!reply.ok()) return failure(reply.error());
        if (reply->isEmpty()) return failure(QStringLiteral("%1: no read request says where the report goes; name a node").arg(sopUid));
        destination = reply.value();
    }
    std::vector<InstanceRef> instances;
    for (const QString& file : {record->file, record->pdfFile}) {
        auto instance = readInstanceRef(file);
        if (!instance.ok()) return failure(instance.error());
        instances.push_back(instance.value());
    }
    auto job = m_queue.enqueue(destination, instances, QStringLiteral("report %1").arg(record->title));
    if (!job.ok()) return failure(job.error());
    auto updated = m_database.execute(QStringLiteral("UPDATE reports SET state = CASE state WHEN 'acknowledged' THEN state ELSE 'sent' END, "
                                                     "job = ?, peer = ? WHERE sop_uid = ?"), {job.value(), destination, sopUid});
    if (!updated.ok()) return failure(updated.error());
    audit(audit::kReportSent, true, record->studyUid, QStringLiteral("%1, queue job %2").arg(sopUid).arg(job.value()), destination);
    return job.value();
}

Result<SignatureCheck> ReadingDesk::checkSignature(const QString& sopUid) const {
    auto record = report(sopUid);
    if (!record.ok()) return failure(record.error());
    auto dataset = loadDataset(record->file);
    if (!dataset.ok()) return failure(dataset.error());
    auto trusted = readWholeFile(trustedCertificatesFile());
    return checkReportSignature(*dataset.value(), trusted.ok() ? trusted.value() : QByteArray());
}

Result<ReportDocumentInfo> ReadingDesk::readReport(const QString& sopUid, SignatureCheck* signature) const {
    auto record = report(sopUid);
    if (!record.ok()) return failure(record.error());
    auto dataset = loadDataset(record->file);
    if (!dataset.ok()) return failure(dataset.error());
    if (signature) {  // before the text is converted: the signature covers the bytes as sent
        auto trusted = readWholeFile(trustedCertificatesFile());
        *signature = checkReportSignature(*dataset.value(), trusted.ok() ? trusted.value() : QByteArray());
    }
    convertTextToUtf8(*dataset.value());
    auto info = readReportDocument(*dataset.value());
    if (!info) return failure(QStringLiteral("%1: not a report Telerad can read").arg(record->file));
    return *info;
}

// Listing reports reads and checks them too; only a person opening one is audited.
Result<ReportDocumentInfo> ReadingDesk::openReport(const QString& sopUid, SignatureCheck* signature) const {
    SignatureCheck check;
    auto info = readReport(sopUid, &check);
    if (!info.ok()) return info;
    audit(audit::kReportViewed, true, info->self.studyUid, sopUid);
    if (info->verified)  // a draft has no signature to check yet
        audit(audit::kReportVerified, check.state == SignatureState::Valid, info->self.studyUid, QStringLiteral("%1: %2").arg(sopUid, check.describe()));
    if (signature) *signature = check;
    return info;
}

Result<QByteArray> ReadingDesk::reportPdfBytes(const QString& sopUid) const {
    auto record = report(sopUid);
    if (!record.ok()) return failure(record.error());
    if (!record->pdfFile.isEmpty()) {
        auto dataset = loadDataset(record->pdfFile);
        if (!dataset.ok()) return failure(dataset.error());
        const Uint8* bytes = nullptr;
        unsigned long length = 0;
        if (dataset.value()->findAndGetUint8Array(DCM_EncapsulatedDocument, bytes, &length).bad() || !bytes)
            return failure(QStringLiteral("%1: no encapsulated document").arg(record->pdfFile));
        Uint32 exact = 0;
        if (dataset.value()->findAndGetUint32(DCM_EncapsulatedDocumentLength, exact).good() && exact <= length) length = exact;
        return QByteArray(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length));
    }
    auto info = readReport(sopUid);
    if (!info.ok()) return failure(info.error());
    auto dataset = loadDataset(record->file);
    if (!dataset.ok()) return failure(dataset.error());
    return reportPdf(info.value(), studyLineOf(*dataset.value()), info->verified ? displayPersonName(info->verifierName) : QString());
}

Status ReadingDesk::exportReport(const QString& sopUid, const QString& dicomFile, const QString& pdfFile) const {
    auto record = report(sopUid);
    if (!record.ok()) return failure(record.error());
    auto bytes = readWholeFile(record->file);
    if (!bytes.ok()) return failure(bytes.error());
    if (Status s = writeFileAtomically(dicomFile, bytes.value(), FileAccess::OwnerOnly); !s.ok()) return s;
    if (!pdfFile.isEmpty()) {
        auto pdf = reportPdfBytes(sopUid);
        if (!pdf.ok()) return failure(pdf.error());
        if (Status s = writeFileAtomically(pdfFile, pdf.value(), FileAccess::OwnerOnly); !s.ok()) return s;
    }
    audit(audit::kStudyExported, true, record->studyUid,
          QStringLiteral("report %1 to %2").arg(sopUid, pdfFile.isEmpty() ? dicomFile : dicomFile + QStringLiteral(" and ") + pdfFile));
    return success();
}

Result<QString> ReadingDesk::acknowledge(const QString& reportUid, const QString& who) const {
    auto record = report(reportUid);
    if (!record.ok()) return failure(record.error());
    if (record->authored) return failure(QStringLiteral("%1 was written here: the requesting site acknowledges it").arg(reportUid));
    if (!record->critical) return failure(QStringLiteral("%1 has no critical finding to acknowledge").arg(reportUid));
    auto outgoing = m_database.select(QStringLiteral("SELECT node FROM requests WHERE study_uid = ? AND direction = 'out'"), {record->studyUid});
    if (!outgoing.ok()) return failure(outgoing.error());
    QString node = outgoing->isEmpty() ? QString() : outgoing->first().first();
    if (node.isEmpty()) {
        auto byAe = nodeNameForAe(record->peer);
        if (!byAe.ok()) return failure(byAe.error());
        if (!byAe.value()) return failure(QStringLiteral("the report came from AE %1, which is not in the address book").arg(record->peer));
        node = *byAe.value();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto sent = sendNotice({NoticeKind::CriticalAcknowledged, record->studyUid, reportUid, who, now}, node);
    if (!sent.ok()) return failure(sent.error());
    auto updated = m_database.execute(QStringLiteral("UPDATE reports SET state = 'acknowledged', ack_by = ?, ack_at = ? WHERE sop_uid = ?"),
                                      {who, now.toString(Qt::ISODateWithMs), reportUid});
    if (!updated.ok()) return failure(updated.error());
    return node;
}

bool ReadingDesk::recordReceivedReport(const ReportDocumentInfo& info, const Peer& peer) const {
    auto archived = m_archive.index().findInstance(info.self.sopInstanceUid);
    if (!archived.ok() || !archived.value()) return false;
    auto recorded = m_database.execute(
        QStringLiteral("INSERT OR IGNORE INTO reports(sop_uid, study_uid, direction, state, critical, author, signer, title, file, predecessor, "
                       "peer, created_at) VALUES(?,?,'received','received',?,?,?,?,?,?,?,?)"),
        {info.self.sopInstanceUid, info.self.studyUid, info.content.critical ? 1 : 0, info.content.author, info.verifierName,
         info.content.title, m_archive.absolutePath(archived.value()->file),
         info.predecessor ? info.predecessor->sopInstanceUid : QStringLiteral(""), peer.aeTitle, isoNow()});
    if (!recorded.ok()) qCWarning(lcArchive).noquote() << "reading desk:" << recorded.error();
    audit(audit::kReportReceived, true, info.self.studyUid, QStringLiteral("%1 (%2)").arg(info.self.sopInstanceUid, info.content.title), peer.describe());
    advanceOutgoingRequest(info.self.studyUid, QStringLiteral("report received"));
    return true;
}

bool ReadingDesk::linkReceivedPdf(DcmDataset& dataset) const {
    DcmItem* source = nullptr;
    if (dataset.findAndGetSequenceItem(DCM_SourceInstanceSequence, source, 0).bad() || !source) return false;
    auto archived = m_archive.index().findInstance(dicomText(dataset, DCM_SOPInstanceUID));
    if (!archived.ok() || !archived.value()) return false;
    auto updated = m_database.execute(QStringLiteral("UPDATE reports SET pdf_file = ? WHERE sop_uid = ? AND direction = 'received'"),
                                      {m_archive.absolutePath(archived.value()->file), dicomText(*source, DCM_ReferencedSOPInstanceUID)});
    if (!updated.ok()) qCWarning(lcArchive).noquote() << "reading desk:" << updated.error();
    return true;
}

}  // namespace telerad
