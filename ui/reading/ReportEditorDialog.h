#pragma once
// The report editor: a template per modality and region (French or English), one field per
// section, the critical-finding flag, and "Sign and send" with the radiologist's PKCS#12
// certificate (passphrase asked then, never stored). What is typed is saved every two
// seconds to <data folder>/reports/autosave/<study>.json, so a crash loses at most that;
// reopening the study's editor brings it back.

#include "ReadingService.h"

#include <QDialog>

#include <functional>
#include <map>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;

namespace telerad {

class ReportEditorDialog : public QDialog {
    Q_OBJECT
public:
    ReportEditorDialog(ReadingService* service, QString dataFolderRoot, QString studyUid, const QString& patient,
                       const QString& modality, QWidget* parent = nullptr);

    QComboBox* templateBox() const { return m_template; }
    QPlainTextEdit* sectionEdit(SectionKey key) const { return m_sections.at(key); }
    QCheckBox* criticalBox() const { return m_critical; }
    QLineEdit* certificateEdit() const { return m_certificate; }
    QString autosavePath() const;
    /// The report text as composeReport reads it: one heading line per section.
    QString composedText() const;
    /// Signs with `passphrase` without asking (tests, and the button after asking).
    void signAndSend(const QByteArray& passphrase);
    void saveDraft();
    /// Where "Insert measurements and key images" takes its lines from (the viewer, when
    /// it shows this study; empty otherwise).
    void setFindingsSource(std::function<QStringList()> source) { m_findingsSource = std::move(source); }
    void insertViewerFindings();

signals:
    void finished(const QString& reportUid, const QString& message);

private:
    void applyTemplate();
    void scheduleAutosave();
    void autosave();
    void restoreAutosave();
    void askPassphraseAndSign();
    void chooseCertificate();
    void onReportFinished(const QString& uid, bool isSigned, const QString& message);

    ReadingService* m_service;
    QString m_root, m_studyUid;
    QComboBox* m_template;
    QLineEdit* m_author;
    std::map<SectionKey, QPlainTextEdit*> m_sections;
    std::map<SectionKey, QLabel*> m_headings;
    QCheckBox* m_critical;
    QLineEdit* m_certificate;
    QLabel* m_status;
    QTimer* m_autosave;
    bool m_touched = false;  // typed in: a template change no longer overwrites the fields
    std::function<QStringList()> m_findingsSource;
};

}  // namespace telerad
