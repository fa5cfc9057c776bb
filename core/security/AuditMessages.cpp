// The audit trail as DICOM audit messages (PS3.15 A.5, the schema built on RFC 3881), the
// form audit repositories and hospital SIEMs take in.

#include "AuditTrail.h"

#include <QXmlStreamWriter>

#include <map>

namespace telerad {

namespace {

// Action name -> EventID (DCM codes of PS3.16 CID 400), EventActionCode (C create, R read,
// U update, D delete, E execute) and, where the standard has one, EventTypeCode (CID 401-403).
struct CodeRow {
    const char *code, *meaning, *actionCode, *typeCode, *typeMeaning;
};

const std::map<QString, CodeRow>& codeTable() {
    static const std::map<QString, CodeRow> table{
        {audit::kStudyViewed, {"110103", "DICOM Instances Accessed", "R", "", ""}},
        {audit::kStudyImported, {"110107", "Import", "C", "", ""}},
        {audit::kStudyExported, {"110106", "Export", "R", "", ""}},
        {audit::kStudyDeleted, {"110105", "DICOM Study Deleted", "D", "", ""}},
        {audit::kStudySent, {"110104", "DICOM Instances Transferred", "R", "", ""}},
        {audit::kStudyReceived, {"110104", "DICOM Instances Transferred", "C", "", ""}},
        {audit::kArchiveListed, {"110112", "Query", "E", "", ""}},
        {audit::kQuerySent, {"110112", "Query", "E", "", ""}},
        {audit::kRetrieveRequested, {"110104", "DICOM Instances Transferred", "C", "", ""}},
        {audit::kQueryByPeer, {"110112", "Query", "E", "", ""}},
        {audit::kRetrieveByPeer, {"110104", "DICOM Instances Transferred", "R", "", ""}},
        {audit::kAssociationRefused, {"110113", "Security Alert", "E", "110126", "Node Authentication"}},
        {audit::kReportCreated, {"110103", "DICOM Instances Accessed", "C", "", ""}},
        {audit::kReportSigned, {"110103", "DICOM Instances Accessed", "U", "", ""}},
        {audit::kReportSent, {"110104", "DICOM Instances Transferred", "R", "", ""}},
        {audit::kReportReceived, {"110104", "DICOM Instances Transferred", "C", "", ""}},
        {audit::kReportVerified, {"110103", "DICOM Instances Accessed", "R", "", ""}},
        {audit::kReportViewed, {"110103", "DICOM Instances Accessed", "R", "", ""}},
        {audit::kRequestCreated, {"110109", "Order Record", "C", "", ""}},
        {audit::kLogin, {"110114", "User Authentication", "E", "110122", "Login"}},
        {audit::kLoginFailed, {"110114", "User Authentication", "E", "110122", "Login"}},
        {audit::kAccessDenied, {"110113", "Security Alert", "E", "110132", "Use of Restricted Function"}},
        {audit::kLogout, {"110114", "User Authentication", "E", "110123", "Logout"}},
        {audit::kSettingsChanged, {"110113", "Security Alert", "E", "110131", "Software Configuration"}},
        {audit::kNodeChanged, {"110113", "Security Alert", "E", "110128", "Network Configuration"}},
        {audit::kCertificateChanged, {"110113", "Security Alert", "E", "110129", "Security Configuration"}},
        {audit::kUserChanged, {"110113", "Security Alert", "E", "110137", "User Security Attributes Changed"}},
        {audit::kAuditUsed, {"110101", "Audit Log Used", "R", "", ""}},
        {audit::kServiceStarted, {"110100", "Application Activity", "E", "110120", "Application Start"}},
        {audit::kServiceStopped, {"110100", "Application Activity", "E", "110121", "Application Stop"}},
    };
    return table;
}

void writeCode(QXmlStreamWriter& xml, const QString& element, const QString& code, const QString& scheme, const QString& meaning) {
    xml.writeEmptyElement(element);
    xml.writeAttribute(QStringLiteral("csd-code"), code);
    xml.writeAttribute(QStringLiteral("codeSystemName"), scheme);
    xml.writeAttribute(QStringLiteral("originalText"), meaning);
}

void writeParticipantObject(QXmlStreamWriter& xml, const QString& id, const char* typeCode, const char* role,
                            const QString& idCode, const QString& scheme, const QString& meaning) {
    xml.writeStartElement(QStringLiteral("ParticipantObjectIdentification"));
    xml.writeAttribute(QStringLiteral("ParticipantObjectID"), id);
    xml.writeAttribute(QStringLiteral("ParticipantObjectTypeCode"), QString::fromLatin1(typeCode));
    xml.writeAttribute(QStringLiteral("ParticipantObjectTypeCodeRole"), QString::fromLatin1(role));
    writeCode(xml, QStringLiteral("ParticipantObjectIDTypeCode"), idCode, scheme, meaning);
    xml.writeEndElement();
}

void writeMessage(QXmlStreamWriter& xml, const AuditRecord& r, const QString& sourceId) {
    const AuditEventCode code = auditEventCode(r.event.action);
    xml.writeStartElement(QStringLiteral("AuditMessage"));
    xml.writeStartElement(QStringLiteral("EventIdentification"));
    xml.writeAttribute(QStringLiteral("EventActionCode"), code.actionCode);
    xml.writeAttribute(QStringLiteral("EventDateTime"), r.time.toUTC().toString(Qt::ISODateWithMs));
    xml.writeAttribute(QStringLiteral("EventOutcomeIndicator"), r.event.succeeded ? QStringLiteral("0") : QStringLiteral("8"));
    writeCode(xml, QStringLiteral("EventID"), code.code, QStringLiteral("DCM"), code.meaning);
    if (!code.typeCode.isEmpty()) writeCode(xml, QStringLiteral("EventTypeCode"), code.typeCode, QStringLiteral("DCM"), code.typeMeaning);
    const QString description = QStringLiteral("%1 (record %2): %3").arg(r.event.action).arg(r.sequence).arg(r.event.detail);
    xml.writeTextElement(QStringLiteral("EventOutcomeDescription"), description);
    xml.writeEndElement();

    xml.writeStartElement(QStringLiteral("ActiveParticipant"));
    xml.writeAttribute(QStringLiteral("UserID"), r.user);
    xml.writeAttribute(QStringLiteral("UserIsRequestor"), QStringLiteral("true"));
    writeCode(xml, QStringLiteral("RoleIDCode"), r.role, QStringLiteral("99TELERAD"), r.role);
    xml.writeEndElement();
    if (!r.event.peer.isEmpty()) {
        xml.writeEmptyElement(QStringLiteral("ActiveParticipant"));
        xml.writeAttribute(QStringLiteral("UserID"), r.event.peer);
        xml.writeAttribute(QStringLiteral("UserIsRequestor"), QStringLiteral("false"));
    }
    xml.writeStartElement(QStringLiteral("AuditSourceIdentification"));
    xml.writeAttribute(QStringLiteral("AuditSourceID"), sourceId);
    writeCode(xml, QStringLiteral("AuditSourceTypeCode"), QStringLiteral("1"), QStringLiteral("DCM"), QStringLiteral("End-user display device"));
    xml.writeEndElement();
    if (!r.event.patientId.isEmpty())
        writeParticipantObject(xml, r.event.patientId, "1", "1", QStringLiteral("2"), QStringLiteral("RFC-3881"), QStringLiteral("Patient Number"));
    if (!r.event.studyUid.isEmpty())
        writeParticipantObject(xml, r.event.studyUid, "2", "3", QStringLiteral("110180"), QStringLiteral("DCM"), QStringLiteral("Study Instance UID"));
    xml.writeEndElement();
}

}  // namespace

AuditEventCode auditEventCode(const QString& action) {
    const auto& table = codeTable();
    const auto found = table.find(action);
    const CodeRow row = found != table.end() ? found->second : CodeRow{"110100", "Application Activity", "E", "", ""};
    return {QString::fromLatin1(row.code), QString::fromLatin1(row.meaning), QString::fromLatin1(row.actionCode),
            QString::fromLatin1(row.typeCode), QString::fromLatin1(row.typeMeaning)};
}

QStringList auditActionNames() {
    QStringList names;
    for (const auto& [name, row] : codeTable()) names << name;
    return names;  // std::map: sorted already
}

QByteArray auditMessagesXml(const QList<AuditRecord>& records, const QString& sourceId) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("AuditMessages"));
    for (const AuditRecord& r : records) writeMessage(xml, r, sourceId);
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QByteArray auditMessageXml(const AuditRecord& record, const QString& sourceId) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    writeMessage(xml, record, sourceId);
    xml.writeEndDocument();
    return out;
}

}  // namespace telerad
