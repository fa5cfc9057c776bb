// Import rate of a 300-slice 512x512 CT into the archive (indexing included), side by side
// with `cp -r` of the same files (the disk limit) and DCMTK's storescu -> storescp on
// loopback with TCP_NODELAY=1 (what a DICOM receiver of the same files costs).
// Usage: bench_import [SLICES]   (files stay in the page cache: these are warm figures)

#include "archive/Archive.h"
#include "archive/Importer.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/DicomErrors.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace telerad;

namespace {

double secondsOf(const std::function<bool()>& work) {
    QElapsedTimer timer;
    timer.start();
    if (!work()) return -1;
    return timer.nsecsElapsed() / 1e9;
}

bool runTool(const QString& program, const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

void printRow(const char* what, double seconds, int files, double megabytes, double reference) {
    if (seconds < 0) {
        std::printf("%-34s failed\n", what);
        return;
    }
    std::printf("%-34s %8.3f %10.0f %9.1f %12.2f\n", what, seconds, files / seconds, megabytes / seconds,
                reference / seconds);
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    quietDicomToolkitLog();
    const int slices = argc > 1 ? std::atoi(argv[1]) : 300;
    QTemporaryDir work;
    DemoStudySpec spec;
    spec.slices = slices;
    auto study = DemoStudyGenerator::write(work.filePath(QStringLiteral("ct")), spec);
    if (!study.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(study.error()));
        return 1;
    }
    qint64 bytes = 0;
    for (const QString& f : study->files) bytes += QFileInfo(f).size();
    const double mb = bytes / 1e6;
    const int files = static_cast<int>(study->files.size());

    const double cp = secondsOf([&] {
        return runTool(QStringLiteral("cp"), {QStringLiteral("-r"), study->folder, work.filePath(QStringLiteral("copy"))});
    });

    // The same copy, then on the disk (what the archive's flush per file buys).
    const double cpSync = secondsOf([&] {
        return runTool(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("cp -r '%1' '%2' && sync").arg(study->folder, work.filePath(QStringLiteral("copy2")))});
    });

    const auto importInto = [&](const QString& home, Durability durability) {
        return secondsOf([&] {
            auto archive = Archive::open(work.filePath(home));
            if (!archive.ok()) return false;
            archive->setDurability(durability);
            const ImportReport report = Importer(archive.value()).run({study->folder});
            return report.imported == files;
        });
    };
    const double telerad = importInto(QStringLiteral("home"), Durability::FlushEachFile);
    const double teleradNoFlush = importInto(QStringLiteral("home-noflush"), Durability::LeaveToSystem);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
    const QString received = work.filePath(QStringLiteral("storescp"));
    QDir().mkpath(received);
    const QString port = QString::number(freePort());
    QProcess storescp;
    storescp.setProcessEnvironment(env);
    storescp.start(QStringLiteral("storescp"), {QStringLiteral("--output-directory"), received, port});
    QThread::msleep(300);
    const QStringList sendArgs = QStringList{QStringLiteral("127.0.0.1"), port} + study->files;
    const double dcmtk = secondsOf([&] { return runTool(QStringLiteral("storescu"), sendArgs, env); });
    storescp.terminate();
    storescp.waitForFinished(5000);

    std::printf("import of a %d-slice %dx%d CT: %d files, %.1f MB (warm page cache)\n", slices, spec.columns, spec.rows,
                files, mb);
    std::printf("%-34s %8s %10s %9s %12s\n", "", "seconds", "inst/s", "MB/s", "x cp -r");
    printRow("cp -r (disk limit)", cp, files, mb, cp);
    printRow("cp -r, then sync (on disk)", cpSync, files, mb, cp);
    printRow("telerad import (indexed, fsync)", telerad, files, mb, cp);
    printRow("telerad import (indexed, no flush)", teleradNoFlush, files, mb, cp);
    printRow("storescu -> storescp (NODELAY)", dcmtk, files, mb, cp);
    return 0;
}
