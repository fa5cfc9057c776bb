#include "DemoStudyJob.h"

#include "dicom/VolumeLoader.h"

#include <QtConcurrent>

namespace telerad {

DemoStudyJob::DemoStudyJob(QString demoFolder, QObject* parent)
    : QObject(parent), m_folder(std::move(demoFolder)) {}

DemoStudyJob::~DemoStudyJob() {
    m_cancel = true;
    m_future.waitForFinished();
}

void DemoStudyJob::start() {
    m_future = QtConcurrent::run([this] { run(); });
}

void DemoStudyJob::reportProgress(const QString& stage, int done, int total) {
    const int percent = total > 0 ? done * 100 / total : 0;
    if (m_lastPercent.exchange(percent) != percent) emit progress(stage, done, total);
}

void DemoStudyJob::run() {
    const QString generating = tr("Generating the demo CT study");
    Result<DemoStudy> study = DemoStudyGenerator::ensure(
        m_folder, [&](int done, int total) { reportProgress(generating, done, total); }, &m_cancel);
    if (!study.ok()) {
        emit failed(study.error());
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
    emit loaded(study.value(), volume.value());
}

}  // namespace telerad
