#include "ArchiveIndex.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QFile>
#include <QSqlError>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

namespace telerad {

namespace {

constexpr int kSchemaVersion = 1;

QString describe(const QString& what, const QSqlError& error) {
    return QStringLiteral("archive index: %1: %2").arg(what, error.text());
}

Status exec(QSqlDatabase& db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql)) return failure(describe(sql.left(60), query.lastError()));
    return success();
}

Status migrate(QSqlDatabase& db) {
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
        return failure(describe(QStringLiteral("reading the schema version"), version.lastError()));
    const int current = version.value(0).toInt();
    if (current > kSchemaVersion)
        return failure(QStringLiteral("archive index: schema version %1 is newer than this Telerad (%2)")
                           .arg(current).arg(kSchemaVersion));
    if (current == kSchemaVersion) return success();
    QFile schema(QStringLiteral(":/telerad/core/archive/schema-v1.sql"));
    if (!schema.open(QIODevice::ReadOnly)) return failure(QStringLiteral("archive index: schema resource missing"));
    if (!db.transaction()) return failure(describe(QStringLiteral("begin"), db.lastError()));
    for (const QString& statement : QString::fromUtf8(schema.readAll()).split(QStringLiteral("\n\n"))) {
        QString sql = statement;
        sql.remove(QRegularExpression(QStringLiteral("^--[^\n]*\n?"), QRegularExpression::MultilineOption));
        if (sql.trimmed().isEmpty()) continue;
        if (Status s = exec(db, sql); !s.ok()) {
            db.rollback();
            return s;
        }
    }
    if (Status s = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)); !s.ok()) {
        db.rollback();
        return s;
    }
    if (!db.commit()) return failure(describe(QStringLiteral("commit"), db.lastError()));
    return success();
}

// Binds `values` in order and executes.
Status run(QSqlQuery& query, const QString& sql, const QVariantList& values) {
    if (!query.prepare(sql)) return failure(describe(sql.left(60), query.lastError()));
    for (const QVariant& v : values) query.addBindValue(v);
    if (!query.exec()) return failure(describe(sql.left(60), query.lastError()));
    return success();
}

Result<qint64> upsertPatient(QSqlDatabase& db, const InstanceAttributes& a) {
    QSqlQuery q(db);
    Status s = run(q, QStringLiteral("INSERT OR IGNORE INTO patients(patient_id, name, birth_date, sex) VALUES(?,?,?,?)"),
                   {a.patientId, a.patientName, a.patientBirthDate, a.patientSex});
    if (!s.ok()) return failure(s.error());
    s = run(q, QStringLiteral("SELECT id FROM patients WHERE patient_id = ? AND name = ?"), {a.patientId, a.patientName});
    if (!s.ok()) return failure(s.error());
    if (!q.next()) return failure(QStringLiteral("archive index: patient row vanished"));
    return q.value(0).toLongLong();
}

Status insertRows(QSqlDatabase& db, const InstanceAttributes& a, const QString& file, qint64 size,
                  const QString& sha256) {
    auto patient = upsertPatient(db, a);
    if (!patient.ok()) return failure(patient.error());
    QSqlQuery q(db);
    Status s = run(q, QStringLiteral("INSERT OR IGNORE INTO studies(uid, patient, date, time, description, accession, "
                                     "study_id, referring_physician) VALUES(?,?,?,?,?,?,?,?)"),
                   {a.studyUid, patient.value(), a.studyDate, a.studyTime, a.studyDescription, a.accessionNumber,
                    a.studyId, a.referringPhysician});
    if (!s.ok()) return s;
    s = run(q, QStringLiteral("INSERT OR IGNORE INTO series(uid, study, modality, number, description, body_part) "
                              "VALUES(?,?,?,?,?,?)"),
            {a.seriesUid, a.studyUid, a.modality, a.seriesNumber, a.seriesDescription, a.bodyPart});
    if (!s.ok()) return s;
    return run(q, QStringLiteral("INSERT INTO instances(sop_uid, series, sop_class, number, transfer_syntax, rows, "
                                 "columns, frames, file, size, sha256, archived_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
               {a.sopUid, a.seriesUid, a.sopClassUid, a.instanceNumber, a.transferSyntaxUid, a.rows, a.columns,
                a.frames, file, size, sha256, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
}

}  // namespace

Result<ArchiveIndex> ArchiveIndex::open(const QString& databasePath) {
    ArchiveIndex index(databasePath);
    auto db = index.connection();
    if (!db.ok()) return failure(db.error());
    if (Status s = migrate(db.value()); !s.ok()) return failure(s.error());
    return index;
}

Result<QSqlDatabase> ArchiveIndex::connection() const {
    const QString name = QStringLiteral("telerad-index-%1-%2")
                             .arg(reinterpret_cast<quintptr>(QThread::currentThread()))
                             .arg(qHash(m_path));
    if (QSqlDatabase::contains(name)) return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!db.open()) return failure(describe(QStringLiteral("opening %1").arg(m_path), db.lastError()));
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"})
        if (Status s = exec(db, QString::fromLatin1(pragma)); !s.ok()) return failure(s.error());
    return db;
}

Result<std::optional<IndexedInstance>> ArchiveIndex::findInstance(const QString& sopUid) const {
    auto rows = select(QStringLiteral("SELECT sop_uid, file, sha256 FROM instances WHERE sop_uid = ?"), {sopUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return std::optional<IndexedInstance>();
    const QStringList& r = rows->front();
    return std::optional<IndexedInstance>(IndexedInstance{r[0], r[1], r[2]});
}

Status ArchiveIndex::insert(const InstanceAttributes& attributes, const QString& relativeFile, qint64 size,
                            const QString& sha256) const {
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    if (!db->transaction()) return failure(describe(QStringLiteral("begin"), db->lastError()));
    Status s = insertRows(db.value(), attributes, relativeFile, size, sha256);
    if (!s.ok()) {
        db->rollback();
        return s;
    }
    if (!db->commit()) return failure(describe(QStringLiteral("commit"), db->lastError()));
    return success();
}

Status ArchiveIndex::removeInstance(const QString& sopUid) const {
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    if (!db->transaction()) return failure(describe(QStringLiteral("begin"), db->lastError()));
    QSqlQuery q(db.value());
    const QStringList statements = {
        QStringLiteral("DELETE FROM instances WHERE sop_uid = ?"),
        QStringLiteral("DELETE FROM series WHERE uid NOT IN (SELECT series FROM instances)"),
        QStringLiteral("DELETE FROM studies WHERE uid NOT IN (SELECT study FROM series)"),
        QStringLiteral("DELETE FROM patients WHERE id NOT IN (SELECT patient FROM studies)")};
    for (int i = 0; i < statements.size(); ++i) {
        if (Status s = run(q, statements[i], i == 0 ? QVariantList{sopUid} : QVariantList{}); !s.ok()) {
            db->rollback();
            return s;
        }
    }
    if (!db->commit()) return failure(describe(QStringLiteral("commit"), db->lastError()));
    return success();
}

Result<QList<QStringList>> ArchiveIndex::select(const QString& sql, const QVariantList& bindings) const {
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    QSqlQuery q(db.value());
    if (Status s = run(q, sql, bindings); !s.ok()) return failure(s.error());
    QList<QStringList> rows;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.record().count(); ++i) row << q.value(i).toString();
        rows << row;
    }
    return rows;
}

}  // namespace telerad
