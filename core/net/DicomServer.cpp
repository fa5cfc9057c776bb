#include "DicomServer.h"

#include "DicomTls.h"
#include "ScpAssociation.h"
#include "TransferSyntaxes.h"
#include "common/Logging.h"
#include "dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dulstruc.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace telerad {

namespace {

// The address a connected socket's peer has, as text ("" when the system cannot say).
std::string peerAddressOf(DcmNativeSocketType socket) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (::getpeername(static_cast<int>(socket), reinterpret_cast<sockaddr*>(&peer), &length) != 0) return {};
    char text[INET6_ADDRSTRLEN] = {};
    const void* address = peer.ss_family == AF_INET6 ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr)
                                                     : static_cast<const void*>(&reinterpret_cast<const sockaddr_in&>(peer).sin_addr);
    return ::inet_ntop(peer.ss_family, address, text, sizeof text) ? std::string(text) : std::string();
}

// The connections being accepted: accepted by TCP, not yet an association (their TLS
// handshake or association request is still being read). A stop shuts them down so that it
// need not wait for a silent peer's timeout (15 s for a handshake, 30 s for a request); one
// address may hold only so many of the accepting threads at once, and when silent
// connections from many addresses take nearly all of them, the oldest are shut (see
// makeRoom): either way the others stay free for everyone else.
class ConnectionsBeingAccepted : public DcmTransportLayer {
public:
    /// Makes connections with `layer` (DCMTK's plain TCP layer when null) for `threads`
    /// accepting threads; at most `perAddress` of them from one address at a time.
    ConnectionsBeingAccepted(DcmTransportLayer* layer, int threads, int perAddress)
        : m_layer(layer ? layer : &m_plain), m_threads(threads), m_perAddress(perAddress) {}

    DcmTransportConnection* createConnection(DcmNativeSocketType socket, OFBool useSecureLayer) override {
        std::string address = peerAddressOf(socket);
        {
            std::lock_guard lock(m_mutex);
            const auto fromThere = std::count_if(m_sockets.begin(), m_sockets.end(), [&](const auto& entry) { return entry.second.address == address; });
            if (m_interrupted || fromThere >= m_perAddress) ::shutdown(static_cast<int>(socket), SHUT_RDWR);  // its handshake fails at once
            if (fromThere >= m_perAddress)
                qCInfo(lcNet).noquote() << "DICOM service: refused a connection from" << QString::fromStdString(address) << "which already has"
                                        << fromThere << "connections being accepted";
            // Each accepting thread accepts one at a time.
            m_sockets[std::this_thread::get_id()] = {socket, std::move(address), std::chrono::steady_clock::now(),
                                                     m_interrupted || fromThere >= m_perAddress};
        }
        return m_layer->createConnection(socket, useSecureLayer);
    }
    /// The calling thread's connection is an association now, or was closed: not ours to stop.
    void accepted() {
        std::lock_guard lock(m_mutex);
        m_sockets.erase(std::this_thread::get_id());
    }
    void interrupt() {
        std::lock_guard lock(m_mutex);
        m_interrupted = true;
        for (const auto& [thread, connection] : m_sockets) ::shutdown(static_cast<int>(connection.socket), SHUT_RDWR);
    }
    /// While at most one accepting thread is left free, shuts the connection that has been
    /// in its handshake longest, if for long enough that no peer that means to talk is still
    /// at it (kLongestHandshake), so that silent connections from many addresses cannot take
    /// every thread either. Called every so often (ScpPool's watchdog), not by the accepting
    /// threads: with all of them taken, none would be there to do it.
    void makeRoom() {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        for (;;) {
            Connection* oldest = nullptr;
            long waiting = 0;
            for (auto& [thread, connection] : m_sockets) {
                if (connection.shut) continue;
                ++waiting;
                if (!oldest || connection.since < oldest->since) oldest = &connection;
            }
            if (waiting < m_threads - 1 || !oldest || now - oldest->since < kLongestHandshake) return;
            ::shutdown(static_cast<int>(oldest->socket), SHUT_RDWR);
            oldest->shut = true;
            qCInfo(lcNet).noquote() << "DICOM service:" << waiting << "of" << m_threads << "accepting threads were waiting on handshakes; shut the connection from"
                                    << QString::fromStdString(oldest->address) << "silent for"
                                    << std::chrono::duration_cast<std::chrono::seconds>(now - oldest->since).count() << "s";
        }
    }

private:
    // A TLS handshake and an association request take a few round trips: well under a
    // second on a clinic's link, a couple of seconds over a satellite one.
    static constexpr std::chrono::seconds kLongestHandshake{3};

    struct Connection {
        DcmNativeSocketType socket;
        std::string address;
        std::chrono::steady_clock::time_point since;
        bool shut;  // by makeRoom; its thread has yet to see it fail
    };
    DcmTransportLayer m_plain;
    DcmTransportLayer* m_layer;
    const long m_threads;
    const long m_perAddress;
    std::mutex m_mutex;
    std::map<std::thread::id, Connection> m_sockets;  // guarded by m_mutex
    bool m_interrupted = false;                       // guarded by m_mutex
};

// DCMTK's pool accepts on one thread, and accepting includes the TLS handshake and reading
// the association request: one connection that opened and said nothing (a link dropped in
// the handshake, a port scanner) kept every other peer, and the service's stop, waiting
// until it timed out. Here as many threads as associations are allowed accept at once, each
// handing what it accepted to a worker: a silent connection holds one of them, not the service.
class ScpPool : public DcmBaseSCPPool {
public:
    ScpPool(const ScpContext& context, int acceptors) : m_context(context), m_acceptors(std::max(acceptors, 1)) {}
    ~ScpPool() override {
        if (m_network) ASC_dropNetwork(&m_network);
    }

    /// Listens on the configured port (before listen(), so that a port taken fails in words).
    Status openNetwork();
    OFCondition listen() override;
    void stopAfterCurrentAssociations() override {
        m_stopping = true;
        if (m_accepting) m_accepting->interrupt();
        DcmBaseSCPPool::stopAfterCurrentAssociations();
    }

protected:
    DcmBaseSCPWorker* createSCPWorker() override { return new ScpAssociation(*this, m_context); }

private:
    void accept(const DcmSharedSCPConfig& shared);

    const ScpContext& m_context;
    const int m_acceptors;
    std::atomic_bool m_stopping{false};
    std::unique_ptr<ConnectionsBeingAccepted> m_accepting;  // set by openNetwork(), then constant
    T_ASC_Network* m_network = nullptr;
};

// Several threads wait on one listening socket; each connection wakes them all and one wins.
// Non-blocking, the others' accept fails at once ("try again") instead of waiting there for
// the next connection, where no stop request would reach them.
void makeListeningSocketNonBlocking(T_ASC_Network* network) {
    const auto* key = reinterpret_cast<const PRIVATE_NETWORKKEY*>(network->network);
    const int socket = static_cast<int>(key->networkSpecific.TCP.listenSocket);
    ::fcntl(socket, F_SETFL, ::fcntl(socket, F_GETFL) | O_NONBLOCK);
}

Status ScpPool::openNetwork() {
    DcmSCPConfig& config = getConfig();
    // Three quarters of the accepting threads: more than our own sender's parallel
    // associations, and a quarter always left to other addresses.
    const int perAddress = std::max(1, m_acceptors * 3 / 4);
    m_accepting = std::make_unique<ConnectionsBeingAccepted>(config.transportLayerEnabled() ? config.getTransportLayer() : nullptr,
                                                             m_acceptors, perAddress);
    OFCondition cond = ASC_initializeNetwork(NET_ACCEPTOR, static_cast<int>(config.getPort()), static_cast<int>(config.getACSETimeout()), &m_network);
    if (cond.good()) cond = ASC_setTransportLayer(m_network, m_accepting.get(), 0);
    if (cond.bad()) {
        if (m_network) ASC_dropNetwork(&m_network);
        return failure(QStringLiteral("DICOM service: cannot listen on port %1: %2").arg(config.getPort()).arg(QString::fromLatin1(cond.text())));
    }
    makeListeningSocketNonBlocking(m_network);
    return success();
}

OFCondition ScpPool::listen() {
    if (!m_network) return EC_IllegalCall;  // openNetwork() failed or was not called
    const DcmSharedSCPConfig shared(getConfig());
    std::vector<std::thread> acceptors;
    for (int i = 0; i < m_acceptors; ++i) acceptors.emplace_back([&] { accept(shared); });
    std::thread watchdog([this] {
        for (; !m_stopping; std::this_thread::sleep_for(std::chrono::milliseconds(250))) m_accepting->makeRoom();
    });
    for (std::thread& acceptor : acceptors) acceptor.join();
    watchdog.join();
    while (numThreads(OFTrue) > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // workers finishing
    return EC_Normal;
}

void ScpPool::accept(const DcmSharedSCPConfig& shared) {
    DcmSCPConfig& config = getConfig();
    const QString lostTheRace = QString::fromLocal8Bit(strerror(EAGAIN));
    while (!m_stopping) {
        T_ASC_Association* association = nullptr;
        // Waits a second at most for a connection, so that a stop request is seen.
        const OFCondition received = ASC_receiveAssociation(m_network, &association, config.getMaxReceivePDULength(), nullptr, nullptr,
                                                            config.transportLayerEnabled(), DUL_NOBLOCK, 1);
        m_accepting->accepted();  // before its socket goes to a worker or is closed
        if (received.good()) {
            const OFCondition handed = runAssociation(association, shared);
            if (handed.good()) continue;
            rejectAssociation(association, handed == NET_EC_SCPBusy ? ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED
                                                                    : ASC_REASON_SP_PRES_TEMPORARYCONGESTION);
            dropAndDestroyAssociation(association);
        } else if (received == DUL_NOASSOCIATIONREQUEST) {
            ASC_destroyAssociation(&association);
        } else {
            dropAndDestroyAssociation(association);
            const QString why = QString::fromLatin1(received.text());
            if (!m_stopping && !why.contains(lostTheRace)) qCInfo(lcNet).noquote() << "DICOM service: a connection failed before its association:" << why;
        }
    }
}

// The profile only needs one context: ScpAssociation negotiates the rest itself.
Status addPresentationContexts(DcmSCPConfig& config) {
    OFList<OFString> uncompressed;
    for (const QString& uid : transfersyntax::uncompressed()) uncompressed.push_back(OFString(uid.toLatin1().constData()));
    const OFCondition cond = config.addPresentationContext(UID_VerificationSOPClass, uncompressed);
    if (cond.bad()) return failure(QStringLiteral("DICOM service: presentation contexts: %1").arg(QString::fromLatin1(cond.text())));
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
    d->pool = std::make_unique<ScpPool>(d->context, settings.maxAssociations);
    DcmSCPConfig& config = d->pool->getConfig();
    config.setAETitle(settings.aeTitle.toLatin1().constData());
    config.setPort(settings.port);
    config.setMaxReceivePDULength(transfersyntax::kMaxPduBytes);
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
    if (Status s = d->pool->openNetwork(); !s.ok()) return s;
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
