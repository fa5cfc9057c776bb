#include "AuditTrail.h"

#include "AuditForwarder.h"

#include "common/Logging.h"
#include "common/SystemUser.h"
#include "common/UtcTime.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSqlQuery>

namespace telerad {

namespace {

const QString kGenesis(64, QLatin1Char('0'));
const QString kSuccess = QStringLiteral("success");
const QString kFailure = QStringLiteral("failure");

QMutex g_actorLock;
AuditActor g_actor;

// The hash covers every stored field in a fixed order, as a JSON array: no two different
// records serialise alike, whatever their text holds.
QString hashOf(const AuditRecord& r) {
    const QJsonArray fields{QString::number(r.sequence), r.time.toString(Qt::ISODateWithMs), r.user, r.role,
                            r.event.action, r.event.succeeded ? kSuccess : kFailure, r.event.patientId, r.event.studyUid,
                            r.event.peer, r.event.detail, r.previousHash};
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(fields).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex());
}

AuditRecord recordOfRow(const QStringList& row) {
    AuditRecord r;
    r.sequence = row[0].toLongLong();
    r.time = fromIso(row[1]);
    r.user = row[2];
    r.role = row[3];
    r.event = {row[4], row[5] == kSuccess, row[6], row[7], row[8], row[9]};
    r.previousHash = row[10];
    r.hash = row[11];
    return r;
}

const QString kColumns = QStringLiteral("seq, time, user, role, action, outcome, patient_id, study_uid, peer, detail, previous_hash, hash");

Result<qint64> highestNumberGiven(QSqlDatabase& db) {
    QSqlQuery q(db);
    if (Status s = runQuery(q, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")); !s.ok()) {
        // sqlite_sequence appears with the first AUTOINCREMENT insert.
        if (s.error().contains(QLatin1String("no such table"))) return qint64(0);
        return failure(s.error());
    }
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

}  // namespace

void setAuditActor(const AuditActor& actor) {
    QMutexLocker lock(&g_actorLock);
    g_actor = actor;
}

AuditActor auditActor() {
    QMutexLocker lock(&g_actorLock);
    if (g_actor.user.isEmpty()) return {systemUserName(), QStringLiteral("workstation")};
    return g_actor;
}

Result<AuditTrail> AuditTrail::open(const QString& dataFolderRoot) {
    auto database = SqliteDatabase::open(dataFolderRoot + QStringLiteral("/audit.sqlite"),
                                         QStringLiteral(":/telerad/core/security/audit-v1.sql"), 1);
    if (!database.ok()) return failure(QStringLiteral("audit trail: %1").arg(database.error()));
    return AuditTrail(database.value());
}

Status AuditTrail::record(const AuditEvent& event) const {
    const AuditActor actor = auditActor();
    return m_database.writeTransaction([&](QSqlDatabase& db) -> Status {
        auto last = highestNumberGiven(db);
        if (!last.ok()) return failure(last.error());
        AuditRecord r;
        r.sequence = last.value() + 1;
        r.time = QDateTime::currentDateTimeUtc();
        r.user = actor.user;
        r.role = actor.role;
        r.event = event;
        r.previousHash = kGenesis;
        QSqlQuery previous(db);
        if (Status s = runQuery(previous, QStringLiteral("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")); !s.ok()) return s;
        if (previous.next()) r.previousHash = previous.value(0).toString();
        r.hash = hashOf(r);
        QSqlQuery insert(db);
        return runQuery(insert, QStringLiteral("INSERT INTO audit(%1) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)").arg(kColumns),
                        {r.sequence, r.time.toString(Qt::ISODateWithMs), r.user, r.role, r.event.action,
                         r.event.succeeded ? kSuccess : kFailure, r.event.patientId, r.event.studyUid, r.event.peer,
                         r.event.detail, r.previousHash, r.hash});
    });
}

Result<QList<AuditRecord>> AuditTrail::list(const AuditFilter& filter) const {
    QString sql = QStringLiteral("SELECT %1 FROM audit WHERE 1").arg(kColumns);
    QVariantList bindings;
    const auto where = [&](const QString& clause, const QVariant& value) {
        sql += QStringLiteral(" AND ") + clause;
        bindings << value;
    };
    if (!filter.patientId.isEmpty()) where(QStringLiteral("patient_id = ?"), filter.patientId);
    if (!filter.user.isEmpty()) where(QStringLiteral("user = ?"), filter.user);
    if (!filter.action.isEmpty()) where(QStringLiteral("action = ?"), filter.action);
    // ISO 8601 UTC with milliseconds sorts as text in time order.
    if (filter.since.isValid()) where(QStringLiteral("time >= ?"), filter.since.toUTC().toString(Qt::ISODateWithMs));
    if (filter.until.isValid()) where(QStringLiteral("time < ?"), filter.until.toUTC().toString(Qt::ISODateWithMs));
    if (filter.afterSequence > 0) where(QStringLiteral("seq > ?"), filter.afterSequence);
    auto rows = m_database.select(sql + QStringLiteral(" ORDER BY seq"), bindings);
    if (!rows.ok()) return failure(rows.error());
    QList<AuditRecord> records;
    records.reserve(rows->size());
    for (const QStringList& row : rows.value()) records << recordOfRow(row);
    return records;
}

Result<AuditCheck> AuditTrail::verify() const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM audit ORDER BY seq").arg(kColumns));
    if (!rows.ok()) return failure(rows.error());
    AuditCheck check;
    const auto broken = [&check](qint64 at, QString problem) {
        check.intact = false;
        check.brokenAt = at;
        check.problem = std::move(problem);
        return check;
    };
    qint64 expectedSequence = 1;
    QString expectedPrevious = kGenesis;
    for (const QStringList& row : rows.value()) {
        const AuditRecord r = recordOfRow(row);
        if (r.sequence != expectedSequence)
            return broken(expectedSequence, QStringLiteral("records %1 to %2 are missing").arg(expectedSequence).arg(r.sequence - 1));
        if (r.previousHash != expectedPrevious)
            return broken(r.sequence, QStringLiteral("record %1 does not follow the record before it").arg(r.sequence));
        if (hashOf(r) != r.hash) return broken(r.sequence, QStringLiteral("record %1 was altered after it was written").arg(r.sequence));
        expectedPrevious = r.hash;
        ++expectedSequence;
        ++check.records;
    }
    auto connection = m_database.connection();
    if (!connection.ok()) return failure(connection.error());
    auto highest = highestNumberGiven(connection.value());
    if (!highest.ok()) return failure(highest.error());
    if (highest.value() >= expectedSequence)
        return broken(expectedSequence, QStringLiteral("records %1 to %2 were cut off the end").arg(expectedSequence).arg(highest.value()));
    return check;
}

Status recordAudit(const QString& dataFolderRoot, const AuditEvent& event) {
    auto trail = AuditTrail::open(dataFolderRoot);
    Status done = trail.ok() ? trail->record(event) : Status(failure(trail.error()));
    if (!done.ok()) {
        qCCritical(lcAudit).noquote() << "could not record" << event.action << "in the audit trail:" << done.error();
        return done;
    }
    // As it happens, to the hospital's audit repository when there is one (the records wait
    // in the trail while it cannot be reached).
    if (auto forwarded = forwardPendingAudit(dataFolderRoot); !forwarded.ok())
        qCWarning(lcAudit).noquote() << forwarded.error();
    return done;
}

}  // namespace telerad
