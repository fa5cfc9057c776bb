#include "TransferMonitor.h"

#include "ListTable.h"
#include "NetworkService.h"
#include "net/NetworkErrors.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace telerad {

namespace {

constexpr int kMaxIncomingLines = 500;

QString stateInWords(JobState state) {
    switch (state) {
    case JobState::Queued: return TransferMonitor::tr("queued");
    case JobState::Running: return TransferMonitor::tr("sending");
    case JobState::Paused: return TransferMonitor::tr("paused");
    case JobState::Done: return TransferMonitor::tr("done");
    case JobState::Failed: return TransferMonitor::tr("FAILED");
    case JobState::Cancelled: return TransferMonitor::tr("cancelled");
    }
    return {};
}

QTableWidgetItem* cell(QTableWidget* table, int row, int column) {
    QTableWidgetItem* item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        table->setItem(row, column, item);
    }
    return item;
}

}  // namespace

QString formatDuration(double seconds) {
    const qint64 s = qMax<qint64>(0, qRound64(seconds));
    if (s < 60) return TransferMonitor::tr("%1 s").arg(s);
    if (s < 3600) return TransferMonitor::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return TransferMonitor::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

TransferMonitor::TransferMonitor(NetworkService* network, QWidget* parent) : QWidget(parent), m_network(network) {
    m_serviceState = new QLabel(tr("DICOM service: starting..."), this);
    m_serviceState->setObjectName(QStringLiteral("serviceState"));
    m_jobs = makeListTable({tr("Job"), tr("To"), tr("State"), tr("Progress"), tr("Instances"), tr("MB"), tr("MB/s"), tr("Time left"),
                            tr("Problem")}, this);
    m_jobs->setObjectName(QStringLiteral("transferJobs"));
    m_incoming = new QListWidget(this);
    m_incoming->setObjectName(QStringLiteral("incomingAssociations"));

    m_pause = new QPushButton(tr("Pause"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_retry = new QPushButton(tr("Retry"), this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_pause, m_cancel, m_retry}) buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_serviceState);

    auto* incoming = new QWidget(this);
    auto* incomingLayout = new QVBoxLayout(incoming);
    incomingLayout->setContentsMargins(0, 0, 0, 0);
    incomingLayout->addWidget(new QLabel(tr("Incoming associations"), incoming));
    incomingLayout->addWidget(m_incoming);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_jobs);
    split->addWidget(incoming);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(split);

    connect(m_pause, &QPushButton::clicked, this, [this] { m_network->pauseJob(selectedJob()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_network->cancelJob(selectedJob()); });
    connect(m_retry, &QPushButton::clicked, this, [this] { m_network->retryJob(selectedJob()); });
    connect(m_jobs, &QTableWidget::itemSelectionChanged, this, &TransferMonitor::updateButtons);
    connect(m_network, &NetworkService::jobsListed, this, &TransferMonitor::showJobs);
    connect(m_network, &NetworkService::incomingEvent, this, &TransferMonitor::addIncoming);
    connect(m_network, &NetworkService::serviceStateChanged, this, &TransferMonitor::showServiceState);
    // Jobs queued by telerad-cli or another window show up too.
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, m_network, &NetworkService::refreshJobs);
    poll->start(3000);
    updateButtons();
    m_network->refreshJobs();
}

QString TransferMonitor::serviceState() const { return m_serviceState->text(); }

int TransferMonitor::rowOfJob(qint64 id) const {
    for (int row = 0; row < m_jobs->rowCount(); ++row)
        if (m_jobs->item(row, kJob) && m_jobs->item(row, kJob)->data(Qt::UserRole).toLongLong() == id) return row;
    return -1;
}

void TransferMonitor::showJobs(const QList<JobInfo>& jobs) {
    for (const JobInfo& job : jobs) showJob(job);
    updateButtons();
}

// Smoothed MB/s while a job runs; once done, its average over the time we watched it (a
// radiologist checking a finished transfer still wants to know how fast the link was).
double TransferMonitor::rateOf(const JobInfo& job) {
    RateSample& sample = m_rates[job.id];
    if (job.state == JobState::Done && sample.watched.isValid() && sample.average == 0) {
        const double seconds = sample.watched.nsecsElapsed() / 1e9;
        sample.average = seconds > 0 ? (job.bytesSent - sample.bytesWhenFirstSeen) / seconds : 0;
    }
    if (job.state == JobState::Done) return sample.average;
    if (job.state != JobState::Running) return 0;
    if (!sample.clock.isValid()) {
        sample.clock.start();
        sample.watched.start();
        sample.bytes = sample.bytesWhenFirstSeen = job.bytesSent;
        return 0;
    }
    const double seconds = sample.clock.nsecsElapsed() / 1e9;
    if (seconds < 0.25) return sample.bytesPerSecond;  // too short to measure
    const double now = (job.bytesSent - sample.bytes) / seconds;
    sample.bytesPerSecond = sample.bytesPerSecond > 0 ? 0.7 * sample.bytesPerSecond + 0.3 * now : now;
    sample.bytes = job.bytesSent;
    sample.clock.restart();
    return sample.bytesPerSecond;
}

void TransferMonitor::showJob(const JobInfo& job) {
    int row = rowOfJob(job.id);
    if (row < 0) {
        row = 0;  // newest first
        m_jobs->insertRow(row);
        auto* bar = new QProgressBar(m_jobs);
        m_jobs->setCellWidget(row, kProgress, bar);
        cell(m_jobs, row, kJob)->setData(Qt::UserRole, job.id);
    }
    const double rate = rateOf(job);
    cell(m_jobs, row, kJob)->setText(QString::number(job.id));
    cell(m_jobs, row, kDestination)->setText(job.destination);
    cell(m_jobs, row, kState)->setText(stateInWords(job.state));
    auto* bar = static_cast<QProgressBar*>(m_jobs->cellWidget(row, kProgress));
    bar->setRange(0, qMax(1, job.total));
    bar->setValue(job.sent + job.failed);
    cell(m_jobs, row, kInstances)->setText(tr("%1 / %2").arg(job.sent).arg(job.total));
    cell(m_jobs, row, kMegabytes)->setText(tr("%1 / %2").arg(job.bytesSent / 1e6, 0, 'f', 1).arg(job.bytesTotal / 1e6, 0, 'f', 1));
    cell(m_jobs, row, kRate)->setText(rate > 0 ? QString::number(rate / 1e6, 'f', 1) : QString());
    const bool running = job.state == JobState::Running;
    cell(m_jobs, row, kEta)->setText(running && rate > 0 ? formatDuration((job.bytesTotal - job.bytesSent) / rate) : QString());
    const bool troubled = job.state == JobState::Failed || (!job.lastError.isEmpty() && job.state != JobState::Done);
    QTableWidgetItem* problem = cell(m_jobs, row, kProblem);
    problem->setText(troubled ? explainNetworkError(job.lastError) : QString());
    problem->setToolTip(troubled ? job.lastError : QString());
    problem->setForeground(job.state == JobState::Failed ? QBrush(Qt::red) : QBrush());
}

void TransferMonitor::addIncoming(const QString& text) {
    m_incoming->insertItem(0, QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
    if (text.startsWith(tr("REFUSED"))) m_incoming->item(0)->setForeground(Qt::red);
    while (m_incoming->count() > kMaxIncomingLines) delete m_incoming->takeItem(m_incoming->count() - 1);
}

void TransferMonitor::showServiceState(const QString& text, bool healthy) {
    m_serviceState->setText(text);
    m_serviceState->setStyleSheet(healthy ? QString() : QStringLiteral("color: #b00000"));
}

qint64 TransferMonitor::selectedJob() const {
    const QList<QTableWidgetItem*> selected = m_jobs->selectedItems();
    if (selected.isEmpty()) return 0;
    QTableWidgetItem* id = m_jobs->item(selected.front()->row(), kJob);
    return id ? id->data(Qt::UserRole).toLongLong() : 0;
}

void TransferMonitor::updateButtons() {
    const int row = selectedJob() ? rowOfJob(selectedJob()) : -1;
    const QString state = row >= 0 && m_jobs->item(row, kState) ? m_jobs->item(row, kState)->text() : QString();
    const bool active = state == stateInWords(JobState::Running) || state == stateInWords(JobState::Queued);
    m_pause->setEnabled(active);
    m_cancel->setEnabled(active || state == stateInWords(JobState::Paused));
    m_retry->setEnabled(row >= 0 && !active && state != stateInWords(JobState::Done));
}

}  // namespace telerad
