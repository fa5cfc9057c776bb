// Report text, templates, the PDF writer and the read request's attributes, without a network.

#include "TestSupport.h"
#include "report/PdfDocument.h"
#include "report/ReadRequest.h"
#include "report/ReportContent.h"
#include "report/ReportSignature.h"

#include <QRegularExpression>
#include <QTest>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

using namespace telerad;

class ReportContentTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void everyTemplateHasBothLanguagesAndATechnique() {
        QStringList names;
        for (const ReportTemplate& t : reportTemplates()) {
            names << t.name;
            QVERIFY2(t.language == QLatin1String("fr") || t.language == QLatin1String("en"), qPrintable(t.name));
            QVERIFY2(t.name.endsWith(QLatin1Char('-') + t.language), qPrintable(t.name));
            QVERIFY(!t.title.isEmpty());
        }
        for (const QString& name : names) {
            const QString other = name.endsWith(QLatin1String("-fr")) ? name.chopped(3) + QStringLiteral("-en") : name.chopped(3) + QStringLiteral("-fr");
            QVERIFY2(names.contains(other), qPrintable(name + QStringLiteral(" has no twin in the other language")));
        }
        QVERIFY(findTemplate(QStringLiteral("ct-chest-fr"))->defaults.size() >= 3);
    }

    void headingsInEitherLanguageStartSections() {
        auto report = composeReport(QStringLiteral("ct-chest-en"),
                                    QStringLiteral("Nodule of 6 mm in the right upper lobe.\n# Comparaison :\nCT of 2025-03-01.\n"
                                                   "CONCLUSION: Stable nodule.\n"));
        QVERIFY(report.ok());
        QCOMPARE(report->language, QStringLiteral("en"));
        QCOMPARE(report->text(SectionKey::Findings), QStringLiteral("Nodule of 6 mm in the right upper lobe."));
        QCOMPARE(report->text(SectionKey::Comparison), QStringLiteral("CT of 2025-03-01."));
        QCOMPARE(report->text(SectionKey::Conclusion), QStringLiteral("Stable nodule."));
        QVERIFY2(report->text(SectionKey::Technique).startsWith(QStringLiteral("Helical")), "the template's technique stays");
        QVERIFY(report->text(SectionKey::Indication).isEmpty());
        // "Lungs: clear" is a line of findings, not a heading.
        auto lines = composeReport(QStringLiteral("ct-chest-en"), QStringLiteral("Findings:\nLungs: clear.\nPleura: dry.\n"));
        QCOMPARE(lines->text(SectionKey::Findings), QStringLiteral("Lungs: clear.\nPleura: dry."));
    }

    void sectionsComeInReadingOrder() {
        auto report = composeReport(QStringLiteral("generic-fr"), QStringLiteral("Conclusion : normal\nIndication : douleur\nRésultats :\nRAS\n"));
        QVERIFY(report.ok());
        QStringList order;
        for (const ReportSection& s : report->sections) order << sectionId(s.key);
        QCOMPARE(order, (QStringList{QStringLiteral("indication"), QStringLiteral("comparison"), QStringLiteral("findings"), QStringLiteral("conclusion")}));
        QVERIFY(plainText(report.value()).contains(QStringLiteral("Résultats:\nRAS")));
    }

    void badInputIsRefusedInWords() {
        auto unknown = composeReport(QStringLiteral("ct-knee-xx"), QStringLiteral("text"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QStringLiteral("ct-chest-fr")), "the error lists the templates there are");
        auto empty = composeReport(QStringLiteral("generic-en"), QStringLiteral("Technique: plain film\n"));
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().contains(QStringLiteral("neither findings nor a conclusion")));
    }

    void certificateNamesBecomePersonNames() {
        const auto person = [](const QString& cn) { return SigningIdentity{{}, {}, cn, {}}.personName(); };
        QCOMPARE(person(QStringLiteral("Dr Marie Curie")), QStringLiteral("Curie^Marie^^Dr"));
        QCOMPARE(person(QStringLiteral("Jean-Pierre de la Tour")), QStringLiteral("Tour^Jean-Pierre de la"));
        QCOMPARE(person(QStringLiteral("Curie")), QStringLiteral("Curie"));
        QCOMPARE(person(QStringLiteral("Curie^Marie")), QStringLiteral("Curie^Marie"));
    }

    void aReadRequestSurvivesItsAttributes() {
        DcmDataset dataset;
        const ReadRequest request{QStringLiteral("Douleur thoracique aiguë"), QStringLiteral("Embolie ?"), Urgency::Urgent,
                                  QStringLiteral("Dupont^Jean"), QStringLiteral("+33 1 23"), QStringLiteral("CLINIQUE"), QStringLiteral("CLIN_PACS")};
        QVERIFY(writeReadRequest(request, dataset).ok());
        const auto back = readReadRequest(dataset);
        QVERIFY(back.has_value());
        QCOMPARE(back->indication, request.indication);
        QCOMPARE(back->question, request.question);
        QCOMPARE(back->urgency, Urgency::Urgent);
        QCOMPARE(back->physician, request.physician);
        QCOMPARE(back->phone, request.phone);
        QCOMPARE(back->requestingSite, request.requestingSite);
        QCOMPARE(back->replyToAe, request.replyToAe);
        OFString priority;
        QVERIFY(dataset.findAndGetOFString(DCM_RequestedProcedurePriority, priority).good());
        QCOMPARE(QString::fromLatin1(priority.c_str()), QStringLiteral("HIGH"));  // a defined term a PACS understands
        DcmDataset plain;
        QVERIFY(!readReadRequest(plain).has_value());
    }

    void thePdfIsWellFormedAndPaged() {
        PdfDocument pdf;
        pdf.add(PdfDocument::Style::Title, QStringLiteral("Scanner thoracique"));
        for (int i = 0; i < 120; ++i)
            pdf.add(PdfDocument::Style::Body, QStringLiteral("Ligne %1 : cœur, poumons, médiastin — sans particularité, « normal ».").arg(i));
        pdf.setFooter(QStringLiteral("Signé électroniquement"));
        const QByteArray bytes = pdf.toPdf();
        QVERIFY(bytes.startsWith("%PDF-1.4"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        QVERIFY2(bytes.contains("/Count 3 >>"), "120 lines at 14 pt take three A4 pages");
        // Every cross-reference offset points at its object, as readers require.
        const qsizetype startxref = bytes.lastIndexOf("startxref");
        const qsizetype xref = bytes.mid(startxref + 10).split('\n').first().toLongLong();
        QVERIFY(bytes.mid(xref, 4) == "xref");
        const QList<QByteArray> lines = bytes.mid(xref).split('\n');
        const int count = lines[1].split(' ')[1].toInt();
        for (int object = 1; object < count; ++object) {
            const qsizetype offset = lines[2 + object].left(10).toLongLong();
            QVERIFY2(bytes.mid(offset).startsWith(QByteArray::number(object) + " 0 obj"), qPrintable(QString::number(object)));
        }
        QVERIFY2(bytes.contains("c\x9Cur"), "oe ligature in WinAnsi");
        QVERIFY(bytes.contains("m\xE9" "diastin"));
    }

    void longLinesWrapInsideTheMargins() {
        PdfDocument pdf;
        pdf.add(PdfDocument::Style::Body, QString(QStringLiteral("mot ")).repeated(200));
        const QByteArray bytes = pdf.toPdf();
        const auto lines = QRegularExpression(QStringLiteral("\\((mot[ a-z]*)\\) Tj")).globalMatch(QString::fromLatin1(bytes));
        QList<int> words;
        for (auto it = lines; it.hasNext();) words << static_cast<int>(it.next().captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
        // "mot " is 833+556+278+278 = 1945/1000 em, 20.4 pt at 10.5 pt: 23 fit in 483 pt, 24 do not.
        QCOMPARE(words.first(), 23);
        for (int n : words) QVERIFY(n <= 23);
        const int count = static_cast<int>(words.size());
        QCOMPARE(count, 9);  // 200 words, 23 a line
    }
};

QTEST_GUILESS_MAIN(ReportContentTest)
#include "tst_report_content.moc"
