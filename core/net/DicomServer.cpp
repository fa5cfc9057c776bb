#include "DicomServer.h"

#include "DicomTls.h"
#include "ScpAssociation.h"
#include "TransferSyntaxes.h"
#include "common/Logging.h"
#include "dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace telerad {

namespace {

class ScpPool : public DcmBaseSCPPool {
public:
    explicit ScpPool(const ScpContext& context) : m_context(context) {}

protected:
    DcmBaseSCPWorker* createSCPWorker() override { return new ScpAssociation(*this, m_context); }

private:
    const ScpContext& m_context;
};

// The profile only needs one context: ScpAssociation negotiates the rest itself.
Status addPresentationContexts(DcmSCPConfig& config) {
    OFList<OFString> uncompressed;
    for (const QString& uid : transfersyntax::uncompressed()) uncompressed.push_back(OFString(uid.toLatin1().constData()));
    const OFCondition cond = config.addPresentationContext(UID_VerificationSOPClass, uncompressed);
    if (cond.bad()) return failure(QStringLiteral("DICOM service: presentation contexts: %1").arg(QString::fromLatin1(cond.text())));
    return success();
}

// Fails in words when nothing can listen on `port` (taken, or privileged).
Status checkPortFree(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return failure(QStringLiteral("cannot create a socket: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    const int bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    const int error = errno;
    ::close(fd);
    if (bound != 0) return failure(QStringLiteral("port %1 is not available: %2").arg(port).arg(QString::fromLocal8Bit(strerror(error))));
    return success();
}

}  // namespace

struct DicomServer::Private {
    ScpContext context;
    std::shared_ptr<DcmTLSTransportLayer> tls;
    std::unique_ptr<ScpPool> pool;
    std::thread listener;
};

DicomServer::DicomServer(NodeBook book, ServerSettings settings, DicomServices& services, DicomServerObserver* observer)
    : d(new Private{ScpContext{std::move(book), std::move(settings), services, observer}, {}, {}, {}}) {}

DicomServer::~DicomServer() { stop(); }

const ServerSettings& DicomServer::settings() const { return d->context.settings; }

Status DicomServer::start() {
    enableNoDelayOnDicomSockets();
    registerDicomCodecs();  // C-GET answers may need an archived image in another syntax
    const ServerSettings& settings = d->context.settings;
    if (Status s = validateAeTitle(settings.aeTitle); !s.ok()) return s;
    if (Status s = checkPortFree(settings.port); !s.ok()) return failure(QStringLiteral("DICOM service: %1").arg(s.error()));
    d->pool = std::make_unique<ScpPool>(d->context);
    DcmSCPConfig& config = d->pool->getConfig();
    config.setAETitle(settings.aeTitle.toLatin1().constData());
    config.setPort(settings.port);
    config.setMaxReceivePDULength(transfersyntax::kMaxPduBytes);
    config.setConnectionBlockingMode(DUL_NOBLOCK);
    config.setConnectionTimeout(1);  // the listener looks for a stop request every second
    config.setACSETimeout(30);
    config.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    config.setDIMSETimeout(120);
    config.setHostLookupEnabled(OFFalse);
    if (Status s = addPresentationContexts(config); !s.ok()) return s;
    if (settings.tls) {
        auto tls = makeTlsLayer(AssociationRole::Acceptor, d->context.book);
        if (!tls.ok()) return failure(tls.error());
        d->tls = tls.value();
        config.setTransportLayer(d->tls.get());
    }
    d->pool->setMaxThreads(static_cast<Uint16>(settings.maxAssociations));
    d->listener = std::thread([pool = d->pool.get()] { pool->listen(); });
    qCInfo(lcNet).noquote() << "DICOM service" << settings.aeTitle << "listening on port" << settings.port
                            << (settings.tls ? "with TLS" : "WITHOUT TLS");
    return success();
}

void DicomServer::stop() {
    if (!d->pool) return;
    d->pool->stopAfterCurrentAssociations();
    if (d->listener.joinable()) d->listener.join();
    d->pool.reset();
    d->tls.reset();
}

}  // namespace telerad
