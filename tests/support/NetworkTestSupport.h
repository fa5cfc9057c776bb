#pragma once
// Helpers for networking tests with real peers on loopback: free ports, a test PKI made
// with telerad-cli itself, telerad-cli serve as a child process, DCMTK's tools as peers,
// and a byte-for-byte comparison of DICOM datasets.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace telerad::test {

/// A TCP port nobody listens on right now on 127.0.0.1, below the range the kernel gives
/// outgoing connections (so none of them takes it before a test's server binds it).
quint16 freePort();

/// Environment for DCMTK's tools: no-delay sockets (STACK.md: 45-65x otherwise).
QProcessEnvironment dcmtkEnvironment();

struct ToolRun {
    int exitCode = -1;  ///< -1 when it crashed or did not finish in time
    QString out, err;
};
/// Runs `program` to completion (e.g. storescu) with dcmtkEnvironment().
ToolRun runTool(const QString& program, const QStringList& arguments, int timeoutMs = 120000);

/// A CA and certificates for the test, made by `telerad-cli tls ca` in a temporary folder.
class TestPki {
public:
    explicit TestPki(const QString& cli);
    bool ok() const { return m_ok; }
    QString caCertificate() const { return m_dir.filePath(QStringLiteral("ca/ca.crt")); }
    /// Issues (once) a site certificate named `cn`, valid `days` days (the CLI's default
    /// when 0; negative: expired that long ago); returns {key, cert} paths.
    QStringList issue(const QString& cn, int days = 0);
    /// Issues a person's (signing) certificate named `cn`, also as PKCS#12 protected by
    /// `passphrase`; returns {key, cert, p12} paths, empty when a tool failed.
    QStringList issuePerson(const QString& cn, const QString& passphrase);
    QString folder() const { return m_dir.path(); }

private:
    QString m_cli;
    QTemporaryDir m_dir;
    bool m_ok = false;
};

/// A Telerad site: its own data folder, AE title and port; runs `telerad-cli serve`.
class Site {
public:
    Site(const QString& cli, const QString& aeTitle);
    ~Site();

    /// telerad-cli --home <home> ARGS..., waiting for the end; exit code, stdout, stderr.
    ToolRun cli(const QStringList& arguments, int timeoutMs = 240000) const;
    /// Imports a key and certificate issued by `pki` for this site's AE title.
    bool enrol(TestPki& pki) const;
    /// Adds a node to this site's book: nodes add NAME --aet AE --host 127.0.0.1 --port PORT EXTRA...
    bool addNode(const QString& name, const QString& aeTitle, quint16 port, const QStringList& extra = {}) const;
    /// Starts `serve` (extra arguments such as --no-tls) and waits until it listens.
    bool startServing(const QStringList& extra = {});
    /// SIGTERM and wait: true when it stopped cleanly with exit code 0.
    bool stopServing();
    /// What `serve` printed so far.
    QString serveOutput();

    QString home() const { return m_home.path(); }
    QString aeTitle() const { return m_aeTitle; }
    quint16 port() const { return m_port; }
    /// Files in the archive, relative to its root, sorted.
    QStringList archivedFiles() const;
    /// The audit records of `action` (`audit list --action`), each as its tab-separated
    /// columns: number, time, user, role, action, outcome, patient, study, peer, detail.
    QList<QStringList> auditRecords(const QString& action) const;

private:
    QString m_cli, m_aeTitle;
    QTemporaryDir m_home;
    quint16 m_port;
    std::unique_ptr<QProcess> m_serve;
    QString m_serveOutput;
};

/// Debian's Orthanc as a child process, on a free loopback port with a generated
/// configuration and a temporary storage folder; `modalities` are the sites it knows (all
/// operations allowed). With `tls`, DICOM TLS with a certificate from `pki`, client
/// certificates required.
class OrthancPeer {
public:
    OrthancPeer(const QList<const Site*>& modalities, bool tls, TestPki& pki);
    ~OrthancPeer();
    bool started() const { return m_started; }
    quint16 port() const { return m_port; }
    /// Everything Orthanc printed so far.
    QString log();
    /// Bytes Orthanc holds in its storage area (DICOM files and index).
    qint64 storedBytes() const;

private:
    QTemporaryDir m_storage;
    quint16 m_port;
    QProcess m_process;
    QString m_log;
    bool m_started = false;
};

/// Empty when the two files hold the same dataset (every attribute and the pixel data,
/// compared as encoded in the first file's transfer syntax); else what differs.
QString compareDatasets(const QString& expectedFile, const QString& actualFile);

/// The SOP Instance UID of a DICOM file, empty when unreadable.
QString sopInstanceUidOf(const QString& file);

/// The corpus's 16-image MR study (dcm4che-mr-series), absolute paths, and its UID.
QStringList mrStudyFiles();
inline const QString kMrStudyUid = QStringLiteral("1.113654.3.13.1026");
/// The Transfer Syntax UID in a file's meta header; empty when unreadable.
QString transferSyntaxOf(const QString& file);

}  // namespace telerad::test
