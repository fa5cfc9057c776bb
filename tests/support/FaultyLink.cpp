#include "FaultyLink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>

namespace telerad::test {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kChunkBytes = 4096;  // small chunks keep the throttle smooth
constexpr std::size_t kMaxQueuedBytes = 1 << 20;

int listenOnLoopback(quint16& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd, 16) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        return -1;
    }
    port = ntohs(address.sin_port);
    return fd;
}

int connectToLoopback(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
}

void setNoDelay(int fd) {
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Closing with linger 0 sends a reset, as a dropped mobile link looks to both ends.
void closeAbruptly(int fd) {
    const linger resetOnClose{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &resetOnClose, sizeof resetOnClose);
    ::close(fd);
}

struct Chunk {
    Clock::time_point due;
    std::vector<char> bytes;
};

// One direction of one connection: read as it comes, forward each chunk once its latency
// has passed and the bandwidth budget allows. Returns when either end closes, the link is
// stopped, or (upstream only) the planned cut point is reached.
struct Pump {
    int from, to;
    const LinkConditions& conditions;
    const std::atomic<bool>& stopping;
    std::atomic<bool>& cut;
    std::atomic<qint64>& forwardedTotal;
    qint64 cutAfter = -1;  // -1: never

    void run() {
        std::deque<Chunk> pending;
        std::size_t pendingBytes = 0;
        qint64 sent = 0;
        bool endOfInput = false;
        const Clock::time_point start = Clock::now();
        while (!stopping.load() && !cut.load()) {
            const Clock::time_point allowed = start + std::chrono::microseconds(sent * 1000000 / conditions.bytesPerSecond);
            const int timeoutMs = pending.empty() ? 100 : waitMs(std::max(pending.front().due, allowed));
            pollfd watch{from, static_cast<short>(endOfInput || pendingBytes > kMaxQueuedBytes ? 0 : POLLIN), 0};
            if (::poll(&watch, 1, timeoutMs) < 0) break;
            if (watch.revents & (POLLIN | POLLHUP | POLLERR)) {
                Chunk chunk{Clock::now() + std::chrono::milliseconds(conditions.latencyMs), std::vector<char>(kChunkBytes)};
                const ssize_t n = ::read(from, chunk.bytes.data(), chunk.bytes.size());
                if (n <= 0) {
                    endOfInput = true;
                } else {
                    chunk.bytes.resize(static_cast<std::size_t>(n));
                    pendingBytes += chunk.bytes.size();
                    pending.push_back(std::move(chunk));
                }
            }
            while (!pending.empty() && pending.front().due <= Clock::now() &&
                   start + std::chrono::microseconds(sent * 1000000 / conditions.bytesPerSecond) <= Clock::now()) {
                const std::vector<char>& bytes = pending.front().bytes;
                if (!writeAll(bytes)) return;
                sent += static_cast<qint64>(bytes.size());
                forwardedTotal += static_cast<qint64>(bytes.size());
                pendingBytes -= bytes.size();
                pending.pop_front();
                if (cutAfter >= 0 && sent >= cutAfter) {
                    cut = true;
                    return;
                }
            }
            if (endOfInput && pending.empty()) {
                ::shutdown(to, SHUT_WR);  // pass the orderly close on
                return;
            }
        }
    }

    static int waitMs(Clock::time_point when) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count();
        return static_cast<int>(std::clamp<long long>(ms, 0, 100));
    }

    bool writeAll(const std::vector<char>& bytes) const {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(to, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
};

}  // namespace

FaultyLink::FaultyLink(quint16 servicePort, LinkConditions conditions)
    : m_servicePort(servicePort), m_conditions(std::move(conditions)) {
    m_listener = listenOnLoopback(m_port);
    if (m_listener >= 0) m_acceptThread = std::thread([this] { acceptLoop(); });
}

FaultyLink::~FaultyLink() {
    m_stopping = true;
    if (m_acceptThread.joinable()) m_acceptThread.join();
    for (std::thread& relay : m_relays) relay.join();
    if (m_listener >= 0) ::close(m_listener);
}

void FaultyLink::acceptLoop() {
    while (!m_stopping.load()) {
        pollfd watch{m_listener, POLLIN, 0};
        if (::poll(&watch, 1, 100) <= 0) continue;
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0) continue;
        const int index = m_accepted++;
        m_relays.emplace_back([this, client, index] { relay(client, index); });
    }
}

void FaultyLink::relay(int client, int connectionIndex) {
    const int service = connectToLoopback(m_servicePort);
    if (service < 0) {
        closeAbruptly(client);
        return;
    }
    setNoDelay(client);
    setNoDelay(service);
    std::atomic<bool> cut{false};
    const qint64 cutAfter = connectionIndex < static_cast<int>(m_conditions.cutsAfterBytes.size())
                                ? m_conditions.cutsAfterBytes[static_cast<std::size_t>(connectionIndex)]
                                : -1;
    Pump upstream{client, service, m_conditions, m_stopping, cut, m_forwarded, cutAfter};
    Pump downstream{service, client, m_conditions, m_stopping, cut, m_forwarded};
    std::thread back([&downstream] { downstream.run(); });
    upstream.run();
    if (cut.load() || m_stopping.load()) {
        // Wake the other direction at once: it may be blocked in send().
        ::shutdown(client, SHUT_RDWR);
        ::shutdown(service, SHUT_RDWR);
    }
    back.join();
    if (cut.load()) {
        ++m_cut;
        closeAbruptly(client);
        closeAbruptly(service);
    } else {
        ::close(client);
        ::close(service);
    }
}

}  // namespace telerad::test
