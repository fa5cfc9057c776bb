#pragma once
// The transfer monitor: every job of the queue with its progress (instances, MB, MB/s,
// ETA) and, when it failed, the reason in words; pause, cancel and retry; the DICOM
// service's state and its incoming associations, live.

#include "net/TransferQueue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace telerad {

class NetworkService;

class TransferMonitor : public QWidget {
    Q_OBJECT
public:
    explicit TransferMonitor(NetworkService* network, QWidget* parent = nullptr);

    QTableWidget* jobsTable() const { return m_jobs; }
    QListWidget* incomingList() const { return m_incoming; }
    QString serviceState() const;
    /// The row showing job `id`, -1 when it is not listed.
    int rowOfJob(qint64 id) const;

    enum Column { kJob, kDestination, kState, kProgress, kInstances, kMegabytes, kRate, kEta, kProblem };

private:
    void showJobs(const QList<JobInfo>& jobs);
    void showJob(const JobInfo& job);
    void addIncoming(const QString& text);
    void showServiceState(const QString& text, bool healthy);
    qint64 selectedJob() const;
    void updateButtons();

    /// Transfer rate of a running job, smoothed over its progress reports.
    struct RateSample {
        QElapsedTimer clock;  ///< since the last sample
        qint64 bytes = 0;
        double bytesPerSecond = 0;  ///< smoothed, while running
        QElapsedTimer watched;      ///< since first seen running
        qint64 bytesWhenFirstSeen = 0;
        double average = 0;  ///< over the time watched, frozen when the job is done
    };
    double rateOf(const JobInfo& job);

    NetworkService* m_network;
    QLabel* m_serviceState = nullptr;
    QTableWidget* m_jobs = nullptr;
    QListWidget* m_incoming = nullptr;
    QPushButton *m_pause = nullptr, *m_cancel = nullptr, *m_retry = nullptr;
    QHash<qint64, RateSample> m_rates;
};

/// "3 min 20 s", "45 s": for ETAs.
QString formatDuration(double seconds);

}  // namespace telerad
