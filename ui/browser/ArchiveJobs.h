#pragma once
// Archive work for the GUI, each on a worker thread with results as queued signals: import
// (with progress, rate and cancel), listing the index for the browser, thumbnails, deleting,
// loading a series.

#include "archive/Importer.h"
#include "dicom/ImageVolume.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace telerad {

/// One series row of the browser: patient, study and series in one line of the index.
struct BrowserRow {
    QString patientId, patientName, studyUid, studyDate, studyDescription;
    QString seriesUid, modality, seriesDescription;
    int instances = 0;
    QString accession;
};

class ArchiveJobs : public QObject {
    Q_OBJECT
public:
    explicit ArchiveJobs(QString dataFolderRoot, QObject* parent = nullptr);
    /// Cancels an import and waits for running work to stop.
    ~ArchiveJobs() override;

    bool importRunning() const { return m_import.isRunning(); }
    void startImport(const QStringList& paths);
    void cancelImport() { m_cancel = true; }
    void refreshStudies();
    void loadSeries(const QString& seriesUid);
    /// Thumbnails of these series, one thumbnailReady each (from the cache when made before).
    void makeThumbnails(const QStringList& seriesUids);
    /// Deletes a study or series from the archive (files and rows); then `deleted`.
    void deleteStudyOrSeries(const QString& uid);

signals:
    void importProgress(int files, int total, double megabytesPerSecond);
    void importFinished(const telerad::ImportReport& report);
    void studiesListed(const QList<telerad::BrowserRow>& rows);
    /// The series' middle image alone, while the whole series loads (then seriesLoaded).
    void seriesPreview(std::shared_ptr<const telerad::ImageVolume> volume);
    void seriesLoaded(std::shared_ptr<const telerad::ImageVolume> volume);
    void thumbnailReady(const QString& seriesUid, const QImage& thumbnail);
    void deleted(const QString& uid, int instances);
    /// With each listing: what is left on the archive's disk, and what it keeps free.
    void diskSpace(qint64 availableBytes, qint64 reserveBytes);
    void failed(const QString& message);

private:
    QString m_root;
    QFuture<void> m_import;
    std::atomic_bool m_cancel{false};   // the import
    std::atomic_bool m_closing{false};  // everything: the window is closing
    // Its own threads, all waited for on destruction: a listing replaced by a newer one still
    // runs with `this`, and the threads' SQLite connections close before the folder may go.
    QThreadPool m_pool;
};

}  // namespace telerad
