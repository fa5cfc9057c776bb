#pragma once
// A TCP proxy of the tests' own that behaves like a fragile rural link between a DICOM
// client and a service on loopback: limited bandwidth, added latency, and connections cut
// in mid-transfer (reset, as when a 4G link drops) a planned number of times.
// Plain POSIX sockets on threads of its own, so the test may block on child processes.

#include <QtGlobal>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace telerad::test {

struct LinkConditions {
    qint64 bytesPerSecond = 250000;  ///< per direction; 2 Mbit/s by default
    int latencyMs = 20;              ///< added before each forwarded chunk, both directions
    /// Connection i (in the order accepted) is reset after it forwarded cutsAfterBytes[i]
    /// bytes from client to service; connections beyond the list are left alone.
    std::vector<qint64> cutsAfterBytes;
};

class FaultyLink {
public:
    FaultyLink(quint16 servicePort, LinkConditions conditions);
    ~FaultyLink();
    FaultyLink(const FaultyLink&) = delete;
    FaultyLink& operator=(const FaultyLink&) = delete;

    bool listening() const { return m_listener >= 0; }
    quint16 port() const { return m_port; }
    int connectionsAccepted() const { return m_accepted.load(); }
    int connectionsCut() const { return m_cut.load(); }
    qint64 bytesForwarded() const { return m_forwarded.load(); }

private:
    void acceptLoop();
    void relay(int client, int connectionIndex);

    quint16 m_servicePort;
    LinkConditions m_conditions;
    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_accepted{0}, m_cut{0};
    std::atomic<qint64> m_forwarded{0};
    std::thread m_acceptThread;
    std::vector<std::thread> m_relays;  // touched by the accept thread only, joined after it
};

}  // namespace telerad::test
