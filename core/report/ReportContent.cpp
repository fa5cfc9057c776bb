#include "ReportContent.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace telerad {
namespace {

struct SectionNames {
    SectionKey key;
    const char* id;
    const char* english;
    const char* french;
};

const SectionNames kSections[] = {
    {SectionKey::Indication, "indication", "Indication", "Indication"},
    {SectionKey::Technique, "technique", "Technique", "Technique"},
    {SectionKey::Comparison, "comparison", "Comparison", "Comparaison"},
    {SectionKey::Findings, "findings", "Findings", "Résultats"},
    {SectionKey::Conclusion, "conclusion", "Conclusion", "Conclusion"},
    {SectionKey::Addendum, "addendum", "Addendum", "Addendum"},
};

const SectionNames& namesOf(SectionKey key) {
    return *std::find_if(std::begin(kSections), std::end(kSections), [key](const SectionNames& n) { return n.key == key; });
}

std::vector<ReportTemplate> loadTemplates() {
    QFile file(QStringLiteral(":/telerad/core/report/report-templates.json"));
    if (!file.open(QIODevice::ReadOnly)) qFatal("report templates resource missing");  // a build error, not a user's
    std::vector<ReportTemplate> templates;
    const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("templates")).toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonObject o = entry.toObject();
        ReportTemplate t{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("language")).toString(),
                         o.value(QStringLiteral("modality")).toString(), o.value(QStringLiteral("region")).toString(),
                         o.value(QStringLiteral("title")).toString(), {}};
        const QJsonObject sections = o.value(QStringLiteral("sections")).toObject();
        for (SectionKey key : allSections())
            if (const QString text = sections.value(sectionId(key)).toString(); !text.isEmpty()) t.defaults.push_back({key, text});
        templates.push_back(std::move(t));
    }
    std::sort(templates.begin(), templates.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return templates;
}

/// The section a line of the radiologist's text announces, if it is a heading line; `rest`
/// gets what follows the colon on the same line ("Conclusion: normal study").
std::optional<SectionKey> headingOf(const QString& line, QString* rest) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*#*\\s*([^:#]+?)\\s*(:\\s*(.*))?$"));
    const QRegularExpressionMatch match = pattern.match(line);
    if (!match.hasMatch()) return std::nullopt;
    const QString word = match.captured(1);
    for (const SectionNames& n : kSections) {
        for (const QString& name : {QString::fromLatin1(n.id), QString::fromUtf8(n.english), QString::fromUtf8(n.french)}) {
            if (word.compare(name, Qt::CaseInsensitive) != 0) continue;
            *rest = match.captured(3).trimmed();
            return n.key;
        }
    }
    return std::nullopt;
}

}  // namespace

const std::vector<SectionKey>& allSections() {
    static const std::vector<SectionKey> keys = [] {
        std::vector<SectionKey> k;
        for (const SectionNames& n : kSections) k.push_back(n.key);
        return k;
    }();
    return keys;
}

QString sectionId(SectionKey key) { return QString::fromLatin1(namesOf(key).id); }

QString sectionHeading(SectionKey key, const QString& language) {
    return QString::fromUtf8(language == QLatin1String("fr") ? namesOf(key).french : namesOf(key).english);
}

QString ReportContent::text(SectionKey key) const {
    for (const ReportSection& s : sections)
        if (s.key == key) return s.text;
    return {};
}

void ReportContent::setText(SectionKey key, const QString& value) {
    std::erase_if(sections, [key](const ReportSection& s) { return s.key == key; });
    if (value.trimmed().isEmpty()) return;
    sections.push_back({key, value.trimmed()});
    std::stable_sort(sections.begin(), sections.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
}

const std::vector<ReportTemplate>& reportTemplates() {
    static const std::vector<ReportTemplate> templates = loadTemplates();
    return templates;
}

Result<ReportTemplate> findTemplate(const QString& name) {
    QStringList names;
    for (const ReportTemplate& t : reportTemplates()) {
        if (t.name == name) return t;
        names << t.name;
    }
    return failure(QStringLiteral("no report template named '%1' (there are: %2)").arg(name, names.join(QStringLiteral(", "))));
}

Result<ReportContent> composeReport(const QString& templateName, const QString& text) {
    auto base = findTemplate(templateName);
    if (!base.ok()) return failure(base.error());
    ReportContent report;
    report.title = base->title;
    report.language = base->language;
    for (const ReportSection& s : base->defaults) report.setText(s.key, s.text);
    std::optional<SectionKey> current;
    std::vector<std::pair<SectionKey, QStringList>> written;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        QString rest;
        if (const auto heading = headingOf(line, &rest)) {
            current = heading;
            written.push_back({*heading, rest.isEmpty() ? QStringList() : QStringList{rest}});
            continue;
        }
        if (!current) {
            current = SectionKey::Findings;
            written.push_back({SectionKey::Findings, {}});
        }
        written.back().second << line;
    }
    for (const auto& [key, lines] : written)
        if (const QString body = lines.join(QLatin1Char('\n')).trimmed(); !body.isEmpty()) report.setText(key, body);
    if (report.text(SectionKey::Findings).isEmpty() && report.text(SectionKey::Conclusion).isEmpty())
        return failure(QStringLiteral("the report has neither findings nor a conclusion"));
    return report;
}

QString plainText(const ReportContent& report) {
    QStringList lines{report.title, QString()};
    if (report.critical)
        lines << (report.language == QLatin1String("fr") ? QStringLiteral("RÉSULTAT CRITIQUE") : QStringLiteral("CRITICAL FINDING"))
              << QString();
    for (const ReportSection& s : report.sections) lines << sectionHeading(s.key, report.language) + QLatin1Char(':') << s.text << QString();
    return lines.join(QLatin1Char('\n')).trimmed() + QLatin1Char('\n');
}

}  // namespace telerad
