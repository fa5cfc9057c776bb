#include "NetworkTestSupport.h"

#include "TestSupport.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace telerad::test {

namespace {

/// The lowest port the kernel hands out to outgoing connections (net.ipv4.ip_local_port_range).
quint16 lowestEphemeralPort() {
    QFile range(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    const int lowest = range.open(QIODevice::ReadOnly) ? QString::fromLatin1(range.readAll()).section(QLatin1Char('\t'), 0, 0).toInt() : 0;
    return lowest > 12000 ? quint16(lowest) : quint16(32768);
}

}  // namespace

quint16 freePort() {
    // A port below the ephemeral range: one the kernel picked for us (listen on port 0) could
    // be handed to another test's outgoing connection before our server binds it, and a
    // service then failed to start in a loaded CI run.
    const quint16 end = lowestEphemeralPort();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto port = quint16(QRandomGenerator::global()->bounded(10000, int(end)));
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, port)) return port;
    }
    return 0;
}

QProcessEnvironment dcmtkEnvironment() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
    return environment;
}

ToolRun runTool(const QString& program, const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.setProcessEnvironment(dcmtkEnvironment());
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("%1 did not finish in %2 ms").arg(program).arg(timeoutMs);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

TestPki::TestPki(const QString& cli) : m_cli(cli) {
    const ToolRun ca = runTool(m_cli, {QStringLiteral("tls"), QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--dir"),
                                       m_dir.filePath(QStringLiteral("ca")), QStringLiteral("--cn"), QStringLiteral("Telerad Test CA")});
    m_ok = ca.exitCode == 0;
}

QStringList TestPki::issue(const QString& cn, int days) {
    const QString name = days ? QStringLiteral("%1.%2days").arg(cn).arg(days) : cn;
    const QString key = m_dir.filePath(name + QStringLiteral(".key")), cert = m_dir.filePath(name + QStringLiteral(".crt"));
    const QStringList validity = days ? QStringList{QStringLiteral("--days"), QString::number(days)} : QStringList();
    if (!QFile::exists(cert))
        runTool(m_cli, QStringList{QStringLiteral("tls"), QStringLiteral("ca"), QStringLiteral("issue"), QStringLiteral("--dir"),
                                   m_dir.filePath(QStringLiteral("ca")), QStringLiteral("--cn"), cn, QStringLiteral("--key-out"), key,
                                   QStringLiteral("--cert-out"), cert} + validity);
    return {key, cert};
}

QStringList TestPki::issuePerson(const QString& cn, const QString& passphrase) {
    const QString key = m_dir.filePath(cn + QStringLiteral(".person.key")), cert = m_dir.filePath(cn + QStringLiteral(".person.crt")),
                  p12 = m_dir.filePath(cn + QStringLiteral(".p12"));
    const bool issued = runTool(m_cli, {QStringLiteral("tls"), QStringLiteral("ca"), QStringLiteral("issue"), QStringLiteral("--dir"),
                                        m_dir.filePath(QStringLiteral("ca")), QStringLiteral("--person"), QStringLiteral("--cn"), cn,
                                        QStringLiteral("--key-out"), key, QStringLiteral("--cert-out"), cert}).exitCode == 0;
    const bool packed = issued && runTool(QStringLiteral("openssl"), {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), cert,
                                                                      QStringLiteral("-inkey"), key, QStringLiteral("-passout"),
                                                                      QStringLiteral("pass:") + passphrase, QStringLiteral("-out"), p12}).exitCode == 0;
    return packed ? QStringList{key, cert, p12} : QStringList();
}

Site::Site(const QString& cli, const QString& aeTitle) : m_cli(cli), m_aeTitle(aeTitle), m_port(freePort()) {
    // Peers check our calling AE title from the first association on.
    this->cli({QStringLiteral("site"), QStringLiteral("--aet"), m_aeTitle, QStringLiteral("--port"), QString::number(m_port)});
}

Site::~Site() {
    if (m_serve && m_serve->state() != QProcess::NotRunning) {
        m_serve->kill();
        m_serve->waitForFinished();
    }
}

ToolRun Site::cli(const QStringList& arguments, int timeoutMs) const {
    return runTool(m_cli, QStringList{QStringLiteral("--home"), home()} + arguments, timeoutMs);
}

QList<QStringList> Site::auditRecords(const QString& action) const {
    QList<QStringList> records;
    for (const QString& line : cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--action"), action}).out.split(QLatin1Char('\n')))
        if (!line.isEmpty()) records << line.split(QLatin1Char('\t'));
    return records;
}

bool Site::enrol(TestPki& pki) const {
    const QStringList files = pki.issue(m_aeTitle);
    return cli({QStringLiteral("tls"), QStringLiteral("import"), QStringLiteral("--key"), files[0], QStringLiteral("--cert"), files[1],
                QStringLiteral("--ca"), pki.caCertificate()}).exitCode == 0;
}

bool Site::addNode(const QString& name, const QString& aeTitle, quint16 port, const QStringList& extra) const {
    return cli(QStringList{QStringLiteral("nodes"), QStringLiteral("add"), name, QStringLiteral("--aet"), aeTitle,
                           QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(port)} + extra)
               .exitCode == 0;
}

bool Site::startServing(const QStringList& extra) {
    m_serve = std::make_unique<QProcess>();
    m_serveOutput.clear();
    m_serve->setProcessChannelMode(QProcess::MergedChannels);
    m_serve->start(m_cli, QStringList{QStringLiteral("--home"), home(), QStringLiteral("serve"), QStringLiteral("--aet"), m_aeTitle,
                                      QStringLiteral("--port"), QString::number(m_port)} + extra);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000 && m_serve->state() != QProcess::NotRunning) {
        m_serve->waitForReadyRead(200);
        m_serveOutput += QString::fromLocal8Bit(m_serve->readAll());
        if (m_serveOutput.contains(QStringLiteral("serving "))) return true;
    }
    qWarning("telerad-cli serve on port %d did not start: %s", m_port, qPrintable(m_serveOutput));
    return false;
}

QString Site::serveOutput() {
    // The service prints from its own process: give the pipe a moment to deliver.
    while (m_serve && m_serve->state() == QProcess::Running && m_serve->waitForReadyRead(300))
        m_serveOutput += QString::fromLocal8Bit(m_serve->readAll());
    if (m_serve) m_serveOutput += QString::fromLocal8Bit(m_serve->readAll());
    return m_serveOutput;
}

bool Site::stopServing() {
    if (!m_serve) return false;
    // The service finishes the associations in progress before it stops: a minute is ample,
    // and a run that needs more than a few seconds says so, to be looked into.
    QElapsedTimer timer;
    timer.start();
    ::kill(static_cast<pid_t>(m_serve->processId()), SIGTERM);
    const bool finished = m_serve->waitForFinished(60000);
    serveOutput();
    const bool clean = finished && m_serve->exitStatus() == QProcess::NormalExit && m_serve->exitCode() == 0;
    if (!clean)
        qWarning("telerad-cli serve on port %d did not stop cleanly (%s, exit code %d, after %lld ms): %s", m_port,
                 finished ? (m_serve->exitStatus() == QProcess::NormalExit ? "exited" : "crashed") : "still running", m_serve->exitCode(),
                 static_cast<long long>(timer.elapsed()), qPrintable(m_serveOutput.right(4000)));
    else if (timer.elapsed() > 5000)
        qInfo("telerad-cli serve on port %d took %lld ms to stop", m_port, static_cast<long long>(timer.elapsed()));
    return clean;
}

QStringList Site::archivedFiles() const { return filesUnder(home() + QStringLiteral("/archive")); }

namespace {

QJsonObject orthancModality(const Site& site, bool tls) {
    return QJsonObject{{QStringLiteral("AET"), site.aeTitle()}, {QStringLiteral("Host"), QStringLiteral("127.0.0.1")},
                       {QStringLiteral("Port"), site.port()}, {QStringLiteral("AllowStore"), true},
                       {QStringLiteral("AllowFind"), true}, {QStringLiteral("AllowMove"), true},
                       {QStringLiteral("AllowGet"), true}, {QStringLiteral("UseDicomTls"), tls}};
}

// Only the modalities listed may do anything: Orthanc checks AE title and host.
QJsonObject orthancConfiguration(const QString& storage, quint16 port, const QJsonObject& modalities) {
    return QJsonObject{{QStringLiteral("Name"), QStringLiteral("TeleradTestOrthanc")},
                       {QStringLiteral("StorageDirectory"), storage}, {QStringLiteral("IndexDirectory"), storage},
                       {QStringLiteral("HttpServerEnabled"), false}, {QStringLiteral("DicomAet"), QStringLiteral("ORTHANC")},
                       {QStringLiteral("DicomPort"), port}, {QStringLiteral("DicomCheckCalledAet"), true},
                       {QStringLiteral("DicomAlwaysAllowStore"), false}, {QStringLiteral("DicomAlwaysAllowFind"), false},
                       {QStringLiteral("DicomAlwaysAllowMove"), false}, {QStringLiteral("DicomAlwaysAllowGet"), false},
                       {QStringLiteral("DicomCheckModalityHost"), true}, {QStringLiteral("DicomModalities"), modalities},
                       {QStringLiteral("Plugins"), QJsonArray()}};
}

void addOrthancTls(QJsonObject& config, TestPki& pki) {
    const QStringList files = pki.issue(QStringLiteral("ORTHANC"));
    config.insert(QStringLiteral("DicomTlsEnabled"), true);
    config.insert(QStringLiteral("DicomTlsPrivateKey"), files[0]);
    config.insert(QStringLiteral("DicomTlsCertificate"), files[1]);
    config.insert(QStringLiteral("DicomTlsTrustedCertificates"), pki.caCertificate());
    config.insert(QStringLiteral("DicomTlsRemoteCertificateRequired"), true);
}

}  // namespace

OrthancPeer::OrthancPeer(const QList<const Site*>& modalities, bool tls, TestPki& pki) : m_port(freePort()) {
    QJsonObject known;
    for (const Site* site : modalities) known.insert(site->aeTitle(), orthancModality(*site, tls));
    QJsonObject config = orthancConfiguration(m_storage.path(), m_port, known);
    if (tls) addOrthancTls(config, pki);
    const QString configFile = m_storage.filePath(QStringLiteral("orthanc.json"));
    QFile file(configFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0) return;
    file.close();
    m_process.setProcessEnvironment(dcmtkEnvironment());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("Orthanc"), {configFile});
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && m_process.state() != QProcess::NotRunning && !m_log.contains(QStringLiteral("Orthanc has started")))
        if (m_process.waitForReadyRead(200)) log();
    m_started = m_log.contains(QStringLiteral("Orthanc has started"));
}

OrthancPeer::~OrthancPeer() {
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) m_process.kill();
    m_process.waitForFinished();
}

QString OrthancPeer::log() {
    m_log += QString::fromLocal8Bit(m_process.readAll());
    return m_log;
}

qint64 OrthancPeer::storedBytes() const {
    qint64 bytes = 0;
    for (const QString& f : filesUnder(m_storage.path())) bytes += QFileInfo(m_storage.filePath(f)).size();
    return bytes;
}

namespace {

void registerDecoders() {
    static bool done = false;
    if (done) return;
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    done = true;
}

QByteArray encode(DcmDataset& dataset, E_TransferSyntax xfer) {
    delete dataset.remove(DCM_SpecificCharacterSet);  // may be added or normalised in transit (remove() hands it over)
    delete dataset.remove(DCM_DataSetTrailingPadding);  // DCMTK drops it when sending: not content
    // Group lengths (gggg,0000) are an encoding detail that senders drop: left out on both sides.
    const Uint32 length = dataset.calcElementLength(xfer, EET_ExplicitLength);
    QByteArray bytes(static_cast<qsizetype>(length) + 1024, '\0');
    DcmOutputBufferStream stream(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    dataset.transferInit();
    dataset.write(stream, xfer, EET_ExplicitLength, nullptr, EGL_withoutGL);
    dataset.transferEnd();
    void* buffer = nullptr;
    offile_off_t written = 0;
    stream.flushBuffer(buffer, written);
    bytes.truncate(static_cast<qsizetype>(written));
    return bytes;
}

}  // namespace

QString compareDatasets(const QString& expectedFile, const QString& actualFile) {
    registerDecoders();
    DcmFileFormat expected, actual;
    if (expected.loadFile(QFile::encodeName(expectedFile).constData()).bad()) return QStringLiteral("cannot read %1").arg(expectedFile);
    if (actual.loadFile(QFile::encodeName(actualFile).constData()).bad()) return QStringLiteral("cannot read %1").arg(actualFile);
    const E_TransferSyntax xfer = expected.getDataset()->getOriginalXfer();
    if (actual.getDataset()->getOriginalXfer() != xfer && actual.getDataset()->chooseRepresentation(xfer, nullptr).bad())
        return QStringLiteral("%1 arrived in another transfer syntax that cannot be converted back").arg(actualFile);
    const QByteArray a = encode(*expected.getDataset(), xfer), b = encode(*actual.getDataset(), xfer);
    if (a == b) return {};
    return QStringLiteral("%1 and %2 differ (%3 vs %4 bytes)").arg(expectedFile, actualFile).arg(a.size()).arg(b.size());
}

namespace {

// The first value of `tag` in `file`'s meta header or dataset; empty when unreadable.
QString firstString(const QString& file, const DcmTagKey& tag) {
    DcmFileFormat format;
    if (format.loadFile(QFile::encodeName(file).constData()).bad()) return {};
    OFString value;
    if (format.getMetaInfo()->findAndGetOFString(tag, value).bad()) format.getDataset()->findAndGetOFString(tag, value);
    return QString::fromLatin1(value.c_str());
}

}  // namespace

QString sopInstanceUidOf(const QString& file) { return firstString(file, DCM_SOPInstanceUID); }

QString transferSyntaxOf(const QString& file) { return firstString(file, DCM_TransferSyntaxUID); }

QStringList mrStudyFiles() {
    const QString folder = corpusFolder() + QStringLiteral("/dcm4che-mr-series");
    QStringList files;
    for (const QString& f : filesUnder(folder)) files << folder + QLatin1Char('/') + f;
    return files;
}

}  // namespace telerad::test
