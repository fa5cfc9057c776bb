#include "ArchiveServices.h"

#include <QFile>
#include <QUuid>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "dicom/DicomText.h"
#include "security/AuditTrail.h"

#include <QRegularExpression>

namespace telerad {

namespace {

enum class Level { Patient = 0, Study = 1, Series = 2, Image = 3 };
enum class Match { Text, Uid, Date, Exact, Computed };

// One queryable attribute: its level, its SQL expression over the joined tables
// (p patients, s studies, se series, i instances), and how a key value matches it.
struct Key {
    DcmTagKey tag;
    Level level;
    const char* column;
    Match match;
};

const Key kKeys[] = {
    {DCM_PatientName, Level::Patient, "p.name", Match::Text},
    {DCM_PatientID, Level::Patient, "p.patient_id", Match::Text},
    {DCM_PatientBirthDate, Level::Patient, "p.birth_date", Match::Date},
    {DCM_PatientSex, Level::Patient, "p.sex", Match::Exact},
    {DCM_StudyInstanceUID, Level::Study, "s.uid", Match::Uid},
    {DCM_StudyDate, Level::Study, "s.date", Match::Date},
    {DCM_StudyTime, Level::Study, "s.time", Match::Computed},
    {DCM_StudyDescription, Level::Study, "s.description", Match::Text},
    {DCM_AccessionNumber, Level::Study, "s.accession", Match::Text},
    {DCM_StudyID, Level::Study, "s.study_id", Match::Text},
    {DCM_ReferringPhysicianName, Level::Study, "s.referring_physician", Match::Text},
    {DCM_ModalitiesInStudy, Level::Study,
     "(SELECT group_concat(DISTINCT modality) FROM series WHERE series.study = s.uid)", Match::Computed},
    {DCM_NumberOfStudyRelatedSeries, Level::Study, "(SELECT count(*) FROM series WHERE series.study = s.uid)",
     Match::Computed},
    {DCM_NumberOfStudyRelatedInstances, Level::Study,
     "(SELECT count(*) FROM instances JOIN series ON instances.series = series.uid WHERE series.study = s.uid)",
     Match::Computed},
    {DCM_SeriesInstanceUID, Level::Series, "se.uid", Match::Uid},
    {DCM_Modality, Level::Series, "se.modality", Match::Exact},
    {DCM_SeriesNumber, Level::Series, "se.number", Match::Exact},
    {DCM_SeriesDescription, Level::Series, "se.description", Match::Text},
    {DCM_BodyPartExamined, Level::Series, "se.body_part", Match::Text},
    {DCM_NumberOfSeriesRelatedInstances, Level::Series, "(SELECT count(*) FROM instances WHERE instances.series = se.uid)",
     Match::Computed},
    {DCM_SOPInstanceUID, Level::Image, "i.sop_uid", Match::Uid},
    {DCM_SOPClassUID, Level::Image, "i.sop_class", Match::Uid},
    {DCM_InstanceNumber, Level::Image, "i.number", Match::Exact},
    {DCM_Rows, Level::Image, "i.rows", Match::Computed},
    {DCM_Columns, Level::Image, "i.columns", Match::Computed},
    {DCM_NumberOfFrames, Level::Image, "i.frames", Match::Computed},
};

Result<Level> levelOf(const DcmDataset& query) {
    OFString text;
    const_cast<DcmDataset&>(query).findAndGetOFString(DCM_QueryRetrieveLevel, text);
    const QString level = QString::fromLatin1(text.c_str()).trimmed();
    if (level == QLatin1String("PATIENT")) return Level::Patient;
    if (level == QLatin1String("STUDY")) return Level::Study;
    if (level == QLatin1String("SERIES")) return Level::Series;
    if (level == QLatin1String("IMAGE")) return Level::Image;
    return failure(QStringLiteral("unknown query/retrieve level '%1'").arg(level));
}

QString fromClause(Level level) {
    static const char* clauses[] = {
        "patients p",
        "studies s JOIN patients p ON s.patient = p.id",
        "series se JOIN studies s ON se.study = s.uid JOIN patients p ON s.patient = p.id",
        ("instances i JOIN series se ON i.series = se.uid JOIN studies s ON se.study = s.uid "
         "JOIN patients p ON s.patient = p.id")};
    return QString::fromLatin1(clauses[static_cast<int>(level)]);
}

// The key's value in the query (UTF-8 as indexed; PN wildcards kept), or null when absent.
std::optional<QString> keyValue(const DcmDataset& query, const DcmTagKey& tag) {
    DcmElement* element = nullptr;
    if (const_cast<DcmDataset&>(query).findAndGetElement(tag, element).bad() || !element) return std::nullopt;
    OFString value;
    element->getOFStringArray(value);
    return QString::fromUtf8(value.c_str()).trimmed();
}

QString likePattern(QString value) {
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('%'), QLatin1String("\\%"));
    value.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return value.replace(QLatin1Char('*'), QLatin1Char('%')).replace(QLatin1Char('?'), QLatin1Char('_'));
}

// Appends the SQL condition for one non-empty key value.
void addCondition(const Key& key, const QString& value, QStringList* where, QVariantList* bindings) {
    const QString column = QString::fromLatin1(key.column);
    if (key.match == Match::Uid && value.contains(QLatin1Char('\\'))) {
        const QStringList uids = value.split(QLatin1Char('\\'), Qt::SkipEmptyParts);
        *where << QStringLiteral("%1 IN (%2)").arg(column, QStringList(uids.size(), QStringLiteral("?")).join(QLatin1Char(',')));
        for (const QString& uid : uids) *bindings << uid;
    } else if (key.match == Match::Date && value.contains(QLatin1Char('-'))) {
        const QString from = value.section(QLatin1Char('-'), 0, 0), to = value.section(QLatin1Char('-'), 1, 1);
        if (!from.isEmpty()) *where << column + QStringLiteral(" >= ?"), *bindings << from;
        if (!to.isEmpty()) *where << column + QStringLiteral(" <= ?"), *bindings << to;
    } else if (key.match == Match::Text && (value.contains(QLatin1Char('*')) || value.contains(QLatin1Char('?')))) {
        if (value == QLatin1String("*")) return;  // universal match
        *where << column + QStringLiteral(" LIKE ? ESCAPE '\\'");
        *bindings << likePattern(value);
    } else {
        *where << column + QStringLiteral(" = ?");
        *bindings << value;
    }
}

struct Selection {
    QString sql;
    QVariantList bindings;
    std::vector<const Key*> columns;  ///< the keys whose values the rows carry, in order
};

// The SELECT answering `query` at `level`, returning `extra` first when given.
Selection select(const DcmDataset& query, Level level, const QString& extra = {}) {
    Selection s;
    QStringList columns, where;
    if (!extra.isEmpty()) columns << extra;
    for (const Key& key : kKeys) {
        if (key.level > level) continue;
        const std::optional<QString> value = keyValue(query, key.tag);
        if (!value) continue;
        columns << QString::fromLatin1(key.column);
        s.columns.push_back(&key);
        if (!value->isEmpty() && key.match != Match::Computed) addCondition(key, *value, &where, &s.bindings);
    }
    if (columns.isEmpty()) columns << QStringLiteral("1");
    s.sql = QStringLiteral("SELECT DISTINCT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), fromClause(level));
    if (!where.isEmpty()) s.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    return s;
}

}  // namespace

Result<StoreResult> ArchiveServices::storeReceived(DcmDataset& dataset, const Peer& peer) {
    auto stored = m_archive.storeDataset(dataset, QStringLiteral("instance from %1").arg(peer.describe()));
    if (!stored.ok()) return stored.errorDetail();
    tallyReceived(dicomText(dataset, DCM_PatientID), dicomText(dataset, DCM_StudyInstanceUID), peer, stored.value());
    if (m_onReceived) m_onReceived(dataset, peer);
    return stored.value() == StoreOutcome::Stored ? StoreResult::Stored : StoreResult::Duplicate;
}

QString ArchiveServices::newReceivingFile() {
    return QStringLiteral("%1/%2.part").arg(m_archive.receivingFolder(), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

Result<StoreResult> ArchiveServices::storeReceivedFile(const QString& file, const Peer& peer) {
    auto stored = m_archive.storeReceivedFile(file, QStringLiteral("instance from %1").arg(peer.describe()));
    if (stored.ok()) {
        tallyReceived(stored->attributes.patientId, stored->attributes.studyUid, peer, stored->outcome);
        if (m_onReceived) m_onReceived(*stored->file->getDataset(), peer);  // before the file it reads from goes
    }
    QFile::remove(file);
    if (!stored.ok()) return stored.errorDetail();
    return stored->outcome == StoreOutcome::Stored ? StoreResult::Stored : StoreResult::Duplicate;
}

void ArchiveServices::tallyReceived(const QString& patientId, const QString& studyUid, const Peer& peer, StoreOutcome outcome) {
    if (peer.association == 0) return;  // our own retrievals are audited by retrieveStudy
    std::lock_guard lock(m_received->lock);
    ReceivedStudy& tally = m_received->byAssociation[peer.association][studyUid];
    tally.patientId = patientId;
    ++(outcome == StoreOutcome::Stored ? tally.stored : tally.duplicates);
}

void ArchiveServices::associationEnded(const Peer& peer) {
    std::map<QString, ReceivedStudy> studies;
    {
        std::lock_guard lock(m_received->lock);
        auto found = m_received->byAssociation.find(peer.association);
        if (found == m_received->byAssociation.end()) return;
        studies = std::move(found->second);
        m_received->byAssociation.erase(found);
    }
    for (const auto& [studyUid, tally] : studies)
        (void)recordAudit(m_archive.dataFolderRoot(),
                          {audit::kStudyReceived, true, tally.patientId, studyUid, peer.describe(),
                           QStringLiteral("%1 instances stored, %2 already archived").arg(tally.stored).arg(tally.duplicates)});
}

void ArchiveServices::associationRefused(const Peer& peer, const QString& reason) {
    (void)recordAudit(m_archive.dataFolderRoot(), {audit::kAssociationRefused, false, {}, {}, peer.describe(), reason});
}

Result<std::vector<std::unique_ptr<DcmDataset>>> ArchiveServices::find(const DcmDataset& query, const Peer& peer) {
    auto level = levelOf(query);
    if (!level.ok()) return failure(level.error());
    const Selection selection = select(query, level.value());
    auto rows = m_archive.index().select(selection.sql, selection.bindings);
    (void)recordAudit(m_archive.dataFolderRoot(),
                      {audit::kQueryByPeer, rows.ok(), patientNamedByQueryKey(keyValue(query, DCM_PatientID).value_or(QString())),
                       keyValue(query, DCM_StudyInstanceUID).value_or(QString()), peer.describe(),
                       rows.ok() ? QStringLiteral("C-FIND, %1 matches").arg(rows->size()) : rows.error()});
    if (!rows.ok()) return failure(rows.error());
    std::vector<std::unique_ptr<DcmDataset>> matches;
    for (const QStringList& row : rows.value()) {
        auto match = std::make_unique<DcmDataset>(query);
        match->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");  // the index holds UTF-8
        for (size_t i = 0; i < selection.columns.size(); ++i) {
            QString value = row[static_cast<qsizetype>(i)];
            if (selection.columns[i]->tag == DCM_ModalitiesInStudy) value.replace(QLatin1Char(','), QLatin1Char('\\'));
            match->putAndInsertString(selection.columns[i]->tag, value.toUtf8().constData());
        }
        matches.push_back(std::move(match));
    }
    return matches;
}

Result<QStringList> ArchiveServices::filesToRetrieve(const DcmDataset& identifier, const Peer& peer) {
    auto level = levelOf(identifier);
    if (!level.ok()) return failure(level.error());
    const Selection selection = select(identifier, Level::Image, QStringLiteral("i.file, s.uid, p.patient_id"));
    if (selection.bindings.isEmpty())
        return failure(QStringLiteral("the retrieve identifier selects nothing (no UID or patient ID given)"));
    auto rows = m_archive.index().select(selection.sql, selection.bindings);
    if (!rows.ok()) return failure(rows.error());
    QStringList files;
    std::map<std::pair<QString, QString>, int> perStudy;  // (study, patient) -> instances
    for (const QStringList& row : rows.value()) {
        files << m_archive.absolutePath(row[0]);
        ++perStudy[{row[1], row[2]}];
    }
    for (const auto& [study, count] : perStudy)
        (void)recordAudit(m_archive.dataFolderRoot(), {audit::kRetrieveByPeer, true, study.second, study.first, peer.describe(),
                                                        QStringLiteral("%1 instances to send").arg(count)});
    return files;
}

}  // namespace telerad

namespace telerad {

Result<std::vector<InstanceRef>> archivedInstances(const Archive& archive, const QString& studyOrSeriesUid) {
    auto rows = archive.index().select(
        QStringLiteral("SELECT i.file, i.sop_class, i.sop_uid, i.transfer_syntax FROM instances i JOIN series se ON i.series = se.uid "
                       "WHERE se.study = ? OR se.uid = ? ORDER BY se.number, i.number, i.sop_uid"), {studyOrSeriesUid, studyOrSeriesUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no archived study or series has this UID").arg(studyOrSeriesUid));
    std::vector<InstanceRef> instances;
    for (const QStringList& r : rows.value()) instances.push_back(InstanceRef{archive.absolutePath(r[0]), r[1], r[2], r[3]});
    return instances;
}

namespace {

Result<RetrieveSummary> retrieveOverOneAssociation(const NodeBook& book, const Node& peer, const QString& studyUid, RetrieveMethod method,
                                                   ArchiveServices& services, const std::function<void(const QString&)>& onInstanceError,
                                                   QString* patientId) {
    auto client = DicomClient::connect(book, peer, DicomClient::Purpose::QueryRetrieve);
    if (!client.ok()) return failure(client.error());
    DcmDataset keys;
    keys.putAndInsertString(DCM_StudyInstanceUID, studyUid.toLatin1().constData());
    if (method == RetrieveMethod::Move) return client.value()->move(QueryLevel::Study, keys, book.site().aeTitle);
    const Peer from{peer.aeTitle, peer.host, {}};
    return client.value()->get(QueryLevel::Study, keys, [&](DcmDataset& dataset) {
        auto stored = services.storeReceived(dataset, from);
        if (!stored.ok() && onInstanceError) onInstanceError(stored.error());
        if (patientId->isEmpty()) *patientId = dicomText(dataset, DCM_PatientID);
        return stored;
    });
}

}  // namespace

Result<RetrieveSummary> retrieveStudy(const NodeBook& book, const Node& peer, const QString& studyUid, RetrieveMethod method,
                                      ArchiveServices& services, const std::function<void(const QString&)>& onInstanceError) {
    QString patientId;  // known from the first instance of a C-GET; a C-MOVE's arrive on the service (audited there)
    auto summary = retrieveOverOneAssociation(book, peer, studyUid, method, services, onInstanceError, &patientId);
    const QString how = method == RetrieveMethod::Move ? QStringLiteral("C-MOVE") : QStringLiteral("C-GET");
    (void)recordAudit(services.archive().dataFolderRoot(),
                      {audit::kRetrieveRequested, summary.ok() && summary->failed == 0, patientId, studyUid,
                       peer.describe(),
                       summary.ok() ? QStringLiteral("%1: %2 instances completed, %3 failed").arg(how).arg(summary->completed).arg(summary->failed)
                                    : QStringLiteral("%1: %2").arg(how, summary.error())});
    return summary;
}

}  // namespace telerad
