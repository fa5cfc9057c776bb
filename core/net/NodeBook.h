#pragma once
// The address book of DICOM nodes and this site's own identity (AE title, port, TLS files),
// kept in <data folder>/network.json and <data folder>/tls/. Values only: nothing here
// opens a socket.

#include "common/Result.h"

#include <QFlags>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace telerad {

/// What a peer may ask of us.
enum class Operation { Store = 1, Find = 2, Move = 4, Get = 8 };
Q_DECLARE_FLAGS(Operations, Operation)
Q_DECLARE_OPERATORS_FOR_FLAGS(Operations)

/// "store,find" <-> flags. Parsing fails in words on an unknown name.
QString operationsToString(Operations operations);
Result<Operations> parseOperations(const QString& text);

/// How we retrieve from a node: C-GET over our own outgoing association works behind NAT
/// (the default); C-MOVE needs the node to reach us on our port.
enum class RetrieveMethod { Get, Move };

struct Node {
    QString name;     ///< our name for it, unique in the book
    QString aeTitle;  ///< its AE title
    QString host;
    quint16 port = 104;
    bool tls = true;  ///< plain TCP only when explicitly configured (shown as not secure)
    Operations allowed = Operation::Store | Operation::Find | Operation::Move | Operation::Get;
    bool lowBandwidth = false;  ///< propose lossless compression first when sending to it
    RetrieveMethod retrieve = RetrieveMethod::Get;
    /// Optional PEM file (relative to the data folder) with the peer's certificate or its CA:
    /// when set, a peer calling with this AE title must present a certificate it covers.
    QString certificateFile;

    /// "name (AE@host:port)", as logs and the audit trail name a peer.
    QString describe() const { return QStringLiteral("%1 (%2@%3:%4)").arg(name, aeTitle, host).arg(port); }
};

/// Our own side: AE title and listening port, and the TLS files in <data folder>/tls/.
struct SiteIdentity {
    QString aeTitle = QStringLiteral("TELERAD");
    quint16 port = 11112;
    /// 0: off. Else a second, plain-TCP service on this port for nodes marked plain (legacy
    /// modalities on the hospital LAN); TLS nodes are refused there, plain ones on `port`.
    quint16 plainPort = 0;
    QString keyFile, certificateFile, trustedFile;  ///< absolute paths (may not exist yet)

    bool hasCertificate() const;
};

class NodeBook {
public:
    /// Reads network.json under `dataFolderRoot` (an empty book when there is none yet).
    static Result<NodeBook> load(const QString& dataFolderRoot);

    /// Writes network.json atomically (owner-only).
    Status save() const;

    const std::vector<Node>& nodes() const { return m_nodes; }
    std::optional<Node> find(const QString& name) const;
    /// The node called `name`, or an error that lists the names the book knows.
    Result<Node> named(const QString& name) const;
    std::optional<Node> findByAeTitle(const QString& aeTitle) const;

    /// Adds or replaces (same name) a node; fails in words on an invalid AE title, host or port.
    Status put(const Node& node);
    /// Fails when there is no node of that name.
    Status remove(const QString& name);

    SiteIdentity& site() { return m_site; }
    const SiteIdentity& site() const { return m_site; }

    QString dataFolderRoot() const { return m_root; }
    /// Copies a peer's certificate (or its CA), a PEM file, into the data folder as node
    /// `nodeName`'s pinned certificate; returns the path to store in Node::certificateFile.
    Result<QString> pinCertificate(const QString& nodeName, const QString& pemFile) const;
    /// Absolute path of a node's pinned certificate file, empty when none.
    QString certificatePath(const Node& node) const;

private:
    explicit NodeBook(QString root);
    QString m_root;
    SiteIdentity m_site;
    std::vector<Node> m_nodes;
};

/// Fails in words unless `aeTitle` is a valid AE title (1-16 characters, no backslash or
/// control characters, not only spaces).
Status validateAeTitle(const QString& aeTitle);

}  // namespace telerad
