#include "NodeBook.h"

#include "Pki.h"

#include "common/AtomicFile.h"
#include "security/AuditTrail.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace telerad {

namespace {

constexpr struct {
    Operation operation;
    const char* name;
} kOperationNames[] = {
    {Operation::Store, "store"}, {Operation::Find, "find"}, {Operation::Move, "move"}, {Operation::Get, "get"}};

QJsonObject toJson(const Node& node) {
    return QJsonObject{{QStringLiteral("name"), node.name},
                       {QStringLiteral("aeTitle"), node.aeTitle},
                       {QStringLiteral("host"), node.host},
                       {QStringLiteral("port"), node.port},
                       {QStringLiteral("tls"), node.tls},
                       {QStringLiteral("allow"), operationsToString(node.allowed)},
                       {QStringLiteral("lowBandwidth"), node.lowBandwidth},
                       {QStringLiteral("retrieve"), node.retrieve == RetrieveMethod::Get ? QStringLiteral("get")
                                                                                          : QStringLiteral("move")},
                       {QStringLiteral("certificate"), node.certificateFile}};
}

Result<Node> nodeFromJson(const QJsonObject& o) {
    Node node;
    node.name = o.value(QStringLiteral("name")).toString();
    node.aeTitle = o.value(QStringLiteral("aeTitle")).toString();
    node.host = o.value(QStringLiteral("host")).toString();
    node.port = static_cast<quint16>(o.value(QStringLiteral("port")).toInt());
    node.tls = o.value(QStringLiteral("tls")).toBool(true);
    auto allowed = parseOperations(o.value(QStringLiteral("allow")).toString());
    if (!allowed.ok()) return failure(QStringLiteral("node %1: %2").arg(node.name, allowed.error()));
    node.allowed = allowed.value();
    node.lowBandwidth = o.value(QStringLiteral("lowBandwidth")).toBool();
    node.retrieve = o.value(QStringLiteral("retrieve")).toString() == QLatin1String("move") ? RetrieveMethod::Move
                                                                                             : RetrieveMethod::Get;
    node.certificateFile = o.value(QStringLiteral("certificate")).toString();
    return node;
}

}  // namespace

QString operationsToString(Operations operations) {
    QStringList names;
    for (const auto& entry : kOperationNames)
        if (operations.testFlag(entry.operation)) names << QString::fromLatin1(entry.name);
    return names.join(QLatin1Char(','));
}

Result<Operations> parseOperations(const QString& text) {
    Operations operations;
    for (const QString& word : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool known = false;
        for (const auto& entry : kOperationNames) {
            if (word.trimmed() == QLatin1String(entry.name)) {
                operations |= entry.operation;
                known = true;
            }
        }
        if (!known) return failure(QStringLiteral("unknown operation '%1' (known: store, find, move, get)").arg(word));
    }
    return operations;
}

Status validateAeTitle(const QString& aeTitle) {
    if (aeTitle.trimmed().isEmpty() || aeTitle.size() > 16)
        return failure(QStringLiteral("AE title '%1' must have 1 to 16 characters").arg(aeTitle));
    for (const QChar c : aeTitle)
        if (c == QLatin1Char('\\') || c.unicode() < 0x20 || c.unicode() > 0x7e)
            return failure(QStringLiteral("AE title '%1' may hold printable ASCII characters only, no backslash").arg(aeTitle));
    return success();
}

bool SiteIdentity::hasCertificate() const { return QFile::exists(keyFile) && QFile::exists(certificateFile); }

NodeBook::NodeBook(QString root) : m_root(std::move(root)) {
    const QString tls = m_root + QStringLiteral("/tls/");
    m_site.keyFile = tls + QStringLiteral("site.key");
    m_site.certificateFile = tls + QStringLiteral("site.crt");
    m_site.trustedFile = tls + QStringLiteral("trusted.pem");
}

Result<NodeBook> NodeBook::load(const QString& dataFolderRoot) {
    NodeBook book(dataFolderRoot);
    QFile file(dataFolderRoot + QStringLiteral("/network.json"));
    if (!file.exists()) return book;
    if (!file.open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return failure(QStringLiteral("%1: not valid JSON (%2)").arg(file.fileName(), parseError.errorString()));
    const QJsonObject root = document.object();
    book.m_site.aeTitle = root.value(QStringLiteral("aeTitle")).toString(book.m_site.aeTitle);
    book.m_site.port = static_cast<quint16>(root.value(QStringLiteral("port")).toInt(book.m_site.port));
    book.m_site.plainPort = static_cast<quint16>(root.value(QStringLiteral("plainPort")).toInt(0));
    for (const QJsonValue& value : root.value(QStringLiteral("nodes")).toArray()) {
        auto node = nodeFromJson(value.toObject());
        if (!node.ok()) return failure(QStringLiteral("%1: %2").arg(file.fileName(), node.error()));
        book.m_nodes.push_back(node.value());
    }
    return book;
}

namespace {

QJsonObject nodesByName(const QJsonArray& nodes) {
    QJsonObject byName;
    for (const QJsonValue& node : nodes) byName.insert(node[QLatin1String("name")].toString(), node);
    return byName;
}

// What a save changes, in words for the audit trail: "added node X; removed node Y; site port 11112".
QString describeChanges(const QJsonObject& before, const QJsonObject& after) {
    QStringList changes;
    for (const char* key : {"aeTitle", "port", "plainPort"})
        if (before.value(QLatin1String(key)) != after.value(QLatin1String(key)))
            changes << QStringLiteral("site %1 %2").arg(QLatin1String(key), after.value(QLatin1String(key)).toVariant().toString());
    const QJsonObject old = nodesByName(before[QLatin1String("nodes")].toArray()), now = nodesByName(after[QLatin1String("nodes")].toArray());
    for (const QString& name : now.keys())
        if (!old.contains(name)) changes << QStringLiteral("added node %1").arg(name);
        else if (old[name] != now[name]) changes << QStringLiteral("changed node %1").arg(name);
    for (const QString& name : old.keys())
        if (!now.contains(name)) changes << QStringLiteral("removed node %1").arg(name);
    return changes.join(QStringLiteral("; "));
}

}  // namespace

Status NodeBook::save() const {
    QJsonArray nodes;
    for (const Node& node : m_nodes) nodes.append(toJson(node));
    const QJsonObject root{{QStringLiteral("aeTitle"), m_site.aeTitle},
                           {QStringLiteral("port"), m_site.port},
                           {QStringLiteral("plainPort"), m_site.plainPort},
                           {QStringLiteral("nodes"), nodes}};
    const QString path = m_root + QStringLiteral("/network.json");
    QFile previous(path);
    const QJsonObject before = previous.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(previous.readAll()).object() : QJsonObject();
    Status written = writeFileAtomically(path, QJsonDocument(root).toJson());
    const QString changes = describeChanges(before, root);
    if (!changes.isEmpty())
        (void)recordAudit(m_root, {audit::kNodeChanged, written.ok(), {}, {}, {}, written.ok() ? changes : changes + QStringLiteral(": ") + written.error()});
    return written;
}

std::optional<Node> NodeBook::find(const QString& name) const {
    for (const Node& node : m_nodes)
        if (node.name == name) return node;
    return std::nullopt;
}

Result<Node> NodeBook::named(const QString& name) const {
    if (auto node = find(name)) return *node;
    QStringList names;
    for (const Node& n : m_nodes) names << n.name;
    return failure(QStringLiteral("no node named '%1' in the address book (known: %2)")
                       .arg(name, names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
}

std::optional<Node> NodeBook::findByAeTitle(const QString& aeTitle) const {
    for (const Node& node : m_nodes)
        if (node.aeTitle == aeTitle) return node;
    return std::nullopt;
}

Status NodeBook::put(const Node& node) {
    if (node.name.isEmpty() || node.name.contains(QLatin1Char('/')))
        return failure(QStringLiteral("node name '%1' must be non-empty and contain no '/'").arg(node.name));
    if (Status s = validateAeTitle(node.aeTitle); !s.ok()) return s;
    if (node.host.isEmpty()) return failure(QStringLiteral("node %1: a host is needed").arg(node.name));
    if (node.port == 0) return failure(QStringLiteral("node %1: port must be 1-65535").arg(node.name));
    for (const Node& other : m_nodes)
        if (other.name != node.name && other.aeTitle == node.aeTitle)
            return failure(QStringLiteral("AE title %1 is already used by node %2").arg(node.aeTitle, other.name));
    for (Node& existing : m_nodes) {
        if (existing.name == node.name) {
            existing = node;
            return success();
        }
    }
    m_nodes.push_back(node);
    return success();
}

Status NodeBook::remove(const QString& name) {
    const auto before = m_nodes.size();
    std::erase_if(m_nodes, [&](const Node& n) { return n.name == name; });
    if (m_nodes.size() == before) return failure(QStringLiteral("no node named '%1'").arg(name));
    return success();
}

Result<QString> NodeBook::pinCertificate(const QString& nodeName, const QString& pemFile) const {
    auto pem = readWholeFile(pemFile);
    if (!pem.ok()) return failure(pem.error());
    if (!pki::describeCertificate(pem.value()).ok()) return failure(QStringLiteral("%1: not a PEM certificate").arg(pemFile));
    const QString relative = QStringLiteral("tls/nodes/%1.pem").arg(nodeName);
    if (Status s = writeFileAtomically(m_root + QLatin1Char('/') + relative, pem.value(), FileAccess::Readable); !s.ok())
        return failure(s.error());
    return relative;
}

QString NodeBook::certificatePath(const Node& node) const {
    if (node.certificateFile.isEmpty()) return {};
    return QFileInfo(node.certificateFile).isAbsolute() ? node.certificateFile
                                                         : m_root + QLatin1Char('/') + node.certificateFile;
}

}  // namespace telerad
