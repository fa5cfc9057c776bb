#pragma once
// The Reading dock: the worklist of requests to read (urgency, time left, overdue in red),
// the requests this site sent with their state, and the reports with their signature
// status (an unacknowledged critical finding stays highlighted). Filter, sort, claim, open.

#include "ReadingService.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace telerad {

class ReadingPanel : public QWidget {
    Q_OBJECT
public:
    ReadingPanel(ReadingService* service, QWidget* parent = nullptr);

    QTableWidget* worklistTable() const { return m_worklist; }
    QTableWidget* requestsTable() const { return m_requests; }
    QTableWidget* reportsTable() const { return m_reports; }
    QTabWidget* tabs() const { return m_tabs; }
    /// The person using the workstation (the OS user until issue 8 brings accounts).
    static QString currentUser();

signals:
    void openStudyRequested(const QString& studyUid);
    void writeReportRequested(const QString& studyUid, const QString& patient, const QString& modality);
    void viewReportRequested(const QString& reportUid);

private:
    QWidget* makeWorklistTab();
    QWidget* makeReportsTab();
    void showWorklist(const QList<RequestRecord>& entries);
    void showRequests(const QList<RequestRecord>& requests);
    void showReports(const QList<ReportListing>& reports);
    void applyFilter();
    QString selectedKey(QTableWidget* table) const;
    void claimSelected();
    void writeReportForSelected();
    void acknowledgeSelected();

    ReadingService* m_service;
    QTabWidget* m_tabs;
    QLineEdit* m_filter;
    QComboBox* m_urgencyFilter;
    QTableWidget* m_worklist = nullptr;
    QTableWidget* m_requests = nullptr;
    QTableWidget* m_reports = nullptr;
    QLabel* m_message;
    QTimer* m_clock;  // time left moves on even when nothing arrives
};

}  // namespace telerad
