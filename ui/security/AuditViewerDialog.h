#pragma once
// Settings > Audit trail (administrators): the records filtered by patient, user, action
// and date, the chain's state, and an export as DICOM audit messages. Reading, checking
// and writing run off the GUI thread.

#include "security/AuditTrail.h"

#include <QDialog>
#include <QThreadPool>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace telerad {

class AuditViewerDialog : public QDialog {
    Q_OBJECT
public:
    explicit AuditViewerDialog(QString dataFolderRoot, QWidget* parent = nullptr);
    ~AuditViewerDialog() override;

    /// Lists the records the filters select (the Filter button); `listed` when shown.
    void refresh();
    /// Writes the listed records to `file` as DICOM audit messages; `exported` when done.
    void exportTo(const QString& file);

    QLineEdit* patientFilter() const { return m_patient; }
    QLineEdit* userFilter() const { return m_user; }
    QComboBox* actionFilter() const { return m_action; }
    QDateEdit* sinceFilter() const { return m_since; }
    QTableWidget* table() const { return m_table; }
    QLabel* stateLabel() const { return m_state; }

signals:
    void listed(int records);
    void exported(const QString& message);

private:
    AuditFilter filter() const;
    void showRecords(const QList<AuditRecord>& records, const QString& chain);
    void chooseExportFile();

    QString m_root;
    QLineEdit* m_patient;
    QLineEdit* m_user;
    QComboBox* m_action;
    QDateEdit* m_since;
    QTableWidget* m_table;
    QLabel* m_state;
    QList<AuditRecord> m_records;
    QThreadPool m_pool;  // one job at a time, joined when the dialog goes
};

}  // namespace telerad
