// What the audit trail costs where it is written most: receiving a study. A 300-slice
// 512x512 CT sent by DCMTK's storescu (TCP_NODELAY) to our DICOM service in this process,
// over plain loopback TCP, into a fresh archive each run: once as shipped (one audit record
// per study and association, hash-chained, fsync'd by SQLite) and once with the service's
// audit hook left out. Best of five runs each, alternated. Then the cost of one record alone.
// Usage: bench_audit [SLICES [STUDY_FOLDER]]

#include "NetworkTestSupport.h"
#include "archive/Archive.h"
#include "archive/ArchiveServices.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/DicomErrors.h"
#include "net/DicomServer.h"
#include "security/AuditTrail.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace telerad;

namespace {

// The service with its audit hook left out: "audit off", for this comparison only.
class UnauditedServices : public ArchiveServices {
public:
    using ArchiveServices::ArchiveServices;
    void associationEnded(const Peer&) override {}
};

// One run: a fresh data folder, the service, storescu; seconds until storescu is done.
double receive(const QStringList& files, bool audited) {
    QTemporaryDir home;
    auto archive = Archive::open(home.path());
    if (!archive.ok()) qFatal("%s", qPrintable(archive.error()));
    auto book = NodeBook::load(home.path());
    Node sender;
    sender.name = QStringLiteral("modality");
    sender.aeTitle = QStringLiteral("STORESCU");
    sender.host = QStringLiteral("127.0.0.1");
    sender.tls = false;
    if (!book.ok() || !book->put(sender).ok()) qFatal("node book");
    std::unique_ptr<ArchiveServices> services = audited ? std::make_unique<ArchiveServices>(archive.value())
                                                        : std::make_unique<UnauditedServices>(archive.value());
    const quint16 port = test::freePort();
    DicomServer server(book.value(), ServerSettings{QStringLiteral("TELERAD"), port, false, 4}, *services);
    if (Status s = server.start(); !s.ok()) qFatal("%s", qPrintable(s.error()));
    QElapsedTimer timer;
    timer.start();
    const test::ToolRun sent = test::runTool(QStringLiteral("storescu"), QStringList{QStringLiteral("-aet"), QStringLiteral("STORESCU"),
        QStringLiteral("-aec"), QStringLiteral("TELERAD"), QStringLiteral("127.0.0.1"), QString::number(port)} + files, 600000);
    const double seconds = timer.nsecsElapsed() / 1e9;
    server.stop();
    if (sent.exitCode != 0) qFatal("storescu: %s", qPrintable(sent.err));
    auto trail = AuditTrail::open(home.path());
    const qsizetype records = trail.ok() && trail->list().ok() ? trail->list()->size() : -1;
    if ((audited && records != 1) || (!audited && records != 0)) qFatal("unexpected audit records: %lld", qlonglong(records));
    return seconds;
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    quietDicomToolkitLog();
    const int slices = argc > 1 ? std::atoi(argv[1]) : 300;
    QTemporaryDir scratch;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : scratch.filePath(QStringLiteral("ct"));
    DemoStudySpec spec;
    spec.slices = slices;
    auto study = DemoStudyGenerator::ensure(folder, spec);
    if (!study.ok()) qFatal("%s", qPrintable(study.error()));

    double on = 1e9, off = 1e9;
    for (int run = 0; run < 5; ++run) {
        on = std::min(on, receive(study->files, true));
        off = std::min(off, receive(study->files, false));
    }
    std::printf("receiving %d instances of 512x512 over loopback (best of 5, archive and fsync included):\n", slices);
    std::printf("  audit on   %7.3f s\n  audit off  %7.3f s\n  overhead   %+6.2f %%  (goal: under 5 %%)\n", on, off, (on - off) / off * 100);

    QTemporaryDir home;
    QElapsedTimer timer;
    timer.start();
    constexpr int kRecords = 200;
    for (int i = 0; i < kRecords; ++i)
        (void)recordAudit(home.path(), {QString(audit::kStudyViewed), true, QStringLiteral("P%1").arg(i), QStringLiteral("1.2.%1").arg(i), {}, {}});
    std::printf("one audit record (open, chain, insert, commit): %.2f ms\n", timer.nsecsElapsed() / 1e6 / kRecords);
    return 0;
}
