#pragma once
// What a radiologist writes: a report's sections as text, in French or English, started
// from a template per modality and region. Independent of DICOM: StructuredReport turns it
// into an SR document and back, PdfDocument into a PDF.

#include "common/Result.h"

#include <QString>

#include <vector>

namespace telerad {

/// The sections of a diagnostic imaging report, in reading order.
enum class SectionKey { Indication, Technique, Comparison, Findings, Conclusion, Addendum };
const std::vector<SectionKey>& allSections();
QString sectionId(SectionKey key);  ///< indication, technique, ... (templates, text files, JSON)
/// The heading a reader sees, in `language` ("fr" or "en"; English otherwise).
QString sectionHeading(SectionKey key, const QString& language);

struct ReportSection {
    SectionKey key;
    QString text;
};

struct ReportContent {
    QString title;     ///< e.g. "CT chest" / "Scanner thoracique"
    QString language;  ///< "fr" or "en"
    std::vector<ReportSection> sections;  ///< only those with text, in reading order
    bool critical = false;  ///< contains a critical finding: the requester must acknowledge it
    QString author;         ///< DICOM person name, "FAMILY^GIVEN"

    QString text(SectionKey key) const;  ///< empty when the section is absent
    void setText(SectionKey key, const QString& text);  ///< empty text removes the section
};

struct ReportTemplate {
    QString name;      ///< e.g. ct-chest-fr
    QString language, modality, region, title;
    std::vector<ReportSection> defaults;  ///< prefilled text (technique, normal findings...)
};

/// Every template shipped with Telerad (a resource), sorted by name.
const std::vector<ReportTemplate>& reportTemplates();
Result<ReportTemplate> findTemplate(const QString& name);

/// A report from `templateName` and the radiologist's `text`. In the text, a line holding
/// only a section heading (in either language, or its id; "#" before and ":" after are
/// allowed) starts that section; text before any heading is the findings. Sections the text
/// leaves out keep the template's default.
Result<ReportContent> composeReport(const QString& templateName, const QString& text);

/// The report as plain text, headings in its language (drafts, previews, dumps).
QString plainText(const ReportContent& report);

}  // namespace telerad
