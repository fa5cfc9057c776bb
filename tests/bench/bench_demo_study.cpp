// Start-up figures: writing the demo CT (first start) and assembling it into a volume
// (every start), against `cat` of the same files (the read limit of this disk and cache).

#include "dicom/DemoStudyGenerator.h"
#include "dicom/VolumeLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace telerad;

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    QElapsedTimer timer;

    timer.start();
    auto study = DemoStudyGenerator::write(dir.path());
    const double writeSeconds = timer.nsecsElapsed() / 1e9;
    if (!study.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(study.error()));
        return 1;
    }
    qint64 bytes = 0;
    for (const QString& f : study->files) bytes += QFileInfo(f).size();
    const double megabytes = bytes / 1e6;

    timer.restart();
    QProcess cat;
    cat.setStandardOutputFile(QProcess::nullDevice());
    cat.start(QStringLiteral("cat"), study->files);
    cat.waitForFinished(-1);
    const double catSeconds = timer.nsecsElapsed() / 1e9;

    timer.restart();
    auto volume = VolumeLoader::load(study->files);
    const double loadSeconds = timer.nsecsElapsed() / 1e9;
    if (!volume.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(volume.error()));
        return 1;
    }

    std::printf("demo study: %lld files, %.1f MB\n", static_cast<long long>(study->files.size()), megabytes);
    std::printf("%-28s %8s %10s\n", "step", "seconds", "MB/s");
    std::printf("%-28s %8.3f %10.1f\n", "generate + write (first start)", writeSeconds, megabytes / writeSeconds);
    std::printf("%-28s %8.3f %10.1f\n", "cat of the files (read limit)", catSeconds, megabytes / catSeconds);
    std::printf("%-28s %8.3f %10.1f\n", "assemble volume (each start)", loadSeconds, megabytes / loadSeconds);
    std::printf("assembly / cat: %.2fx\n", loadSeconds / catSeconds);
    return 0;
}
