#include "ArchiveIndex.h"

#include <QDateTime>
#include <QSqlQuery>

namespace telerad {

namespace {

constexpr int kSchemaVersion = 2;

Result<PreparedQuery> run(QSqlDatabase& db, const QString& sql, const QVariantList& values) {
    auto query = runPrepared(db, sql, values);
    if (!query.ok()) return failure(QStringLiteral("archive index: %1").arg(query.error()));
    return query;
}

Result<qint64> upsertPatient(QSqlDatabase& db, const InstanceAttributes& a) {
    auto inserted = run(db, QStringLiteral("INSERT OR IGNORE INTO patients(patient_id, name, birth_date, sex) VALUES(?,?,?,?)"),
                        {a.patientId, a.patientName, a.patientBirthDate, a.patientSex});
    if (!inserted.ok()) return failure(inserted.error());
    auto found = run(db, QStringLiteral("SELECT id FROM patients WHERE patient_id = ? AND name = ?"), {a.patientId, a.patientName});
    if (!found.ok()) return failure(found.error());
    if (!found.value()->next()) return failure(QStringLiteral("archive index: patient row vanished"));
    return found.value()->value(0).toLongLong();
}

Status insertRows(QSqlDatabase& db, const InstanceAttributes& a, const QString& file, qint64 size) {
    auto patient = upsertPatient(db, a);
    if (!patient.ok()) return failure(patient.error());
    const std::pair<QString, QVariantList> statements[] = {
        {QStringLiteral("INSERT OR IGNORE INTO studies(uid, patient, date, time, description, accession, study_id, "
                        "referring_physician) VALUES(?,?,?,?,?,?,?,?)"),
         {a.studyUid, patient.value(), a.studyDate, a.studyTime, a.studyDescription, a.accessionNumber, a.studyId,
          a.referringPhysician}},
        {QStringLiteral("INSERT OR IGNORE INTO series(uid, study, modality, number, description, body_part) VALUES(?,?,?,?,?,?)"),
         {a.seriesUid, a.studyUid, a.modality, a.seriesNumber, a.seriesDescription, a.bodyPart}},
        {QStringLiteral("INSERT INTO instances(sop_uid, series, sop_class, number, transfer_syntax, rows, columns, "
                        "frames, file, size, archived_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
         {a.sopUid, a.seriesUid, a.sopClassUid, a.instanceNumber, a.transferSyntaxUid, a.rows, a.columns, a.frames, file,
          size, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}};
    for (const auto& [sql, values] : statements)
        if (auto done = run(db, sql, values); !done.ok()) return failure(done.error());
    return success();
}

}  // namespace

Result<ArchiveIndex> ArchiveIndex::open(const QString& databasePath) {
    auto database = SqliteDatabase::open(databasePath, QStringLiteral(":/telerad/core/archive/schema-v2.sql"), kSchemaVersion,
                                         {QStringLiteral(":/telerad/core/archive/migrate-to-v2.sql")});
    if (!database.ok()) return failure(QStringLiteral("archive index: %1").arg(database.error()));
    return ArchiveIndex(database.value());
}

Result<std::optional<IndexedInstance>> ArchiveIndex::findInstance(const QString& sopUid) const {
    auto rows = select(QStringLiteral("SELECT sop_uid, file FROM instances WHERE sop_uid = ?"), {sopUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return std::optional<IndexedInstance>();
    const QStringList& r = rows->front();
    return std::optional<IndexedInstance>(IndexedInstance{r[0], r[1]});
}

Status ArchiveIndex::insert(const InstanceAttributes& attributes, const QString& relativeFile, qint64 size) const {
    return m_database.transaction([&](QSqlDatabase& db) { return insertRows(db, attributes, relativeFile, size); });
}

Status ArchiveIndex::removeInstance(const QString& sopUid) const {
    return m_database.transaction([&](QSqlDatabase& db) -> Status {
        const QStringList statements = {
            QStringLiteral("DELETE FROM instances WHERE sop_uid = ?"),
            QStringLiteral("DELETE FROM series WHERE uid NOT IN (SELECT series FROM instances)"),
            QStringLiteral("DELETE FROM studies WHERE uid NOT IN (SELECT study FROM series)"),
            QStringLiteral("DELETE FROM patients WHERE id NOT IN (SELECT patient FROM studies)")};
        for (int i = 0; i < statements.size(); ++i)
            if (auto done = run(db, statements[i], i == 0 ? QVariantList{sopUid} : QVariantList{}); !done.ok())
                return failure(done.error());
        return success();
    });
}

Result<QList<QStringList>> ArchiveIndex::select(const QString& sql, const QVariantList& bindings) const {
    return m_database.select(sql, bindings);
}

}  // namespace telerad
