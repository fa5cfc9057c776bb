#include "ReadingPanel.h"

#include "dicom/DicomText.h"
#include "network/ListTable.h"
#include "security/AuditTrail.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <map>

namespace telerad {
namespace {

constexpr int kKeyRole = Qt::UserRole;       // study or report UID, on each row's first cell
constexpr int kSortRole = Qt::UserRole + 1;  // what a column sorts by when its text would not

/// A cell that sorts by kSortRole (seconds left, urgency rank) instead of its text.
class SortableItem : public QTableWidgetItem {
public:
    SortableItem(const QString& text, qint64 sortKey) : QTableWidgetItem(text) { setData(kSortRole, sortKey); }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(kSortRole).toLongLong() < other.data(kSortRole).toLongLong();
    }
};

QString urgencyLabel(Urgency urgency) {
    switch (urgency) {
    case Urgency::Emergency: return ReadingPanel::tr("Emergency");
    case Urgency::Urgent: return ReadingPanel::tr("Urgent");
    case Urgency::Routine: break;
    }
    return ReadingPanel::tr("Routine");
}

// The reading desk keeps states as fixed English words (in its database and in what
// telerad-cli prints); shown in the interface's language.
QString stateLabel(const QString& state) {
    static const std::map<QString, const char*> labels{
        {QStringLiteral("new"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "new")},
        {QStringLiteral("in reading"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "in reading")},
        {QStringLiteral("reported"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "reported")},
        {QStringLiteral("sent"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "sent")},
        {QStringLiteral("received"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "received")},
        {QStringLiteral("report received"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "report received")},
        {QStringLiteral("report verified"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "report verified")},
        {QStringLiteral("draft"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "draft")},
        {QStringLiteral("signed"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "signed")},
        {QStringLiteral("delivered"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "delivered")},
        {QStringLiteral("acknowledged"), QT_TRANSLATE_NOOP("telerad::ReadingPanel", "acknowledged")}};
    const auto found = labels.find(state);
    return found == labels.end() ? state : ReadingPanel::tr(found->second);
}

QColor urgencyColour(Urgency urgency) {
    switch (urgency) {
    case Urgency::Emergency: return QColor(190, 0, 0);
    case Urgency::Urgent: return QColor(200, 110, 0);
    case Urgency::Routine: break;
    }
    return QColor();
}

QString timeLeftText(qint64 seconds) {
    const qint64 minutes = std::abs(seconds) / 60;
    const QString span = minutes >= 60 ? ReadingPanel::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'))
                                       : ReadingPanel::tr("%1 min").arg(minutes);
    return seconds < 0 ? ReadingPanel::tr("OVERDUE by %1").arg(span) : span;
}

QString localTime(const QDateTime& utc) { return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")); }

/// Fills `table` with `rows` (the first cell of each row carries `keys[i]`), sorting off
/// while it fills so rows stay whole.
void fillTable(QTableWidget* table, const QList<QList<QTableWidgetItem*>>& rows, const QStringList& keys) {
    table->setSortingEnabled(false);
    table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows[r].size(); ++c) table->setItem(r, c, rows[r][c]);
        table->item(r, 0)->setData(kKeyRole, keys[r]);
    }
    table->setSortingEnabled(true);
    table->resizeColumnsToContents();
}

QTableWidgetItem* cell(const QString& text) { return new QTableWidgetItem(text); }

QColor signatureColour(SignatureState state) {
    switch (state) {
    case SignatureState::Valid: return QColor(0, 120, 0);
    case SignatureState::Invalid: return QColor(190, 0, 0);
    case SignatureState::Untrusted: return QColor(200, 110, 0);
    case SignatureState::Unsigned: break;
    }
    return QColor(110, 110, 110);
}

}  // namespace

ReadingPanel::ReadingPanel(ReadingService* service, QWidget* parent)
    : QWidget(parent), m_service(service), m_tabs(new QTabWidget(this)), m_filter(new QLineEdit(this)),
      m_urgencyFilter(new QComboBox(this)), m_message(new QLabel(this)), m_clock(new QTimer(this)) {
    m_filter->setPlaceholderText(tr("Filter: patient, ID, modality, site..."));
    m_filter->setClearButtonEnabled(true);
    m_urgencyFilter->addItems({tr("All urgencies"), tr("Emergency"), tr("Urgent"), tr("Routine")});
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_urgencyFilter);
    m_requests = makeListTable({tr("Patient"), tr("ID"), tr("Reading site"), tr("Urgency"), tr("State"), tr("Sent")}, this);
    m_tabs->addTab(makeWorklistTab(), tr("Worklist"));
    m_tabs->addTab(m_requests, tr("Requests sent"));
    m_tabs->addTab(makeReportsTab(), tr("Reports"));
    m_message->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    connect(m_filter, &QLineEdit::textChanged, this, &ReadingPanel::applyFilter);
    connect(m_urgencyFilter, &QComboBox::currentIndexChanged, this, &ReadingPanel::applyFilter);
    connect(service, &ReadingService::worklistListed, this, &ReadingPanel::showWorklist);
    connect(service, &ReadingService::requestsListed, this, &ReadingPanel::showRequests);
    connect(service, &ReadingService::reportsListed, this, &ReadingPanel::showReports);
    connect(service, &ReadingService::done, m_message, &QLabel::setText);
    connect(service, &ReadingService::failed, m_message, [this](const QString& error) { m_message->setText(tr("Problem: %1").arg(error)); });
    m_clock->setInterval(30000);
    connect(m_clock, &QTimer::timeout, service, &ReadingService::refresh);
    m_clock->start();
    service->refresh();
}

// The signed-in account, or the system user on a workstation without accounts.
QString ReadingPanel::currentUser() { return auditActor().user; }

QWidget* ReadingPanel::makeWorklistTab() {
    auto* tab = new QWidget(this);
    m_worklist = makeListTable({tr("Urgency"), tr("Time left"), tr("Patient"), tr("ID"), tr("Modality"), tr("Body part"),
                                tr("Requesting site"), tr("Received"), tr("State"), tr("Claimed by"), tr("Indication")}, tab);
    auto* claim = new QPushButton(tr("Claim"), tab);
    auto* open = new QPushButton(tr("Open images"), tab);
    auto* write = new QPushButton(tr("Write report..."), tab);
    claim->setObjectName(QStringLiteral("claimButton"));
    write->setObjectName(QStringLiteral("writeReportButton"));
    connect(claim, &QPushButton::clicked, this, &ReadingPanel::claimSelected);
    connect(open, &QPushButton::clicked, this, [this] {
        if (const QString study = selectedKey(m_worklist); !study.isEmpty()) emit openStudyRequested(study);
    });
    connect(write, &QPushButton::clicked, this, &ReadingPanel::writeReportForSelected);
    connect(m_worklist, &QTableWidget::cellDoubleClicked, this, [this] {
        if (const QString study = selectedKey(m_worklist); !study.isEmpty()) emit openStudyRequested(study);
    });
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {claim, open, write}) buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_worklist, 1);
    layout->addLayout(buttons);
    return tab;
}

QWidget* ReadingPanel::makeReportsTab() {
    auto* tab = new QWidget(this);
    m_reports = makeListTable({tr("Patient"), tr("Title"), tr("Origin"), tr("State"), tr("Signature"), tr("Critical"), tr("Author"),
                               tr("Date")}, tab);
    auto* view = new QPushButton(tr("View..."), tab);
    auto* acknowledge = new QPushButton(tr("Acknowledge critical finding"), tab);
    acknowledge->setObjectName(QStringLiteral("acknowledgeButton"));
    connect(view, &QPushButton::clicked, this, [this] {
        if (const QString uid = selectedKey(m_reports); !uid.isEmpty()) emit viewReportRequested(uid);
    });
    connect(m_reports, &QTableWidget::cellDoubleClicked, this, [this] {
        if (const QString uid = selectedKey(m_reports); !uid.isEmpty()) emit viewReportRequested(uid);
    });
    connect(acknowledge, &QPushButton::clicked, this, &ReadingPanel::acknowledgeSelected);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(view);
    buttons->addWidget(acknowledge);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_reports, 1);
    layout->addLayout(buttons);
    return tab;
}

void ReadingPanel::showWorklist(const QList<RequestRecord>& entries) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QList<QTableWidgetItem*>> rows;
    QStringList keys;
    for (const RequestRecord& r : entries) {
        auto* urgency = new SortableItem(urgencyLabel(r.request.urgency), -static_cast<int>(r.request.urgency));
        urgency->setForeground(urgencyColour(r.request.urgency));
        const qint64 left = r.secondsLeft(now);
        auto* timeLeft = new SortableItem(timeLeftText(left), left);
        if (left < 0) {
            timeLeft->setForeground(QColor(190, 0, 0));
            QFont bold = timeLeft->font();
            bold.setBold(true);
            timeLeft->setFont(bold);
        }
        rows << QList<QTableWidgetItem*>{urgency, timeLeft, cell(displayPersonName(r.patientName)), cell(r.patientId), cell(r.modality),
                                         cell(r.bodyPart), cell(r.request.requestingSite.isEmpty() ? r.node : r.request.requestingSite),
                                         cell(localTime(r.createdAt)), cell(stateLabel(r.state)), cell(displayPersonName(r.claimedBy)),
                                         cell(r.request.indication)};
        keys << r.studyUid;
    }
    fillTable(m_worklist, rows, keys);
    m_worklist->sortItems(1);  // most urgent deadline first
    m_tabs->setTabText(0, entries.isEmpty() ? tr("Worklist") : tr("Worklist (%1)").arg(entries.size()));
    applyFilter();
}

void ReadingPanel::showRequests(const QList<RequestRecord>& requests) {
    QList<QList<QTableWidgetItem*>> rows;
    QStringList keys;
    for (const RequestRecord& r : requests) {
        rows << QList<QTableWidgetItem*>{cell(displayPersonName(r.patientName)), cell(r.patientId), cell(r.node),
                                         cell(urgencyLabel(r.request.urgency)), cell(stateLabel(r.state)), cell(localTime(r.createdAt))};
        if (r.state == QLatin1String("report verified")) rows.back()[4]->setForeground(QColor(0, 120, 0));
        keys << r.studyUid;
    }
    fillTable(m_requests, rows, keys);
    applyFilter();
}

void ReadingPanel::showReports(const QList<ReportListing>& reports) {
    QList<QList<QTableWidgetItem*>> rows;
    QStringList keys;
    int unacknowledged = 0;
    for (const ReportListing& listing : reports) {
        const ReportRecord& r = listing.record;
        const QString signature = r.state == QLatin1String("draft") ? tr("draft, unsigned") : signatureInWords(listing.signature);
        auto* signatureCell = cell(signature);
        signatureCell->setForeground(signatureColour(listing.signature.state));
        signatureCell->setToolTip(signature);
        rows << QList<QTableWidgetItem*>{cell(displayPersonName(listing.patientName)), cell(r.title),
                                         cell(r.authored ? tr("written here") : tr("received from %1").arg(r.peer)), cell(stateLabel(r.state)),
                                         signatureCell, cell(r.critical ? tr("CRITICAL") : QString()), cell(displayPersonName(r.author)),
                                         cell(localTime(r.signedAt.isValid() ? r.signedAt : r.createdAt))};
        if (r.critical && r.state != QLatin1String("acknowledged") && r.state != QLatin1String("draft")) {
            ++unacknowledged;
            for (QTableWidgetItem* item : rows.back()) item->setBackground(QColor(255, 215, 215));
        }
        keys << r.sopUid;
    }
    fillTable(m_reports, rows, keys);
    m_tabs->setTabText(2, unacknowledged ? tr("Reports (%1 critical unacknowledged)").arg(unacknowledged) : tr("Reports"));
    applyFilter();
}

void ReadingPanel::applyFilter() {
    const QString text = m_filter->text().trimmed();
    const int urgency = m_urgencyFilter->currentIndex();  // 0 all, then emergency, urgent, routine
    for (QTableWidget* table : {m_worklist, m_requests, m_reports}) {
        for (int r = 0; r < table->rowCount(); ++r) {
            bool match = text.isEmpty();
            for (int c = 0; c < table->columnCount() && !match; ++c)
                match = table->item(r, c) && table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
            if (table == m_worklist && urgency > 0)
                match = match && table->item(r, 0)->text() == m_urgencyFilter->itemText(urgency);
            table->setRowHidden(r, !match);
        }
    }
}

QString ReadingPanel::selectedKey(QTableWidget* table) const {
    const int row = table->currentRow();
    if (row < 0 || !table->item(row, 0)) {
        m_message->setText(tr("Select a row first."));
        return {};
    }
    return table->item(row, 0)->data(kKeyRole).toString();
}

void ReadingPanel::claimSelected() {
    if (const QString study = selectedKey(m_worklist); !study.isEmpty()) m_service->claim(study, currentUser());
}

void ReadingPanel::writeReportForSelected() {
    const QString study = selectedKey(m_worklist);
    if (study.isEmpty()) return;
    const int row = m_worklist->currentRow();
    emit writeReportRequested(study, m_worklist->item(row, 2)->text(), m_worklist->item(row, 4)->text());
}

void ReadingPanel::acknowledgeSelected() {
    if (const QString uid = selectedKey(m_reports); !uid.isEmpty()) m_service->acknowledge(uid, currentUser());
}

}  // namespace telerad
