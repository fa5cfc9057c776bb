#include "StructuredReport.h"

#include "common/Version.h"
#include "dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

namespace telerad {
namespace {

using Code = DSRCodedEntryValue;

// Codes. DICOM's own where one exists (CID 7001 report headings, TID 1002 observer);
// a private scheme for what DICOM has no code for (critical flag, notices).
Code documentTitle() { return Code("18748-4", "LN", "Diagnostic imaging report"); }
Code languageConcept() { return Code("121049", "DCM", "Language of Content Item and Descendants"); }
Code observerConcept() { return Code("121008", "DCM", "Person Observer Name"); }
Code criticalConcept() { return Code("TLR-CRIT", "99TELERAD", "Critical finding"); }
Code statusTitle() { return Code("TLR-STATUS", "99TELERAD", "Reading status notice"); }
Code stateConcept() { return Code("TLR-STATE", "99TELERAD", "Reading state"); }
Code ackTitle() { return Code("TLR-ACK", "99TELERAD", "Critical finding acknowledgement"); }
Code reportRefConcept() { return Code("TLR-REPORT", "99TELERAD", "Report concerned"); }

Code languageCode(const QString& language) {
    return language == QLatin1String("fr") ? Code("fr", "RFC5646", "French") : Code("en", "RFC5646", "English");
}

Code sectionCode(SectionKey key) {
    switch (key) {
    case SectionKey::Indication: return Code("121109", "DCM", "Indications for Procedure");
    case SectionKey::Technique: return Code("121064", "DCM", "Current Procedure Descriptions");
    case SectionKey::Comparison: return Code("121066", "DCM", "Prior Procedure Descriptions");
    case SectionKey::Findings: return Code("121070", "DCM", "Findings");
    case SectionKey::Conclusion: return Code("121076", "DCM", "Conclusions");
    case SectionKey::Addendum: break;
    }
    return Code("121078", "DCM", "Addendum");
}

std::optional<SectionKey> sectionOfCode(const Code& code) {
    for (SectionKey key : allSections())
        if (sectionCode(key) == code) return key;
    return std::nullopt;
}

OFString utf8(const QString& text) { return OFString(text.toUtf8().constData()); }
QString qstr(const OFString& text) { return QString::fromUtf8(text.c_str()); }

Error dcmsrError(const char* what, const OFCondition& cond) {
    return failure(QStringLiteral("cannot %1 the SR document: %2").arg(QString::fromLatin1(what), QString::fromLatin1(cond.text())));
}

/// Adds a content item and names it; false when the SR IOD does not allow it there.
bool addItem(DSRDocumentTree& tree, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type,
             DSRTypes::E_AddMode mode, const Code& name) {
    if (tree.addContentItem(relation, type, mode) == 0) return false;
    return tree.getCurrentContentItem().setConceptName(name).good();
}

bool addText(DSRDocumentTree& tree, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type, DSRTypes::E_AddMode mode,
             const Code& name, const QString& value) {
    return addItem(tree, relation, type, mode, name) && tree.getCurrentContentItem().setStringValue(utf8(value), false).good();
}

/// A new Basic Text SR in the study of `study.source`, titled `title`, UTF-8.
Result<std::unique_ptr<DSRDocument>> newDocument(const StudyContext& study, const Code& title, const QString& seriesDescription) {
    auto doc = std::make_unique<DSRDocument>(DSRTypes::DT_BasicTextSR);
    if (!study.source) return failure(QStringLiteral("no archived instance to take the patient and study from"));
    if (OFCondition c = doc->readStudyData(*study.source); c.bad()) return dcmsrError("copy the patient and study into", c);
    doc->createNewSeries();
    doc->setSpecificCharacterSetType(DSRTypes::CS_UTF8);
    doc->setManufacturer("Telerad");
    doc->setSoftwareVersions(kVersion);
    doc->setSeriesDescription(utf8(seriesDescription), false);
    DSRDocumentTree& tree = doc->getTree();
    if (tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container) == 0 ||
        tree.getCurrentContentItem().setConceptName(title).bad())
        return failure(QStringLiteral("cannot start the SR document tree"));
    return doc;
}

Result<std::unique_ptr<DcmDataset>> toDataset(DSRDocument& doc) {
    auto dataset = std::make_unique<DcmDataset>();
    if (OFCondition c = doc.write(*dataset); c.bad()) return dcmsrError("write", c);
    return dataset;
}

/// Visits every content item of `doc`'s tree, depth first.
template <typename Visit>
void forEachItem(DSRDocument& doc, Visit visit) {
    DSRDocumentTree& tree = doc.getTree();
    if (tree.gotoRoot() == 0) return;
    do visit(tree.getCurrentContentItem());
    while (tree.iterate(true) != 0);
}

InstanceReference referenceOf(DSRDocument& doc) {
    OFString study, series, sopClass, sop;
    doc.getStudyInstanceUID(study);
    doc.getSeriesInstanceUID(series);
    doc.getSOPClassUID(sopClass);
    doc.getSOPInstanceUID(sop);
    return {qstr(study), qstr(series), qstr(sopClass), qstr(sop)};
}

Code rootTitle(DSRDocument& doc) {
    DSRDocumentTree& tree = doc.getTree();
    if (tree.gotoRoot() == 0) return Code();
    return tree.getCurrentContentItem().getConceptName();
}

}  // namespace

Result<std::unique_ptr<DcmDataset>> writeReportDocument(const ReportContent& report, const StudyContext& study,
                                                         const std::optional<InstanceReference>& predecessor) {
    auto made = newDocument(study, documentTitle(), report.title);
    if (!made.ok()) return failure(made.error());
    DSRDocument& doc = *made.value();
    DSRDocumentTree& tree = doc.getTree();
    bool ok = addItem(tree, DSRTypes::RT_hasConceptMod, DSRTypes::VT_Code, DSRTypes::AM_belowCurrent, languageConcept()) &&
              tree.getCurrentContentItem().setCodeValue(languageCode(report.language)).good() &&
              addText(tree, DSRTypes::RT_hasObsContext, DSRTypes::VT_PName, DSRTypes::AM_afterCurrent, observerConcept(), report.author);
    if (ok && report.critical)
        ok = addText(tree, DSRTypes::RT_contains, DSRTypes::VT_Text, DSRTypes::AM_afterCurrent, criticalConcept(),
                     report.language == QLatin1String("fr") ? QStringLiteral("Résultat critique : accusé de réception demandé")
                                                           : QStringLiteral("Critical finding: acknowledgement required"));
    for (const ReportSection& section : report.sections) {
        if (!ok) break;
        ok = addItem(tree, DSRTypes::RT_contains, DSRTypes::VT_Container, DSRTypes::AM_afterCurrent, sectionCode(section.key)) &&
             addText(tree, DSRTypes::RT_contains, DSRTypes::VT_Text, DSRTypes::AM_belowCurrent, sectionCode(section.key), section.text);
        tree.goUp();
    }
    if (!ok) return failure(QStringLiteral("the report does not fit the Basic Text SR template (dcmsr refused an item)"));
    for (const InstanceReference& ref : study.instances)
        doc.getCurrentRequestedProcedureEvidence().addItem(utf8(ref.studyUid), utf8(ref.seriesUid), utf8(ref.sopClassUid),
                                                          utf8(ref.sopInstanceUid));
    if (predecessor)
        doc.getPredecessorDocuments().addItem(utf8(predecessor->studyUid), utf8(predecessor->seriesUid),
                                              utf8(predecessor->sopClassUid), utf8(predecessor->sopInstanceUid));
    return toDataset(doc);
}

Result<std::unique_ptr<DcmDataset>> verifyReportDocument(DcmDataset& draft, const QString& verifierName, const QString& organization) {
    DSRDocument doc;
    if (OFCondition c = doc.read(draft); c.bad()) return dcmsrError("read", c);
    if (doc.getCompletionFlag() != DSRTypes::CF_Complete) doc.completeDocument();
    if (OFCondition c = doc.verifyDocument(utf8(verifierName), utf8(organization.isEmpty() ? QStringLiteral("-") : organization));
        c.bad())
        return dcmsrError("verify", c);
    doc.finalizeDocument();
    return toDataset(doc);
}

std::optional<ReportDocumentInfo> readReportDocument(DcmDataset& dataset) {
    DSRDocument doc;
    if (doc.read(dataset).bad() || doc.getDocumentType() != DSRTypes::DT_BasicTextSR || !(rootTitle(doc) == documentTitle()))
        return std::nullopt;
    ReportDocumentInfo info;
    info.self = referenceOf(doc);
    OFString title, patientName, patientId;
    doc.getSeriesDescription(title);
    doc.getPatientName(patientName);
    doc.getPatientID(patientId);
    info.content.title = qstr(title);
    info.patientName = qstr(patientName);
    info.patientId = qstr(patientId);
    OFString date, time;
    doc.getContentDate(date);
    doc.getContentTime(time);
    info.contentDateTime = QDateTime(QDate::fromString(qstr(date), QStringLiteral("yyyyMMdd")),
                                     QTime::fromString(qstr(time).left(4), QStringLiteral("HHmm")))
                               .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    info.verified = doc.getVerificationFlag() == DSRTypes::VF_Verified;
    OFString name, org, when;
    if (info.verified && doc.getVerifyingObserver(1, when, name, org).good()) info.verifierName = qstr(name);
    forEachItem(doc, [&](const DSRContentItem& item) {
        const Code& name = item.getConceptName();
        if (item.getValueType() == DSRTypes::VT_Code && name == languageConcept())
            info.content.language = qstr(item.getCodeValue().getCodeValue());
        else if (item.getValueType() == DSRTypes::VT_PName && name == observerConcept())
            info.content.author = qstr(item.getStringValue());
        else if (name == criticalConcept())
            info.content.critical = true;
        else if (item.getValueType() == DSRTypes::VT_Text)
            if (const auto key = sectionOfCode(name)) info.content.setText(*key, qstr(item.getStringValue()));
    });
    DSRSOPInstanceReferenceList& predecessors = doc.getPredecessorDocuments();
    if (!predecessors.isEmpty() && predecessors.gotoFirstItem().good()) {
        OFString study, series, sopClass, sop;
        predecessors.getStudyInstanceUID(study);
        predecessors.getSeriesInstanceUID(series);
        predecessors.getSOPClassUID(sopClass);
        predecessors.getSOPInstanceUID(sop);
        info.predecessor = InstanceReference{qstr(study), qstr(series), qstr(sopClass), qstr(sop)};
    }
    return info;
}

Result<std::unique_ptr<DcmDataset>> writeNotice(const ReadingNotice& notice, const StudyContext& study) {
    const bool ack = notice.kind == NoticeKind::CriticalAcknowledged;
    auto made = newDocument(study, ack ? ackTitle() : statusTitle(), noticeSeriesDescriptions()[ack ? 1 : 0]);
    if (!made.ok()) return failure(made.error());
    DSRDocument& doc = *made.value();
    DSRDocumentTree& tree = doc.getTree();
    bool ok = addText(tree, DSRTypes::RT_hasObsContext, DSRTypes::VT_PName, DSRTypes::AM_belowCurrent, observerConcept(), notice.who);
    if (ok && !ack)
        ok = addText(tree, DSRTypes::RT_contains, DSRTypes::VT_Text, DSRTypes::AM_afterCurrent, stateConcept(),
                     notice.kind == NoticeKind::InReading ? QStringLiteral("IN READING") : QStringLiteral("REPORTED"));
    if (ok && !notice.reportUid.isEmpty())
        ok = addText(tree, DSRTypes::RT_contains, DSRTypes::VT_UIDRef, DSRTypes::AM_afterCurrent, reportRefConcept(), notice.reportUid);
    if (!ok) return failure(QStringLiteral("the notice does not fit the Basic Text SR template (dcmsr refused an item)"));
    const QDateTime local = notice.when.toLocalTime();
    doc.setContentDate(utf8(local.toString(QStringLiteral("yyyyMMdd"))));
    doc.setContentTime(utf8(local.toString(QStringLiteral("HHmmss"))));
    doc.completeDocument();
    return toDataset(doc);
}

std::optional<ReadingNotice> readNotice(DcmDataset& dataset) {
    DSRDocument doc;
    if (doc.read(dataset).bad() || doc.getDocumentType() != DSRTypes::DT_BasicTextSR) return std::nullopt;
    const Code title = rootTitle(doc);
    if (!(title == statusTitle()) && !(title == ackTitle())) return std::nullopt;
    ReadingNotice notice;
    notice.kind = title == ackTitle() ? NoticeKind::CriticalAcknowledged : NoticeKind::InReading;
    notice.studyUid = referenceOf(doc).studyUid;
    OFString date, time;
    doc.getContentDate(date);
    doc.getContentTime(time);
    notice.when = QDateTime(QDate::fromString(qstr(date), QStringLiteral("yyyyMMdd")),
                            QTime::fromString(qstr(time).left(6), QStringLiteral("HHmmss")))
                      .toUTC();
    forEachItem(doc, [&](const DSRContentItem& item) {
        const Code& name = item.getConceptName();
        if (name == observerConcept()) notice.who = qstr(item.getStringValue());
        else if (name == reportRefConcept()) notice.reportUid = qstr(item.getStringValue());
        else if (name == stateConcept() && qstr(item.getStringValue()) == QLatin1String("REPORTED"))
            notice.kind = NoticeKind::Reported;
    });
    return notice;
}

const QStringList& noticeSeriesDescriptions() {
    static const QStringList descriptions{QStringLiteral("Reading status"), QStringLiteral("Critical finding acknowledgement")};
    return descriptions;
}

bool isDocumentSopClass(const QString& sopClassUid) {
    for (const char* uid : {UID_BasicTextSRStorage, UID_EnhancedSRStorage, UID_ComprehensiveSRStorage, UID_EncapsulatedPDFStorage})
        if (sopClassUid == QLatin1String(uid)) return true;
    return false;
}

}  // namespace telerad
