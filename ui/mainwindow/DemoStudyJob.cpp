#include "DemoStudyJob.h"

#include "archive/Importer.h"
#include "dicom/VolumeLoader.h"
#include "security/AuditTrail.h"

#include <QtConcurrent>

namespace telerad {

DemoStudyJob::DemoStudyJob(QString demoFolder, QString archiveRoot, QObject* parent)
    : QObject(parent), m_folder(std::move(demoFolder)), m_archiveRoot(std::move(archiveRoot)) {}

DemoStudyJob::~DemoStudyJob() {
    m_cancel = true;
    m_future.waitForFinished();
}

void DemoStudyJob::start() {
    m_future = QtConcurrent::run(&m_pool, [this] { run(); });
}

void DemoStudyJob::reportProgress(const QString& stage, int done, int total) {
    const int percent = total > 0 ? done * 100 / total : 0;
    if (m_lastPercent.exchange(percent) != percent) emit progress(stage, done, total);
}

// The demo study is archived once, so that the browser (which lists the archive) shows it.
Status DemoStudyJob::archiveIfNew(const DemoStudy& study) {
    auto archive = Archive::open(m_archiveRoot);
    if (!archive.ok()) return failure(archive.error());
    auto known = archive->index().select(QStringLiteral("SELECT uid FROM series WHERE uid = ?"), {study.seriesInstanceUid});
    if (!known.ok()) return failure(known.error());
    if (!known->isEmpty()) return success();
    const ImportReport report = Importer(archive.value()).run(study.files, {}, &m_cancel);
    if (!report.rejected.isEmpty()) return failure(report.rejected.front().message);
    return success();
}

void DemoStudyJob::run() {
    const QString generating = tr("Generating the demo CT study");
    Result<DemoStudy> study = DemoStudyGenerator::ensure(
        m_folder, {}, [&](int done, int total) { reportProgress(generating, done, total); }, &m_cancel);
    if (!study.ok()) {
        emit failed(study.error());
        return;
    }
    if (Status archived = archiveIfNew(study.value()); !archived.ok()) {
        emit failed(archived.error());
        return;
    }
    m_lastPercent = -1;
    const QString loading = tr("Loading the demo study");
    auto volume = VolumeLoader::load(
        study->files, [&](int done, int total) { reportProgress(loading, done, total); }, &m_cancel);
    if (!volume.ok()) {
        emit failed(volume.error());
        return;
    }
    // A phantom, not a patient; but it is in the archive, and every opening of an archived
    // study is traced alike.
    (void)recordAudit(m_archiveRoot, {QString(audit::kStudyViewed), true, volume.value()->description.patientId, study->studyInstanceUid, {},
                                      QStringLiteral("demo study (a phantom) shown at start")});
    emit loaded(study.value(), volume.value());
}

}  // namespace telerad
