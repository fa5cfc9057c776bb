#pragma once
// Background job run at start-up: makes sure the demo study exists in the data folder
// (generating and archiving it on first start) and assembles its volume. Never blocks the GUI thread;
// progress and the result arrive as queued signals.

#include "dicom/DemoStudyGenerator.h"
#include "dicom/ImageVolume.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace telerad {

class DemoStudyJob : public QObject {
    Q_OBJECT
public:
    /// `archiveRoot` is the data folder whose archive receives the demo study once.
    DemoStudyJob(QString demoFolder, QString archiveRoot, QObject* parent = nullptr);
    /// Cancels the work and waits for the worker to stop (it checks the flag per slice).
    ~DemoStudyJob() override;

    void start();

signals:
    /// `stage` is a short user-facing text; emitted at most once per percent.
    void progress(const QString& stage, int done, int total);
    void loaded(const telerad::DemoStudy& study, std::shared_ptr<const telerad::ImageVolume> volume);
    void failed(const QString& message);

private:
    void run();
    Status archiveIfNew(const DemoStudy& study);
    void reportProgress(const QString& stage, int done, int total);

    QString m_folder;
    QString m_archiveRoot;
    QFuture<void> m_future;
    std::atomic_bool m_cancel{false};
    std::atomic_int m_lastPercent{-1};
    QThreadPool m_pool;  // its own thread: ended (and its SQLite connections closed) with the job
};

}  // namespace telerad
