#pragma once
// The DICOM service of a site: one listener, one worker thread per association (DCMTK's
// DcmSCPPool). Verification, Storage of every storage SOP class in any transfer syntax,
// Query/Retrieve (Study and Patient Root: C-FIND, C-MOVE, C-GET). Only nodes in the address
// book may associate, each for the operations it is allowed; with TLS, a node with a pinned
// certificate must present that certificate (or one its pinned CA issued).

#include "DicomServices.h"
#include "NodeBook.h"
#include "common/Result.h"

#include <memory>

namespace telerad {

struct ServerSettings {
    QString aeTitle;   ///< the called AE title we answer to
    quint16 port = 0;  ///< listening port (all interfaces)
    bool tls = true;   ///< off only when asked for explicitly (--no-tls)
    int maxAssociations = 16;
};

class DicomServer {
public:
    DicomServer(NodeBook book, ServerSettings settings, DicomServices& services, DicomServerObserver* observer = nullptr);
    ~DicomServer();  ///< stops
    DicomServer(const DicomServer&) = delete;
    DicomServer& operator=(const DicomServer&) = delete;

    /// Opens the port and starts listening on a thread of its own; fails in words when the
    /// port is taken or TLS cannot be set up.
    Status start();
    /// Refuses new associations, lets the running ones finish, and returns when all are done.
    void stop();

    const ServerSettings& settings() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace telerad
