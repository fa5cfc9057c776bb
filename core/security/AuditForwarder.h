#pragma once
// Forwards the audit trail to a hospital's audit record repository as it grows: syslog over
// TLS (RFC 5425 framing of RFC 5424 messages), one DICOM audit message (PS3.15 A.5) per
// record, with the site's own key and certificate (mutual TLS) and its trusted CAs.
// What was sent is remembered, so records written while the repository was unreachable
// follow with the next ones: nothing is skipped, in order.

#include "common/Result.h"

#include <QDateTime>
#include <QString>

namespace telerad {

/// Where audit messages go: `auditRepository` in security.json of the data folder.
struct AuditRepository {
    QString host;
    quint16 port = 6514;  ///< syslog over TLS
    bool enabled() const { return !host.isEmpty(); }
    QString describe() const { return QStringLiteral("%1:%2").arg(host).arg(port); }
};

Result<AuditRepository> loadAuditRepository(const QString& dataFolderRoot);
/// Saves (or, with an empty host, turns off) forwarding; other settings of the file stay.
Status saveAuditRepository(const QString& dataFolderRoot, const AuditRepository& repository);

/// Sends every record not yet sent to the configured repository over one TLS connection;
/// returns how many went (0 when forwarding is off or another process is sending now).
Result<int> forwardPendingAudit(const QString& dataFolderRoot);

/// The RFC 5424 message of one audit message, without the RFC 5425 length prefix.
QByteArray syslogMessage(const QByteArray& auditXml, const QDateTime& time, const QString& hostName);

}  // namespace telerad
