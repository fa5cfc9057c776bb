// Sending a 300-slice 512x512 CT over loopback, side by side in one run, plain and TLS:
//   telerad-cli send -> telerad-cli serve (queue, archive, flush to disk and index included;
//   and with serve --no-flush, to show what flushing each instance before acknowledging costs),
//   storescu -> storescp (DCMTK's tools, TCP_NODELAY=1 for both, files written, no index),
//   and each of our ends against the other DCMTK tool (telerad-cli send -> storescp,
//   storescu -> telerad-cli serve),
//   telerad-cli send -> Orthanc (Orthanc's ingest: its storage and SQLite index),
//   storescu -> storescp --ignore (nothing stored: what DCMTK's transport alone costs, the
//   floor under any receiver built on it, ours included).
// Then 8 senders at once into one telerad-cli serve: aggregate throughput, and every
// instance present exactly once.
// Usage: bench_network [SLICES [STUDY_FOLDER]]   (default 300 slices in a temporary folder;
//        a STUDY_FOLDER is kept and reused by later runs). Warm page cache; each figure is
//        the best of three runs, each run into a fresh receiver (loopback timings on a shared
//        2-core machine vary by +-30% from run to run).

#include "NetworkTestSupport.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/DicomErrors.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>
#include <map>

using namespace telerad;
using test::Site;
using test::TestPki;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

struct Load {
    QString folder;
    QStringList files;
    double megabytes = 0;
};

Load makeStudy(const QString& folder, int slices, const QString& patientId) {
    DemoStudySpec spec;
    spec.slices = slices;
    spec.patientId = patientId;
    auto study = DemoStudyGenerator::ensure(folder, spec);
    if (!study.ok()) qFatal("%s", qPrintable(study.error()));
    Load load{study->folder, study->files, 0};
    for (const QString& f : load.files) load.megabytes += QFileInfo(f).size() / 1e6;
    return load;
}

// A command that must succeed; what it said goes to stderr when it did not.
bool succeeded(const test::ToolRun& run) {
    if (run.exitCode != 0) std::fprintf(stderr, "%s%s", qPrintable(run.out), qPrintable(run.err));
    return run.exitCode == 0;
}

// Wall time of `work` in seconds, or -1 when it reports failure (printed as such).
double timed(const std::function<bool()>& work) {
    QElapsedTimer timer;
    timer.start();
    const bool ok = work();
    return ok ? timer.nsecsElapsed() / 1e9 : -1;
}

int instancesHeldBy(const Site& site) {
    int total = 0;
    for (const QString& line : site.cli({QStringLiteral("ls"), QStringLiteral("--studies")}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        total += line.split(QLatin1Char('\t')).value(8).toInt();
    return total;
}

QStringList plainOrTls(bool tls) { return tls ? QStringList{} : QStringList{QStringLiteral("--no-tls")}; }

// telerad-cli send -> telerad-cli serve, both ends as a site would run them (`serveOptions`:
// --no-flush to see what the per-instance flush to disk costs).
double oursToOurs(const Load& load, bool tls, TestPki& pki, const QStringList& serveOptions = {}) {
    Site receiver(kCli, QStringLiteral("BENCHRX")), sender(kCli, QStringLiteral("BENCHTX"));
    if (tls && !(receiver.enrol(pki) && sender.enrol(pki))) return -1;
    receiver.addNode(QStringLiteral("tx"), QStringLiteral("BENCHTX"), sender.port(), plainOrTls(tls) << QStringLiteral("--allow") << QStringLiteral("store"));
    sender.addNode(QStringLiteral("rx"), QStringLiteral("BENCHRX"), receiver.port(), plainOrTls(tls));
    if (!receiver.startServing(plainOrTls(tls) + serveOptions)) return -1;
    const double seconds = timed([&] { return succeeded(sender.cli({QStringLiteral("send"), QStringLiteral("rx"), load.folder})); });
    receiver.stopServing();
    return instancesHeldBy(receiver) == load.files.size() ? seconds : -1;
}

QStringList dcmtkTlsOptions(bool tls, TestPki& pki, const QString& cn) {
    if (!tls) return {};
    const QStringList files = pki.issue(cn);
    return {QStringLiteral("+tls"), files[0], files[1], QStringLiteral("+cf"), pki.caCertificate()};
}

// storescp (TCP_NODELAY=1: ../shared/STACK.md, 45-65x slower without) receiving into a
// temporary folder while `send` runs on `port`; the seconds `send` took, or -1 when it
// failed or storescp did not write every file.
double intoStorescp(const Load& load, bool tls, TestPki& pki, const std::function<bool(const QString& port)>& send) {
    QTemporaryDir received;
    const QString port = QString::number(test::freePort());
    QProcess storescp;
    storescp.setProcessEnvironment(test::dcmtkEnvironment());
    storescp.start(QStringLiteral("storescp"), dcmtkTlsOptions(tls, pki, QStringLiteral("STORESCP")) +
                                                   QStringList{QStringLiteral("-od"), received.path(), port});
    QThread::msleep(300);
    const double seconds = timed([&] { return send(port); });
    storescp.terminate();
    storescp.waitForFinished(5000);
    return QDir(received.path()).entryList(QDir::Files).size() == load.files.size() ? seconds : -1;
}

bool storescu(const Load& load, bool tls, TestPki& pki, const QString& port, const QStringList& aeTitles = {}) {
    const QStringList arguments = dcmtkTlsOptions(tls, pki, QStringLiteral("STORESCU")) + aeTitles +
                                  QStringList{QStringLiteral("127.0.0.1"), port} + load.files;
    return succeeded(test::runTool(QStringLiteral("storescu"), arguments, 600000));
}

double dcmtkPair(const Load& load, bool tls, TestPki& pki) {
    return intoStorescp(load, tls, pki, [&](const QString& port) { return storescu(load, tls, pki, port); });
}

// storescu -> storescp --ignore: the instances cross the association and are dropped,
// nothing written or indexed; what any receiver built on DCMTK's transport pays at least.
double dcmtkTransportOnly(const Load& load, bool tls, TestPki& pki) {
    const QString port = QString::number(test::freePort());
    QProcess storescp;
    storescp.setProcessEnvironment(test::dcmtkEnvironment());
    storescp.start(QStringLiteral("storescp"), dcmtkTlsOptions(tls, pki, QStringLiteral("STORESCP")) + QStringList{QStringLiteral("--ignore"), port});
    QThread::msleep(300);
    const double seconds = timed([&] { return storescu(load, tls, pki, port); });
    storescp.terminate();
    storescp.waitForFinished(5000);
    return seconds;
}

// Each side of ours against its DCMTK counterpart: which end costs what.
double oursIntoStorescp(const Load& load, bool tls, TestPki& pki) {
    Site sender(kCli, QStringLiteral("BENCHTX"));
    if (tls && !sender.enrol(pki)) return -1;
    return intoStorescp(load, tls, pki, [&](const QString& port) {
        sender.addNode(QStringLiteral("storescp"), QStringLiteral("ANY-SCP"), port.toUShort(), plainOrTls(tls));
        return succeeded(sender.cli({QStringLiteral("send"), QStringLiteral("storescp"), load.folder}));
    });
}

double storescuIntoOurs(const Load& load, bool tls, TestPki& pki) {
    Site receiver(kCli, QStringLiteral("BENCHRX"));
    if (tls && !receiver.enrol(pki)) return -1;
    receiver.addNode(QStringLiteral("storescu"), QStringLiteral("STORESCU"), test::freePort(), plainOrTls(tls) << QStringLiteral("--allow") << QStringLiteral("store"));
    if (!receiver.startServing(plainOrTls(tls))) return -1;
    const QStringList aeTitles{QStringLiteral("-aet"), QStringLiteral("STORESCU"), QStringLiteral("-aec"), QStringLiteral("BENCHRX")};
    const double seconds = timed([&] { return storescu(load, tls, pki, QString::number(receiver.port()), aeTitles); });
    receiver.stopServing();
    return instancesHeldBy(receiver) == load.files.size() ? seconds : -1;
}

// telerad-cli send -> Orthanc's DICOM service.
double oursToOrthanc(const Load& load, bool tls, TestPki& pki) {
    Site sender(kCli, QStringLiteral("BENCHTX"));
    if (tls && !sender.enrol(pki)) return -1;
    test::OrthancPeer orthanc({&sender}, tls, pki);
    if (!orthanc.started()) return -1;
    sender.addNode(QStringLiteral("pacs"), QStringLiteral("ORTHANC"), orthanc.port(), plainOrTls(tls));
    return timed([&] { return succeeded(sender.cli({QStringLiteral("send"), QStringLiteral("pacs"), load.folder})); });
}

double bestOfThree(const std::function<double()>& run) {
    double best = -1;
    for (int i = 0; i < 3; ++i) {
        const double seconds = run();
        if (seconds < 0) return -1;  // a failed run spoils the figure
        best = best < 0 ? seconds : std::min(best, seconds);
    }
    return best;
}

void printRow(const char* mode, const char* pair, double seconds, const Load& load, double reference) {
    if (seconds < 0) {
        std::printf("%-6s %-36s failed\n", mode, pair);
        return;
    }
    std::printf("%-6s %-36s %8.2f %9.0f %8.1f %10.2f\n", mode, pair, seconds, load.files.size() / seconds,
                load.megabytes / seconds, reference / seconds);
}

void concurrentSenders(const QString& workFolder, int senders, int slicesEach, TestPki& pki) {
    Site receiver(kCli, QStringLiteral("BENCHRX"));
    receiver.enrol(pki);
    std::vector<std::unique_ptr<Site>> sites;
    std::vector<Load> loads;
    double megabytes = 0;
    for (int i = 0; i < senders; ++i) {
        const QString ae = QStringLiteral("CLINIC%1").arg(i);
        sites.push_back(std::make_unique<Site>(kCli, ae));
        sites.back()->enrol(pki);
        sites.back()->addNode(QStringLiteral("rx"), QStringLiteral("BENCHRX"), receiver.port());
        receiver.addNode(ae.toLower(), ae, sites.back()->port(), {QStringLiteral("--allow"), QStringLiteral("store")});
        loads.push_back(makeStudy(workFolder + QStringLiteral("/study%1").arg(i), slicesEach, QStringLiteral("BENCH-%1").arg(i)));
        megabytes += loads.back().megabytes;
    }
    receiver.startServing();
    std::vector<std::unique_ptr<QProcess>> running;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < senders; ++i) {
        running.push_back(std::make_unique<QProcess>());
        running.back()->start(kCli, {QStringLiteral("--home"), sites[static_cast<size_t>(i)]->home(), QStringLiteral("send"), QStringLiteral("rx"),
                                     loads[static_cast<size_t>(i)].folder});
    }
    int failures = 0;
    for (auto& p : running) failures += (p->waitForFinished(600000) && p->exitCode() == 0) ? 0 : 1;
    const double seconds = timer.nsecsElapsed() / 1e9;
    const QString served = receiver.serveOutput();
    receiver.stopServing();
    const int expected = senders * slicesEach, held = instancesHeldBy(receiver);
    int receivedLines = 0;
    for (const QString& line : served.split(QLatin1Char('\n'))) receivedLines += line.startsWith(QStringLiteral("received ")) ? 1 : 0;
    std::printf("\n%d concurrent senders (TLS), %d instances each, %.1f MB in all:\n", senders, slicesEach, megabytes);
    std::printf("  %.2f s, %.0f instances/s, %.1f MB/s aggregate; senders failed %d; archive holds %d of %d, "
                "each stored once (%d store lines)\n",
                seconds, expected / seconds, megabytes / seconds, failures, held, expected, receivedLines);
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    quietDicomToolkitLog();
    const int slices = argc > 1 ? std::atoi(argv[1]) : 300;
    QTemporaryDir work;
    TestPki pki(kCli);
    if (!pki.ok()) qFatal("cannot create the test CA");
    const Load ct = makeStudy(argc > 2 ? QString::fromLocal8Bit(argv[2]) : work.filePath(QStringLiteral("ct")), slices, QStringLiteral("BENCH-CT"));
    std::printf("sending a %d-slice 512x512 CT (%.1f MB) over loopback\n", slices, ct.megabytes);
    std::printf("%-6s %-36s %8s %9s %8s %10s\n", "mode", "", "seconds", "inst/s", "MB/s", "x DCMTK");
    std::map<bool, double> ours;
    for (bool tls : {false, true}) {
        const char* mode = tls ? "TLS" : "plain";
        const double dcmtk = bestOfThree([&] { return dcmtkPair(ct, tls, pki); });
        ours[tls] = bestOfThree([&] { return oursToOurs(ct, tls, pki); });
        const double unflushed = bestOfThree([&] { return oursToOurs(ct, tls, pki, {QStringLiteral("--no-flush")}); });
        const double orthanc = bestOfThree([&] { return oursToOrthanc(ct, tls, pki); });
        const double oursScu = bestOfThree([&] { return oursIntoStorescp(ct, tls, pki); });
        const double oursScp = bestOfThree([&] { return storescuIntoOurs(ct, tls, pki); });
        const double transport = bestOfThree([&] { return dcmtkTransportOnly(ct, tls, pki); });
        printRow(mode, "storescu -> storescp (NODELAY)", dcmtk, ct, dcmtk);
        printRow(mode, "telerad send -> telerad serve", ours[tls], ct, dcmtk);
        printRow(mode, "  same, serve --no-flush", unflushed, ct, dcmtk);
        printRow(mode, "telerad send -> storescp", oursScu, ct, dcmtk);
        printRow(mode, "storescu -> telerad serve (1 assoc.)", oursScp, ct, dcmtk);
        printRow(mode, "telerad send -> Orthanc", orthanc, ct, dcmtk);
        printRow(mode, "storescu -> storescp --ignore", transport, ct, dcmtk);
        if (orthanc > 0 && ours[tls] > 0) std::printf("%-6s telerad serve is %.1fx Orthanc's ingest\n", mode, orthanc / ours[tls]);
        if (orthanc > 0 && transport > 0)
            std::printf("%-6s DCMTK's transport alone, storing nothing, is %.1fx Orthanc's ingest\n", mode, orthanc / transport);
    }
    if (ours[false] > 0 && ours[true] > 0)
        std::printf("TLS costs telerad %+.1f%% over plain\n", 100.0 * (ours[true] - ours[false]) / ours[false]);
    concurrentSenders(work.path(), 8, std::max(1, slices / 8), pki);
    return 0;
}
