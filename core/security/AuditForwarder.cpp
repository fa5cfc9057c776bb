#include "AuditForwarder.h"

#include "AuditTrail.h"
#include "common/AtomicFile.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSysInfo>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <atomic>
#include <memory>

namespace telerad {

namespace {

// After a failure, wait this long before trying again, so that an unreachable repository
// does not slow every audited action; the records wait in the trail meanwhile.
constexpr qint64 kRetryAfterMs = 60'000;
std::atomic<qint64> g_retryAt{0};

QString settingsFile(const QString& root) { return root + QStringLiteral("/security.json"); }
QString progressFile(const QString& root) { return root + QStringLiteral("/audit-forwarded.json"); }

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString openSslError() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return QStringLiteral("connection closed");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

struct TlsConnection {
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context{nullptr, SSL_CTX_free};
    std::unique_ptr<BIO, decltype(&BIO_free_all)> bio{nullptr, BIO_free_all};
};

// Mutual TLS 1.2+ to the repository with the site's key and certificate, the peer verified
// against the site's trusted CAs (the same trust as DICOM TLS).
Result<TlsConnection> connectTo(const AuditRepository& repository, const QString& root) {
    const QByteArray key = QFile::encodeName(root + QStringLiteral("/tls/site.key"));
    const QByteArray certificate = QFile::encodeName(root + QStringLiteral("/tls/site.crt"));
    const QByteArray trusted = QFile::encodeName(root + QStringLiteral("/tls/trusted.pem"));
    const QString where = QStringLiteral("audit repository %1").arg(repository.describe());
    TlsConnection c;
    c.context.reset(SSL_CTX_new(TLS_client_method()));
    if (!c.context) return failure(QStringLiteral("%1: %2").arg(where, openSslError()));
    SSL_CTX_set_min_proto_version(c.context.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(c.context.get(), SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_load_verify_locations(c.context.get(), trusted.constData(), nullptr) != 1 ||
        SSL_CTX_use_certificate_chain_file(c.context.get(), certificate.constData()) != 1 ||
        SSL_CTX_use_PrivateKey_file(c.context.get(), key.constData(), SSL_FILETYPE_PEM) != 1)
        return failure(QStringLiteral("%1: the site's key, certificate or trusted CAs cannot be read (tls init or tls import first): %2")
                           .arg(where, openSslError()));
    c.bio.reset(BIO_new_ssl_connect(c.context.get()));
    SSL* ssl = nullptr;
    BIO_get_ssl(c.bio.get(), &ssl);
    SSL_set_mode(ssl, SSL_MODE_AUTO_RETRY);
    SSL_set_tlsext_host_name(ssl, repository.host.toLatin1().constData());
    BIO_set_conn_hostname(c.bio.get(), repository.describe().toLatin1().constData());
    if (BIO_do_connect(c.bio.get()) != 1 || BIO_do_handshake(c.bio.get()) != 1)
        return failure(QStringLiteral("%1: %2").arg(where, openSslError()));
    return c;
}

Status sendAll(BIO* bio, const QByteArray& bytes) {
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const int n = BIO_write(bio, bytes.constData() + sent, int(bytes.size() - sent));
        if (n <= 0) return failure(openSslError());
        sent += n;
    }
    return success();
}

}  // namespace

Result<AuditRepository> loadAuditRepository(const QString& dataFolderRoot) {
    const QJsonObject settings = readJsonObject(settingsFile(dataFolderRoot)).value(QStringLiteral("auditRepository")).toObject();
    AuditRepository repository;
    repository.host = settings.value(QStringLiteral("host")).toString();
    const int port = settings.value(QStringLiteral("port")).toInt(6514);
    if (port <= 0 || port > 65535) return failure(QStringLiteral("%1: auditRepository.port %2 is not a port").arg(settingsFile(dataFolderRoot)).arg(port));
    repository.port = quint16(port);
    return repository;
}

Status saveAuditRepository(const QString& dataFolderRoot, const AuditRepository& repository) {
    QJsonObject settings = readJsonObject(settingsFile(dataFolderRoot));
    if (repository.enabled())
        settings.insert(QStringLiteral("auditRepository"), QJsonObject{{QStringLiteral("host"), repository.host}, {QStringLiteral("port"), repository.port}});
    else
        settings.remove(QStringLiteral("auditRepository"));
    g_retryAt = 0;
    return writeFileAtomically(settingsFile(dataFolderRoot), QJsonDocument(settings).toJson());
}

QByteArray syslogMessage(const QByteArray& auditXml, const QDateTime& time, const QString& hostName) {
    // <85>: facility 10 (security/authorization), severity 5 (notice); MSGID as IHE ATNA asks.
    return QStringLiteral("<85>1 %1 %2 telerad %3 IHE+RFC-3881 - ")
               .arg(time.toUTC().toString(Qt::ISODateWithMs), hostName.isEmpty() ? QStringLiteral("-") : hostName)
               .arg(QCoreApplication::applicationPid())
               .toUtf8() +
           auditXml;
}

Result<int> forwardPendingAudit(const QString& dataFolderRoot) {
    auto repository = loadAuditRepository(dataFolderRoot);
    if (!repository.ok()) return failure(repository.error());
    if (!repository->enabled() || QDateTime::currentMSecsSinceEpoch() < g_retryAt) return 0;
    QLockFile sending(dataFolderRoot + QStringLiteral("/audit-forwarding.lock"));
    if (!sending.tryLock(0)) return 0;  // another process of this folder is sending them
    const QJsonObject progress = readJsonObject(progressFile(dataFolderRoot));
    const qint64 sentUpTo = progress.value(QStringLiteral("repository")).toString() == repository->describe()
                                ? qint64(progress.value(QStringLiteral("lastSequence")).toDouble()) : 0;
    auto trail = AuditTrail::open(dataFolderRoot);
    if (!trail.ok()) return failure(trail.error());
    AuditFilter pending;
    pending.afterSequence = sentUpTo;
    auto records = trail->list(pending);
    if (!records.ok()) return failure(records.error());
    if (records->isEmpty()) return 0;
    auto connection = connectTo(repository.value(), dataFolderRoot);
    const QString host = QSysInfo::machineHostName();
    qint64 last = sentUpTo;
    Status sent = connection.ok() ? success() : Status(failure(connection.error()));
    for (const AuditRecord& record : records.value()) {
        if (!sent.ok()) break;
        const QByteArray message = syslogMessage(auditMessageXml(record, host), record.time, host);
        sent = sendAll(connection->bio.get(), QByteArray::number(message.size()) + ' ' + message);  // RFC 5425 octet counting
        if (sent.ok()) last = record.sequence;
    }
    if (connection.ok()) {
        (void)BIO_flush(connection->bio.get());
        SSL* ssl = nullptr;
        BIO_get_ssl(connection->bio.get(), &ssl);
        SSL_shutdown(ssl);
    }
    if (last > sentUpTo)
        (void)writeFileAtomically(progressFile(dataFolderRoot),
                                  QJsonDocument(QJsonObject{{QStringLiteral("repository"), repository->describe()},
                                                            {QStringLiteral("lastSequence"), double(last)}}).toJson());
    if (!sent.ok()) {
        g_retryAt = QDateTime::currentMSecsSinceEpoch() + kRetryAfterMs;
        return failure(QStringLiteral("audit repository %1: %2 (%3 records wait in the trail)")
                           .arg(repository->describe(), sent.error()).arg(records->size() - (last - sentUpTo)));
    }
    return int(last - sentUpTo);
}

}  // namespace telerad
