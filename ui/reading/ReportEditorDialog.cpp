#include "ReportEditorDialog.h"

#include "ReadingPanel.h"
#include "common/AtomicFile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace telerad {
namespace {

const std::vector<SectionKey> kEditedSections = {SectionKey::Indication, SectionKey::Technique, SectionKey::Comparison,
                                                 SectionKey::Findings, SectionKey::Conclusion};

QString languageOf(const QString& templateName) {
    auto t = findTemplate(templateName);
    return t.ok() ? t->language : QStringLiteral("en");
}

}  // namespace

ReportEditorDialog::ReportEditorDialog(ReadingService* service, QString dataFolderRoot, QString studyUid, const QString& patient,
                                       const QString& modality, QWidget* parent)
    : QDialog(parent), m_service(service), m_root(std::move(dataFolderRoot)), m_studyUid(std::move(studyUid)),
      m_template(new QComboBox(this)), m_author(new QLineEdit(this)), m_critical(new QCheckBox(tr("Critical finding: the requesting site must acknowledge it"), this)),
      m_certificate(new QLineEdit(this)), m_status(new QLabel(this)), m_autosave(new QTimer(this)) {
    setWindowTitle(tr("Report - %1").arg(patient));
    QSettings settings;
    const QString language = settings.value(QStringLiteral("reading/language"), QLocale().name().startsWith(QLatin1String("fr")) ? QStringLiteral("fr") : QStringLiteral("en")).toString();
    m_template->addItems(ReadingService::templateNamesFor(modality, language));
    m_author->setText(settings.value(QStringLiteral("reading/author"), ReadingPanel::currentUser()).toString());
    m_certificate->setText(settings.value(QStringLiteral("reading/p12")).toString());
    m_certificate->setPlaceholderText(tr("Your PKCS#12 certificate (.p12)"));
    auto* form = new QFormLayout;
    form->addRow(new QLabel(tr("Patient: <b>%1</b>").arg(patient.toHtmlEscaped()), this));
    form->addRow(tr("Template"), m_template);
    form->addRow(tr("Author"), m_author);
    for (SectionKey key : kEditedSections) {
        auto* edit = new QPlainTextEdit(this);
        edit->setObjectName(sectionId(key));
        edit->setMinimumHeight(key == SectionKey::Findings ? 140 : 48);
        m_sections[key] = edit;
        m_headings[key] = new QLabel(this);
        form->addRow(m_headings[key], edit);
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            m_touched = true;
            scheduleAutosave();
        });
    }
    form->addRow(m_critical);
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* certificateRow = new QHBoxLayout;
    certificateRow->addWidget(m_certificate, 1);
    certificateRow->addWidget(browse);
    form->addRow(tr("Signing certificate"), certificateRow);
    auto* buttons = new QDialogButtonBox(this);
    QPushButton* sign = buttons->addButton(tr("Sign and send..."), QDialogButtonBox::AcceptRole);
    QPushButton* draft = buttons->addButton(tr("Save draft"), QDialogButtonBox::ActionRole);
    QPushButton* insert = buttons->addButton(tr("Insert measurements and key images"), QDialogButtonBox::ActionRole);
    connect(insert, &QPushButton::clicked, this, &ReportEditorDialog::insertViewerFindings);
    buttons->addButton(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(2000);
    connect(m_autosave, &QTimer::timeout, this, &ReportEditorDialog::autosave);
    connect(m_template, &QComboBox::currentIndexChanged, this, &ReportEditorDialog::applyTemplate);
    connect(m_critical, &QCheckBox::toggled, this, &ReportEditorDialog::scheduleAutosave);
    connect(browse, &QPushButton::clicked, this, &ReportEditorDialog::chooseCertificate);
    connect(sign, &QPushButton::clicked, this, &ReportEditorDialog::askPassphraseAndSign);
    connect(draft, &QPushButton::clicked, this, &ReportEditorDialog::saveDraft);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(service, &ReadingService::reportFinished, this, &ReportEditorDialog::onReportFinished);
    connect(service, &ReadingService::failed, this, [this](const QString& error) { m_status->setText(tr("<font color=#b00000>%1</font>").arg(error.toHtmlEscaped())); });
    connect(service, &ReadingService::requestFound, this, [this](const QString& study, const RequestRecord& request) {
        if (study != m_studyUid || !m_sections[SectionKey::Indication]->toPlainText().isEmpty()) return;
        m_sections[SectionKey::Indication]->setPlainText(QStringList{request.request.indication, request.request.question}.join(QLatin1Char('\n')).trimmed());
    });
    applyTemplate();
    m_touched = false;
    restoreAutosave();
    service->lookUpRequest(m_studyUid);
    resize(720, 760);
}

QString ReportEditorDialog::autosavePath() const {
    return m_root + QStringLiteral("/reports/autosave/") + m_studyUid + QStringLiteral(".json");
}

void ReportEditorDialog::applyTemplate() {
    auto chosen = findTemplate(m_template->currentText());
    if (!chosen.ok()) return;
    for (SectionKey key : kEditedSections) m_headings[key]->setText(sectionHeading(key, chosen->language));
    if (m_touched) return;  // never overwrite what the radiologist typed
    ReportContent defaults;
    for (const ReportSection& s : chosen->defaults) defaults.setText(s.key, s.text);
    for (SectionKey key : kEditedSections)
        if (key != SectionKey::Indication) m_sections[key]->setPlainText(defaults.text(key));
    m_touched = false;
}

QString ReportEditorDialog::composedText() const {
    QStringList lines;
    for (SectionKey key : kEditedSections)
        if (const QString text = m_sections.at(key)->toPlainText().trimmed(); !text.isEmpty()) lines << sectionId(key) + QLatin1Char(':') << text;
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ReportEditorDialog::scheduleAutosave() { m_autosave->start(); }

void ReportEditorDialog::autosave() {
    QJsonObject state{{QStringLiteral("template"), m_template->currentText()}, {QStringLiteral("author"), m_author->text()},
                      {QStringLiteral("critical"), m_critical->isChecked()}};
    for (SectionKey key : kEditedSections) state.insert(sectionId(key), m_sections[key]->toPlainText());
    const QByteArray bytes = QJsonDocument(state).toJson();
    const QString path = autosavePath();
    (void)QtConcurrent::run([path, bytes] {  // a small file, but still not on the GUI thread
        QDir().mkpath(QFileInfo(path).path());
        (void)writeFileAtomically(path, bytes);
    });
    m_status->setText(tr("Saved on this computer at %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

void ReportEditorDialog::restoreAutosave() {
    auto* watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QJsonObject state = QJsonDocument::fromJson(watcher->result()).object();
        if (state.isEmpty()) return;
        m_template->setCurrentText(state.value(QStringLiteral("template")).toString());
        m_author->setText(state.value(QStringLiteral("author")).toString());
        m_critical->setChecked(state.value(QStringLiteral("critical")).toBool());
        for (SectionKey key : kEditedSections) m_sections[key]->setPlainText(state.value(sectionId(key)).toString());
        m_touched = true;
        m_status->setText(tr("Unsigned text from an earlier session was restored."));
    });
    const QString path = autosavePath();
    watcher->setFuture(QtConcurrent::run([path] {
        auto bytes = readWholeFile(path);
        return bytes.ok() ? bytes.value() : QByteArray();
    }));
}

void ReportEditorDialog::chooseCertificate() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Signing certificate"), m_certificate->text(),
                                                      tr("PKCS#12 (*.p12 *.pfx);;All files (*)"));
    if (!file.isEmpty()) m_certificate->setText(file);
}

void ReportEditorDialog::askPassphraseAndSign() {
    if (m_certificate->text().isEmpty()) return chooseCertificate();
    bool ok = false;
    const QString passphrase = QInputDialog::getText(this, tr("Sign the report"), tr("Passphrase of %1:").arg(QFileInfo(m_certificate->text()).fileName()),
                                                     QLineEdit::Password, QString(), &ok);
    if (ok) signAndSend(passphrase.toUtf8());
}

void ReportEditorDialog::signAndSend(const QByteArray& passphrase) {
    QSettings settings;
    settings.setValue(QStringLiteral("reading/author"), m_author->text());
    settings.setValue(QStringLiteral("reading/p12"), m_certificate->text());
    settings.setValue(QStringLiteral("reading/language"), languageOf(m_template->currentText()));
    m_status->setText(tr("Signing..."));
    m_service->finishReport(m_studyUid, m_template->currentText(), composedText(), m_author->text(), m_critical->isChecked(),
                            m_certificate->text(), passphrase, {});
}

void ReportEditorDialog::insertViewerFindings() {
    const QStringList lines = m_findingsSource ? m_findingsSource() : QStringList();
    if (lines.isEmpty())
        return m_status->setText(tr("Open this study's images, measure (D) or mark key images (K), then insert them."));
    QPlainTextEdit* findings = m_sections[SectionKey::Findings];
    findings->appendPlainText(lines.join(QLatin1Char('\n')));
    m_status->setText(tr("%n line(s) inserted from the viewer", nullptr, static_cast<int>(lines.size())));
}

void ReportEditorDialog::saveDraft() {
    m_service->finishReport(m_studyUid, m_template->currentText(), composedText(), m_author->text(), m_critical->isChecked(), {}, {}, {});
}

void ReportEditorDialog::onReportFinished(const QString& uid, bool isSigned, const QString& message) {
    m_status->setText(message);
    emit finished(uid, message);
    if (!isSigned) return;
    const QString path = autosavePath();
    (void)QtConcurrent::run([path] { QFile::remove(path); });  // signed: nothing left to restore
}

}  // namespace telerad
