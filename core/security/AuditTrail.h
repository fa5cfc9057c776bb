#pragma once
// The audit trail: every access to patient data, every login and every change of settings,
// nodes, users or certificates, one record each in audit.sqlite of the data folder. French
// health-data hosting rules (HDS) and the GDPR require that each access can be traced.
//
// Each record carries the SHA-256 of its content chained to the previous record's hash, so
// editing or deleting any record is detected by verify(). The chain is kept by SQLite's
// write lock, so the GUI, `telerad-cli serve` and one-off commands may append at once.

#include "common/Result.h"
#include "common/SqliteDatabase.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace telerad {

/// What happened, named as `telerad-cli audit list` prints it. The DICOM audit message
/// (PS3.15 A.5) event each one maps to is in AuditTrail.cpp.
namespace audit {
inline constexpr QLatin1String kStudyViewed{"study-viewed"};
inline constexpr QLatin1String kStudyImported{"study-imported"};
inline constexpr QLatin1String kStudyExported{"study-exported"};
inline constexpr QLatin1String kStudyDeleted{"study-deleted"};
inline constexpr QLatin1String kStudySent{"study-sent"};
inline constexpr QLatin1String kStudyReceived{"study-received"};
inline constexpr QLatin1String kArchiveListed{"archive-listed"};
inline constexpr QLatin1String kQuerySent{"query-sent"};            ///< our C-FIND to a peer
inline constexpr QLatin1String kRetrieveRequested{"retrieve-requested"};  ///< our C-MOVE / C-GET to a peer
inline constexpr QLatin1String kQueryByPeer{"query-by-peer"};       ///< a peer's C-FIND to us
inline constexpr QLatin1String kRetrieveByPeer{"retrieve-by-peer"};  ///< a peer's C-MOVE / C-GET to us
inline constexpr QLatin1String kAssociationRefused{"association-refused"};  ///< unknown AE, wrong certificate...
inline constexpr QLatin1String kReportCreated{"report-created"};
inline constexpr QLatin1String kReportSigned{"report-signed"};
inline constexpr QLatin1String kReportSent{"report-sent"};
inline constexpr QLatin1String kReportReceived{"report-received"};
inline constexpr QLatin1String kReportVerified{"report-verified"};
inline constexpr QLatin1String kReportViewed{"report-viewed"};
inline constexpr QLatin1String kRequestCreated{"request-created"};
inline constexpr QLatin1String kLogin{"login"};
inline constexpr QLatin1String kLogout{"logout"};
inline constexpr QLatin1String kLoginFailed{"login-failed"};
inline constexpr QLatin1String kAccessDenied{"access-denied"};  ///< a role tried what it may not
inline constexpr QLatin1String kSettingsChanged{"settings-changed"};
inline constexpr QLatin1String kNodeChanged{"node-changed"};
inline constexpr QLatin1String kCertificateChanged{"certificate-changed"};
inline constexpr QLatin1String kUserChanged{"user-changed"};
inline constexpr QLatin1String kAuditUsed{"audit-used"};
inline constexpr QLatin1String kServiceStarted{"service-started"};
inline constexpr QLatin1String kServiceStopped{"service-stopped"};
}  // namespace audit

/// What the caller knows of one event; who and when are filled in by the trail.
struct AuditEvent {
    QString action;        ///< one of audit::k...
    bool succeeded = true;
    QString patientId;
    QString studyUid;
    QString peer;          ///< "AE@host:port" and, over TLS, the certificate subject
    QString detail;        ///< a short sentence: counts, file names, the error
};

/// A stored record.
struct AuditRecord {
    qint64 sequence = 0;
    QDateTime time;        ///< UTC
    QString user, role;
    AuditEvent event;
    QString previousHash, hash;
};

/// Who the records of this process are made under: the logged-in account, or the
/// operating-system user on a workstation without accounts.
struct AuditActor {
    QString user;
    QString role;
};
/// Sets the actor of this process (after a login; back to the system user after logout).
void setAuditActor(const AuditActor& actor);
AuditActor auditActor();

struct AuditFilter {
    QString patientId, user, action;
    QDateTime since, until;  ///< invalid: no bound
    qint64 afterSequence = 0;  ///< only records numbered above this
};

/// The outcome of a chain check: intact, or the first record where it breaks and why.
struct AuditCheck {
    bool intact = true;
    qint64 records = 0;
    qint64 brokenAt = 0;   ///< sequence number of the first bad record (0 when intact)
    QString problem;
};

class AuditTrail {
public:
    static Result<AuditTrail> open(const QString& dataFolderRoot);

    /// Appends one record under the current actor, chained to the last one.
    Status record(const AuditEvent& event) const;
    Result<QList<AuditRecord>> list(const AuditFilter& filter = {}) const;
    /// Recomputes every hash and link; also notices records cut off the end.
    Result<AuditCheck> verify() const;

private:
    explicit AuditTrail(SqliteDatabase database) : m_database(std::move(database)) {}
    SqliteDatabase m_database;
};

/// The patient a query's Patient ID key names, for its audit record: none when the key has
/// wildcards (it then names no one patient).
inline QString patientNamedByQueryKey(const QString& key) {
    return key.contains(QLatin1Char('*')) || key.contains(QLatin1Char('?')) ? QString() : key;
}

/// Records `event` in the audit trail of `dataFolderRoot`. A trail that cannot be written is
/// logged as an error (naming the file) and reported to the caller; callers that act on
/// patient data go on, since refusing a radiologist the images of an emergency because the
/// log disk is full would do more harm; the error stays visible in the log.
Status recordAudit(const QString& dataFolderRoot, const AuditEvent& event);

/// The PS3.15 A.5 DICOM audit message code (EventID) and action code of an action name,
/// e.g. {"110104", "DICOM Instances Transferred", "C"}.
struct AuditEventCode {
    QString code, meaning, actionCode, typeCode, typeMeaning;
};
AuditEventCode auditEventCode(const QString& action);
/// Every action name the trail records, sorted (for filters).
QStringList auditActionNames();

/// `records` as a well-formed XML document: one PS3.15 A.5 AuditMessage per record inside
/// an <AuditMessages> root; `sourceId` names this workstation (AuditSourceIdentification).
QByteArray auditMessagesXml(const QList<AuditRecord>& records, const QString& sourceId);
/// One record as a single AuditMessage document (what a syslog audit repository receives).
QByteArray auditMessageXml(const AuditRecord& record, const QString& sourceId);

}  // namespace telerad
