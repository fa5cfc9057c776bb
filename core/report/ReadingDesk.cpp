#include "ReadingDesk.h"

#include "archive/ArchiveServices.h"
#include "common/AtomicFile.h"
#include "common/Logging.h"
#include "common/UtcTime.h"
#include "dicom/DicomErrors.h"
#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace telerad {
namespace {

constexpr int kSchemaVersion = 1;

// Outgoing request states, in the order a request goes through them.
const QStringList kOutgoingStates = {QStringLiteral("sent"), QStringLiteral("received"), QStringLiteral("in reading"),
                                     QStringLiteral("reported"), QStringLiteral("report received"), QStringLiteral("report verified")};

TurnaroundHours loadTurnaround(const QString& root) {
    TurnaroundHours hours;
    QFile file(root + QStringLiteral("/reading.json"));
    if (!file.open(QIODevice::ReadOnly)) return hours;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("turnaroundHours")).toObject();
    hours.emergency = o.value(QStringLiteral("emergency")).toDouble(hours.emergency);
    hours.urgent = o.value(QStringLiteral("urgent")).toDouble(hours.urgent);
    hours.routine = o.value(QStringLiteral("routine")).toDouble(hours.routine);
    return hours;
}

const char* kRequestColumns =
    "study_uid, direction, node, patient_name, patient_id, modality, body_part, study_description, indication, question, urgency, "
    "physician, phone, requesting_site, reply_to, created_at, state, claimed_by, job";

RequestRecord requestFromRow(const QStringList& r, const TurnaroundHours& turnaround) {
    RequestRecord record;
    record.studyUid = r[0];
    record.outgoing = r[1] == QLatin1String("out");
    record.node = r[2];
    record.patientName = r[3];
    record.patientId = r[4];
    record.modality = r[5];
    record.bodyPart = r[6];
    record.studyDescription = r[7];
    record.request = {r[8], r[9], parseUrgency(r[10]).ok() ? parseUrgency(r[10]).value() : Urgency::Routine, r[11], r[12], r[13], r[14]};
    record.createdAt = fromIso(r[15]);
    record.state = r[16];
    record.claimedBy = r[17];
    record.job = r[18].toLongLong();
    record.deadline = record.createdAt.addSecs(static_cast<qint64>(turnaround.of(record.request.urgency) * 3600));
    return record;
}

/// The attributes the desk reads from an arriving instance, in UTF-8, without converting
/// (or copying) the whole instance.
std::unique_ptr<DcmDataset> requestAttributes(DcmDataset& dataset) {
    auto copy = std::make_unique<DcmDataset>();
    for (const DcmTagKey& tag : {DCM_SpecificCharacterSet, DCM_StudyInstanceUID, DCM_PatientName, DCM_PatientID, DCM_Modality,
                                 DCM_BodyPartExamined, DCM_StudyDescription, DCM_ReasonForTheRequestedProcedure,
                                 DCM_RequestedProcedureComments, DCM_RequestedProcedurePriority, DCM_RequestingPhysician,
                                 DCM_OrderCallbackPhoneNumber, DCM_RequestingService, DCM_RequestingServiceCodeSequence}) {
        DcmElement* element = nullptr;
        if (dataset.findAndGetElement(tag, element).good() && element) copy->insert(static_cast<DcmElement*>(element->clone()), true);
    }
    convertTextToUtf8(*copy);
    return copy;
}

}  // namespace

double TurnaroundHours::of(Urgency urgency) const {
    switch (urgency) {
    case Urgency::Emergency: return emergency;
    case Urgency::Urgent: return urgent;
    case Urgency::Routine: break;
    }
    return routine;
}

ReadingDesk::ReadingDesk(QString root, SqliteDatabase database, Archive archive, TransferQueue queue, TurnaroundHours turnaround)
    : m_root(std::move(root)), m_database(std::move(database)), m_archive(std::move(archive)), m_queue(std::move(queue)),
      m_turnaround(turnaround) {}

Result<ReadingDesk> ReadingDesk::open(const QString& dataFolderRoot) {
    auto database = SqliteDatabase::open(dataFolderRoot + QStringLiteral("/reading.sqlite"),
                                         QStringLiteral(":/telerad/core/report/reading-v1.sql"), kSchemaVersion);
    if (!database.ok()) return failure(QStringLiteral("reading desk: %1").arg(database.error()));
    auto archive = Archive::open(dataFolderRoot);
    if (!archive.ok()) return failure(archive.error());
    auto queue = TransferQueue::open(dataFolderRoot);
    if (!queue.ok()) return failure(queue.error());
    return ReadingDesk(dataFolderRoot, database.value(), archive.value(), queue.value(), loadTurnaround(dataFolderRoot));
}

Result<NodeBook> ReadingDesk::book() const { return NodeBook::load(m_root); }

void ReadingDesk::audit(QLatin1String action, bool succeeded, const QString& studyUid, const QString& detail, const QString& peer) const {
    auto patient = m_archive.index().select(
        QStringLiteral("SELECT p.patient_id FROM studies s JOIN patients p ON s.patient = p.id WHERE s.uid = ?"), {studyUid});
    const QString patientId = patient.ok() && !patient->isEmpty() ? patient->first().first() : QString();
    (void)recordAudit(m_root, {QString(action), succeeded, patientId, studyUid, peer, detail});
}

QString ReadingDesk::trustedCertificatesFile() const {
    auto loaded = book();
    return loaded.ok() ? loaded->site().trustedFile : QString();
}

Result<StudyContext> ReadingDesk::studyContext(const QString& studyUid, bool withInstances) const {
    auto rows = m_archive.index().select(
        QStringLiteral("SELECT i.file, se.uid, i.sop_class, i.sop_uid FROM instances i JOIN series se ON i.series = se.uid "
                       "WHERE se.study = ? ORDER BY se.number, i.number, i.sop_uid"), {studyUid});
    if (!rows.ok()) return failure(rows.error());
    StudyContext context;
    for (const QStringList& r : rows.value()) {
        if (isDocumentSopClass(r[2])) continue;
        if (!context.source) {
            DcmFileFormat file;
            if (OFCondition c = loadDicomFile(file, m_archive.absolutePath(r[0]), DCM_MaxReadLength, DCM_PixelData); c.bad())
                return failure(QStringLiteral("%1: %2").arg(m_archive.absolutePath(r[0]), QString::fromLatin1(c.text())));
            context.source = std::shared_ptr<DcmDataset>(file.getAndRemoveDataset());
            convertTextToUtf8(*context.source);
        }
        if (!withInstances) break;
        context.instances.push_back({studyUid, r[1], r[2], r[3]});
    }
    if (!context.source) return failure(QStringLiteral("%1: no archived image of this study").arg(studyUid));
    return context;
}

Result<QString> ReadingDesk::archiveAndQueue(DcmDataset& dataset, const QString& nodeName, const QString& description) const {
    const QString sopUid = dicomText(dataset, DCM_SOPInstanceUID);
    auto stored = m_archive.storeDataset(dataset, description);
    if (!stored.ok()) return failure(stored.error());
    if (nodeName.isEmpty()) return sopUid;
    auto instances = archivedInstances(m_archive, dicomText(dataset, DCM_SeriesInstanceUID));
    if (!instances.ok()) return failure(instances.error());
    std::erase_if(instances.value(), [&](const InstanceRef& i) { return i.sopInstanceUid != sopUid; });
    auto job = m_queue.enqueue(nodeName, instances.value(), description);
    if (!job.ok()) return failure(job.error());
    return sopUid;
}

Result<qint64> ReadingDesk::requestRead(const QString& nodeName, const QString& studyUid, const ReadRequest& request) const {
    auto loaded = book();
    if (!loaded.ok()) return failure(loaded.error());
    auto node = loaded->named(nodeName);
    if (!node.ok()) return failure(node.error());
    ReadRequest complete = request;
    if (complete.requestingSite.isEmpty()) complete.requestingSite = loaded->site().aeTitle;
    auto instances = archivedInstances(m_archive, studyUid);
    if (!instances.ok()) return failure(instances.error());
    // Images only: reports and notices already there are signed or not ours to amend.
    std::erase_if(instances.value(), [](const InstanceRef& i) { return isDocumentSopClass(i.sopClassUid); });
    auto context = studyContext(studyUid, false);
    if (!context.ok()) return failure(context.error());
    DcmDataset amendment;
    amendment.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    if (Status written = writeReadRequest(complete, amendment); !written.ok()) return failure(written.error());
    DcmDataset& source = *context->source;
    auto job = m_queue.enqueue(nodeName, instances.value(),
                               QStringLiteral("read request (%1) for %2").arg(urgencyName(request.urgency), displayPersonName(dicomText(source, DCM_PatientName))),
                               serializeDataset(amendment));
    if (!job.ok()) return failure(job.error());
    auto recorded = m_database.execute(
        QStringLiteral("INSERT OR REPLACE INTO requests(%1) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kRequestColumns)),
        {studyUid, QStringLiteral("out"), nodeName, dicomText(source, DCM_PatientName), dicomText(source, DCM_PatientID),
         dicomText(source, DCM_Modality), dicomText(source, DCM_BodyPartExamined), dicomText(source, DCM_StudyDescription),
         complete.indication, complete.question, urgencyName(complete.urgency), complete.physician, complete.phone,
         complete.requestingSite, complete.replyToAe, isoNow(), kOutgoingStates[0], QStringLiteral(""), job.value()});
    if (!recorded.ok()) return failure(recorded.error());
    audit(audit::kRequestCreated, true, studyUid,
          QStringLiteral("read request (%1), queue job %2").arg(urgencyName(complete.urgency)).arg(job.value()), node->describe());
    return job.value();
}

Result<std::vector<RequestRecord>> ReadingDesk::requests(bool outgoing) const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM requests WHERE direction = ? ORDER BY created_at DESC").arg(QLatin1String(kRequestColumns)),
                                  {outgoing ? QStringLiteral("out") : QStringLiteral("in")});
    if (!rows.ok()) return failure(rows.error());
    std::vector<RequestRecord> records;
    for (const QStringList& r : rows.value()) {
        records.push_back(requestFromRow(r, m_turnaround));
        if (outgoing) records.back().state = liveRequestState(records.back());
    }
    return records;
}

QString ReadingDesk::liveRequestState(const RequestRecord& record) const {
    int rank = static_cast<int>(kOutgoingStates.indexOf(record.state));
    if (rank == 0) {
        auto job = m_queue.job(record.job);
        if (job.ok() && job->state == JobState::Done) rank = 1;
    }
    auto received = reports(record.studyUid);
    if (received.ok()) {
        for (const ReportRecord& report : received.value()) {
            if (report.authored) continue;
            auto check = checkSignature(report.sopUid);
            rank = std::max<int>(rank, check.ok() && check->state == SignatureState::Valid ? 5 : 4);
        }
    }
    return kOutgoingStates.value(rank, record.state);
}

Result<std::vector<RequestRecord>> ReadingDesk::worklist() const {
    auto incoming = requests(false);
    if (!incoming.ok()) return incoming;
    std::erase_if(incoming.value(), [](const RequestRecord& r) { return r.state == QLatin1String("reported"); });
    std::stable_sort(incoming->begin(), incoming->end(), [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
    return incoming;
}

Result<std::optional<QString>> ReadingDesk::nodeNameForAe(const QString& aeTitle) const {
    auto loaded = book();
    if (!loaded.ok()) return failure(loaded.error());
    if (auto node = loaded->findByAeTitle(aeTitle)) return std::optional<QString>(node->name);
    return std::optional<QString>();
}

Result<QString> ReadingDesk::claim(const QString& studyUid, const QString& who) const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM requests WHERE study_uid = ? AND direction = 'in'").arg(QLatin1String(kRequestColumns)),
                                  {studyUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no read request for this study").arg(studyUid));
    const RequestRecord record = requestFromRow(rows->first(), m_turnaround);
    // One statement decides, so two radiologists claiming at once cannot both win.
    auto claimed = m_database.update(QStringLiteral("UPDATE requests SET claimed_by = ?, state = CASE state WHEN 'new' THEN 'in reading' ELSE state END "
                                                     "WHERE study_uid = ? AND direction = 'in' AND (claimed_by = '' OR claimed_by = ?)"),
                                      {who, studyUid, who});
    if (!claimed.ok()) return failure(claimed.error());
    if (claimed.value() == 0) return failure(QStringLiteral("%1 is already being read by %2").arg(studyUid, record.claimedBy));
    if (!record.claimedBy.isEmpty()) return QStringLiteral("already claimed by %1").arg(who);
    const QString replyAe = record.request.replyToAe.isEmpty() ? record.node : record.request.replyToAe;
    auto node = nodeNameForAe(replyAe);
    if (!node.ok()) return failure(node.error());
    if (!node.value()) return QStringLiteral("claimed; %1 is not in the address book, so the requesting site is not told").arg(replyAe);
    auto sent = sendNotice({NoticeKind::InReading, studyUid, {}, who, QDateTime::currentDateTimeUtc()}, *node.value());
    if (!sent.ok()) return failure(sent.error());
    return QStringLiteral("claimed; %1 is told").arg(*node.value());
}

Result<QString> ReadingDesk::sendNotice(const ReadingNotice& notice, const QString& nodeName) const {
    auto context = studyContext(notice.studyUid, false);
    if (!context.ok()) return failure(context.error());
    auto dataset = writeNotice(notice, context.value());
    if (!dataset.ok()) return failure(dataset.error());
    return archiveAndQueue(*dataset.value(), nodeName, QStringLiteral("reading notice for %1").arg(notice.studyUid));
}

bool ReadingDesk::instanceReceived(DcmDataset& dataset, const Peer& peer) const {
    const QString sopClass = dicomText(dataset, DCM_SOPClassUID);
    if (!isDocumentSopClass(sopClass)) return recordIncomingRequest(dataset, peer);
    if (sopClass == QLatin1String(UID_EncapsulatedPDFStorage)) return linkReceivedPdf(dataset);
    DcmDataset copy(dataset);  // dcmsr reads the whole document; leave the caller's untouched
    convertTextToUtf8(copy);
    if (auto info = readReportDocument(copy)) return recordReceivedReport(*info, peer);
    if (auto notice = readNotice(copy)) return applyNotice(*notice);
    return false;
}

bool ReadingDesk::recordIncomingRequest(DcmDataset& dataset, const Peer& peer) const {
    const QString studyUid = dicomText(dataset, DCM_StudyInstanceUID);
    {
        const std::lock_guard lock(*m_seenMutex);
        if (!m_seenStudies->insert(studyUid).second) return false;
    }
    auto attributes = requestAttributes(dataset);
    const std::optional<ReadRequest> request = readReadRequest(*attributes);
    if (!request) return false;
    DcmDataset& a = *attributes;
    auto recorded = m_database.execute(
        QStringLiteral("INSERT OR IGNORE INTO requests(%1) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kRequestColumns)),
        {studyUid, QStringLiteral("in"), peer.aeTitle, dicomText(a, DCM_PatientName), dicomText(a, DCM_PatientID), dicomText(a, DCM_Modality),
         dicomText(a, DCM_BodyPartExamined), dicomText(a, DCM_StudyDescription), request->indication, request->question,
         urgencyName(request->urgency), request->physician, request->phone, request->requestingSite, request->replyToAe, isoNow(),
         QStringLiteral("new"), QStringLiteral(""), 0});
    if (!recorded.ok()) qCWarning(lcArchive).noquote() << "reading desk: cannot record the request for" << studyUid << ":" << recorded.error();
    return recorded.ok();
}

void ReadingDesk::advanceOutgoingRequest(const QString& studyUid, const QString& state) const {
    auto rows = m_database.select(QStringLiteral("SELECT state FROM requests WHERE study_uid = ? AND direction = 'out'"), {studyUid});
    if (!rows.ok() || rows->isEmpty()) return;
    if (kOutgoingStates.indexOf(rows->first().first()) >= kOutgoingStates.indexOf(state)) return;  // never backwards
    auto updated = m_database.execute(QStringLiteral("UPDATE requests SET state = ? WHERE study_uid = ? AND direction = 'out'"), {state, studyUid});
    if (!updated.ok()) qCWarning(lcArchive).noquote() << "reading desk:" << updated.error();
}

bool ReadingDesk::applyNotice(const ReadingNotice& notice) const {
    switch (notice.kind) {
    case NoticeKind::InReading: advanceOutgoingRequest(notice.studyUid, QStringLiteral("in reading")); return true;
    case NoticeKind::Reported: advanceOutgoingRequest(notice.studyUid, QStringLiteral("reported")); return true;
    case NoticeKind::CriticalAcknowledged: break;
    }
    auto updated = m_database.execute(QStringLiteral("UPDATE reports SET state = 'acknowledged', ack_by = ?, ack_at = ? WHERE sop_uid = ?"),
                                      {notice.who, notice.when.toString(Qt::ISODateWithMs), notice.reportUid});
    if (!updated.ok()) qCWarning(lcArchive).noquote() << "reading desk:" << updated.error();
    return true;
}

}  // namespace telerad
