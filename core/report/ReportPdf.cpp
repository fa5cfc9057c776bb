#include "ReportPdf.h"

#include "PdfDocument.h"
#include "common/Version.h"
#include "dicom/DicomText.h"

#include <QDateTime>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace telerad {
namespace {

bool french(const ReportDocumentInfo& report) { return report.content.language == QLatin1String("fr"); }

// Patient and study attributes the PDF instance shares with its SR (Patient, General Study).
const DcmTagKey kSharedTags[] = {DCM_SpecificCharacterSet, DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate, DCM_PatientSex,
                                 DCM_StudyInstanceUID, DCM_StudyDate, DCM_StudyTime, DCM_ReferringPhysicianName, DCM_StudyID,
                                 DCM_AccessionNumber, DCM_StudyDescription};

Status put(DcmDataset& dataset, const DcmTagKey& tag, const QString& value) {
    if (OFCondition c = dataset.putAndInsertOFStringArray(tag, value.toUtf8().constData()); c.bad())
        return failure(QStringLiteral("cannot write %1 into the PDF instance: %2")
                           .arg(QString::fromLatin1(DcmTag(tag).getTagName()), QString::fromLatin1(c.text())));
    return success();
}

QString newUid() {
    char uid[100];
    return QString::fromLatin1(dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
}

}  // namespace

QByteArray reportPdf(const ReportDocumentInfo& report, const QString& studyLine, const QString& signedBy) {
    PdfDocument pdf;
    pdf.add(PdfDocument::Style::Title, report.content.title);
    pdf.add(PdfDocument::Style::Body, QStringLiteral("%1 %2 (ID %3)").arg(french(report) ? QStringLiteral("Patient :") : QStringLiteral("Patient:"),
                                                                        displayPersonName(report.patientName), report.patientId));
    pdf.add(PdfDocument::Style::Body, studyLine);
    if (report.content.critical)
        pdf.add(PdfDocument::Style::Alert, french(report) ? QStringLiteral("RÉSULTAT CRITIQUE : accusé de réception demandé")
                                                          : QStringLiteral("CRITICAL FINDING: acknowledgement required"));
    for (const ReportSection& section : report.content.sections) {
        pdf.add(PdfDocument::Style::Heading, sectionHeading(section.key, report.content.language));
        pdf.add(PdfDocument::Style::Body, section.text);
    }
    pdf.add(PdfDocument::Style::Heading, QString());
    pdf.add(PdfDocument::Style::Body, (french(report) ? QStringLiteral("Compte rendu de %1, %2") : QStringLiteral("Report by %1, %2"))
                                          .arg(displayPersonName(report.content.author), report.contentDateTime));
    const QString signature = signedBy.isEmpty()
                                  ? (french(report) ? QStringLiteral("BROUILLON non signé") : QStringLiteral("UNSIGNED DRAFT"))
                                  : (french(report) ? QStringLiteral("Signé électroniquement par %1") : QStringLiteral("Digitally signed by %1"))
                                        .arg(signedBy);
    pdf.setFooter(QStringLiteral("%1 - SR %2 - Telerad %3").arg(signature, report.self.sopInstanceUid, QString::fromLatin1(kVersion)));
    return pdf.toPdf();
}

Result<std::unique_ptr<DcmDataset>> encapsulatePdf(const QByteArray& pdf, DcmDataset& report, const QString& title) {
    auto dataset = std::make_unique<DcmDataset>();
    for (const DcmTagKey& tag : kSharedTags) {
        DcmElement* element = nullptr;
        if (report.findAndGetElement(tag, element).good() && element)
            dataset->insert(static_cast<DcmElement*>(element->clone()), true);
        else
            dataset->insertEmptyElement(tag);  // type 2 attributes stay present, empty
    }
    const QDateTime now = QDateTime::currentDateTime();
    const QString date = now.toString(QStringLiteral("yyyyMMdd")), time = now.toString(QStringLiteral("HHmmss"));
    const QString sourceClass = dicomText(report, DCM_SOPClassUID), sourceInstance = dicomText(report, DCM_SOPInstanceUID);
    for (const auto& [tag, value] : {std::pair{DCM_SOPClassUID, QString::fromLatin1(UID_EncapsulatedPDFStorage)},
                                     std::pair{DCM_SOPInstanceUID, newUid()}, std::pair{DCM_SeriesInstanceUID, newUid()},
                                     std::pair{DCM_Modality, QStringLiteral("DOC")}, std::pair{DCM_SeriesNumber, QStringLiteral("9001")},
                                     std::pair{DCM_InstanceNumber, QStringLiteral("1")}, std::pair{DCM_Manufacturer, QStringLiteral("Telerad")},
                                     std::pair{DCM_ConversionType, QStringLiteral("WSD")}, std::pair{DCM_ContentDate, date},
                                     std::pair{DCM_ContentTime, time}, std::pair{DCM_AcquisitionDateTime, date + time},
                                     std::pair{DCM_InstanceCreationDate, date}, std::pair{DCM_InstanceCreationTime, time},
                                     std::pair{DCM_BurnedInAnnotation, QStringLiteral("YES")}, std::pair{DCM_DocumentTitle, title},
                                     std::pair{DCM_SeriesDescription, title},
                                     std::pair{DCM_MIMETypeOfEncapsulatedDocument, QStringLiteral("application/pdf")}})
        if (Status s = put(*dataset, tag, value); !s.ok()) return failure(s.error());
    dataset->insertEmptyElement(DCM_ConceptNameCodeSequence);
    DcmItem* source = nullptr;
    dataset->findOrCreateSequenceItem(DCM_SourceInstanceSequence, source, -2);
    if (source) {
        source->putAndInsertString(DCM_ReferencedSOPClassUID, sourceClass.toLatin1().constData());
        source->putAndInsertString(DCM_ReferencedSOPInstanceUID, sourceInstance.toLatin1().constData());
    }
    QByteArray document = pdf;
    if (document.size() % 2) document.append('\0');  // OB values have even length
    if (OFCondition c = dataset->putAndInsertUint8Array(DCM_EncapsulatedDocument, reinterpret_cast<const Uint8*>(document.constData()),
                                                        static_cast<unsigned long>(document.size()));
        c.bad())
        return failure(QStringLiteral("cannot encapsulate the PDF: %1").arg(QString::fromLatin1(c.text())));
    dataset->putAndInsertUint32(DCM_EncapsulatedDocumentLength, static_cast<Uint32>(pdf.size()));
    return dataset;
}

}  // namespace telerad
