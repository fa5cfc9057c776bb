#include "ArchiveJobs.h"

#include "SeriesThumbnails.h"
#include "common/Logging.h"
#include "dicom/VolumeLoader.h"
#include "report/StructuredReport.h"

#include <QFileInfo>
#include <QtConcurrent>

namespace telerad {

ArchiveJobs::ArchiveJobs(QString dataFolderRoot, QObject* parent) : QObject(parent), m_root(std::move(dataFolderRoot)) {
    m_pool.setMaxThreadCount(4);  // a long import never holds up a listing or a series load
}

ArchiveJobs::~ArchiveJobs() {
    m_cancel = true;
    m_closing = true;
    m_pool.waitForDone();
}

void ArchiveJobs::startImport(const QStringList& paths) {
    if (importRunning()) return;
    m_cancel = false;
    m_import = QtConcurrent::run(&m_pool, [this, paths] {
        auto archive = Archive::open(m_root);
        if (!archive.ok()) {
            emit failed(archive.error());
            return;
        }
        QElapsedTimer clock;
        clock.start();
        std::atomic_int lastPercent{-1};
        std::atomic<qint64> bytes{0};
        const ImportReport report = Importer(archive.value()).run(
            paths,
            [&](int done, int total) {
                const int percent = total ? done * 100 / total : 100;
                if (lastPercent.exchange(percent) == percent) return;  // at most one signal per percent
                const double seconds = std::max(1e-3, clock.nsecsElapsed() / 1e9);
                emit importProgress(done, total, bytes.load() / 1e6 / seconds);
            },
            &m_cancel, &bytes);
        emit importFinished(report);
    });
}

void ArchiveJobs::refreshStudies() {
    (void)QtConcurrent::run(&m_pool, [this] {
        auto archive = Archive::open(m_root);
        if (!archive.ok()) {
            emit failed(archive.error());
            return;
        }
        emit diskSpace(archive->availableBytes(), archive->freeSpaceReserve());
        auto rows = archive->index().select(QStringLiteral(
            "SELECT p.patient_id, p.name, st.uid, st.date, st.description, se.uid, se.modality, se.description, "
            "COUNT(i.sop_uid), st.accession FROM series se JOIN studies st ON st.uid = se.study JOIN patients p ON p.id = st.patient "
            "LEFT JOIN instances i ON i.series = se.uid "
            "WHERE NOT (se.modality = 'SR' AND se.description IN (?, ?)) "  // notices between sites: not for reading
            "GROUP BY se.uid ORDER BY p.name, st.date, se.number"), {noticeSeriesDescriptions()[0], noticeSeriesDescriptions()[1]});
        if (!rows.ok()) {
            emit failed(rows.error());
            return;
        }
        QList<BrowserRow> result;
        for (const QStringList& r : rows.value())
            result.append({r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8].toInt(), r[9]});
        emit studiesListed(result);
    });
}

void ArchiveJobs::makeThumbnails(const QStringList& seriesUids) {
    (void)QtConcurrent::run(&m_pool, [this, seriesUids] {
        for (const QString& uid : seriesUids) {
            if (m_closing) return;
            auto thumbnail = seriesThumbnail(m_root, uid);
            if (thumbnail.ok()) emit thumbnailReady(uid, thumbnail.value());
            else qCInfo(lcArchive, "no thumbnail: %s", qPrintable(thumbnail.error()));  // reports, documents
        }
    });
}

void ArchiveJobs::deleteStudyOrSeries(const QString& uid) {
    (void)QtConcurrent::run(&m_pool, [this, uid] {
        auto archive = Archive::open(m_root);
        auto removed = archive.ok() ? archive->deleteStudyOrSeries(uid) : Result<int>(failure(archive.error()));
        if (!removed.ok()) {
            emit failed(removed.error());
            return;
        }
        emit deleted(uid, removed.value());
    });
}

void ArchiveJobs::loadSeries(const QString& seriesUid) {
    (void)QtConcurrent::run(&m_pool, [this, seriesUid] {
        auto archive = Archive::open(m_root);
        if (!archive.ok()) {
            emit failed(archive.error());
            return;
        }
        auto opened = archive->openSeriesForViewing(seriesUid, QStringLiteral("viewer"));
        if (!opened.ok()) {
            emit failed(opened.error());
            return;
        }
        const QStringList& files = opened.value();
        // The middle image alone first, on screen in a few milliseconds while the rest decodes.
        if (files.size() > 8) {
            auto preview = VolumeLoader::load({files[files.size() / 2]});
            if (preview.ok()) {
                auto shown = std::make_shared<ImageVolume>(*preview.value());
                shown->geometryWarnings << tr("Loading %1 images...").arg(files.size());
                emit seriesPreview(shown);
            }
        }
        auto volume = VolumeLoader::load(files, {}, &m_cancel);
        if (!volume.ok()) {
            emit failed(volume.error());
            return;
        }
        emit seriesLoaded(volume.value());
    });
}

}  // namespace telerad
