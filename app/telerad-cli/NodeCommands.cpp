// telerad-cli nodes add NAME --aet AE --host HOST --port PORT [--tls|--no-tls]
//                       [--allow store,find,move,get] [--low-bandwidth] [--cert FILE] [--retrieve get|move]
// telerad-cli nodes list    (tab-separated: name, AE title, host, port, tls|PLAIN-NOT-SECURE,
//                            allowed operations, bandwidth, retrieve method, pinned certificate)
// telerad-cli nodes remove NAME
// telerad-cli site [--aet AE] [--port PORT]   (sets, then prints, this site's identity)

#include "CommandLine.h"

#include "net/NodeBook.h"
#include "net/Pki.h"

#include <QCommandLineParser>

namespace telerad::cli {

namespace {


int nodesAdd(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Add (or replace) a DICOM node in the address book."));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Our name for the node."));
    const QCommandLineOption aet(QStringLiteral("aet"), QStringLiteral("Its AE title."), QStringLiteral("AE"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Host name or address."), QStringLiteral("HOST"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port."), QStringLiteral("PORT"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Use TLS (the default)."));
    const QCommandLineOption noTls(QStringLiteral("no-tls"), QStringLiteral("Plain TCP: NOT SECURE, for a local network only."));
    const QCommandLineOption allow(QStringLiteral("allow"), QStringLiteral("What it may ask of us (default: all)."), QStringLiteral("store,find,move,get"));
    const QCommandLineOption lowBandwidth(QStringLiteral("low-bandwidth"), QStringLiteral("Send to it with lossless compression."));
    const QCommandLineOption cert(QStringLiteral("cert"), QStringLiteral("Its certificate, or its CA: only that may present this AE title."), QStringLiteral("FILE"));
    const QCommandLineOption retrieve(QStringLiteral("retrieve"), QStringLiteral("How we retrieve from it: get (default, works behind NAT) or move."), QStringLiteral("get|move"));
    parser.addOptions({aet, host, port, tls, noTls, allow, lowBandwidth, cert, retrieve});
    if (int code = parseOrExit(parser, invocation, "nodes add"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(aet) || !parser.isSet(host) || !parser.isSet(port))
        return fatal("nodes add", QStringLiteral("usage: nodes add NAME --aet AE --host HOST --port PORT [options]"));
    if (parser.isSet(tls) && parser.isSet(noTls)) return fatal("nodes add", QStringLiteral("--tls and --no-tls contradict each other"));
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("nodes add", book.error());
    Node node;
    node.name = parser.positionalArguments().front();
    node.aeTitle = parser.value(aet);
    node.host = parser.value(host);
    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber == 0 || portNumber > 65535) return fatal("nodes add", QStringLiteral("port must be 1-65535"));
    node.port = static_cast<quint16>(portNumber);
    node.tls = !parser.isSet(noTls);
    if (parser.isSet(allow)) {
        auto operations = parseOperations(parser.value(allow));
        if (!operations.ok()) return fatal("nodes add", operations.error());
        node.allowed = operations.value();
    }
    node.lowBandwidth = parser.isSet(lowBandwidth);
    if (parser.isSet(retrieve) && parser.value(retrieve) != QLatin1String("get") && parser.value(retrieve) != QLatin1String("move"))
        return fatal("nodes add", QStringLiteral("--retrieve takes get or move"));
    node.retrieve = parser.value(retrieve) == QLatin1String("move") ? RetrieveMethod::Move : RetrieveMethod::Get;
    if (parser.isSet(cert)) {
        auto pinned = book->pinCertificate(node.name, parser.value(cert));
        if (!pinned.ok()) return fatal("nodes add", pinned.error());
        node.certificateFile = pinned.value();
    }
    if (Status s = book->put(node); !s.ok()) return fatal("nodes add", s.error());
    if (Status s = book->save(); !s.ok()) return fatal("nodes add", s.error());
    if (!node.tls) printError(QStringLiteral("nodes add: warning: %1 uses plain TCP, NOT SECURE").arg(node.name));
    return kSuccess;
}

int nodesList(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the address book, tab-separated."));
    if (int code = parseOrExit(parser, invocation, "nodes list"); code >= 0) return code;
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("nodes list", book.error());
    for (const Node& n : book->nodes()) {
        QString pinned;
        if (!n.certificateFile.isEmpty()) {
            auto info = pki::describeCertificateFile(book->certificatePath(n));
            pinned = info.ok() ? info->subject : info.error();
        }
        printLine(QStringList{n.name, n.aeTitle, n.host, QString::number(n.port),
                              n.tls ? QStringLiteral("tls") : QStringLiteral("PLAIN-NOT-SECURE"), operationsToString(n.allowed),
                              n.lowBandwidth ? QStringLiteral("low-bandwidth") : QStringLiteral("normal"),
                              n.retrieve == RetrieveMethod::Get ? QStringLiteral("get") : QStringLiteral("move"), pinned}
                      .join(QLatin1Char('\t')));
    }
    return kSuccess;
}

int nodesRemove(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Remove a node from the address book."));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The node."));
    if (int code = parseOrExit(parser, invocation, "nodes remove"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("nodes remove", QStringLiteral("give one NAME"));
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("nodes remove", book.error());
    if (Status s = book->remove(parser.positionalArguments().front()); !s.ok()) return fatal("nodes remove", s.error());
    if (Status s = book->save(); !s.ok()) return fatal("nodes remove", s.error());
    return kSuccess;
}

}  // namespace

namespace {

// The value of option `name` as a TCP port (0 allowed when `zeroTurnsOff`), kept in `port`.
Status readPort(const QCommandLineParser& parser, const QString& name, bool zeroTurnsOff, quint16* port) {
    if (!parser.isSet(name)) return success();
    bool ok = false;
    const uint value = parser.value(name).toUInt(&ok);
    if (!ok || (value == 0 && !zeroTurnsOff) || value > 65535)
        return failure(QStringLiteral("--%1 %2 is not a TCP port").arg(name, parser.value(name)));
    *port = static_cast<quint16>(value);
    return success();
}

}  // namespace

Status applySiteIdentity(const QCommandLineParser& parser, NodeBook& book) {
    if (parser.isSet(QStringLiteral("aet"))) book.site().aeTitle = parser.value(QStringLiteral("aet"));
    if (Status s = readPort(parser, QStringLiteral("port"), false, &book.site().port); !s.ok()) return s;
    if (parser.optionNames().contains(QStringLiteral("plain-port")))
        if (Status s = readPort(parser, QStringLiteral("plain-port"), true, &book.site().plainPort); !s.ok()) return s;
    if (book.site().plainPort != 0 && book.site().plainPort == book.site().port)
        return failure(QStringLiteral("the plain-TCP port must differ from the TLS port %1").arg(book.site().port));
    if (Status s = validateAeTitle(book.site().aeTitle); !s.ok()) return s;
    return book.save();
}

// Our AE title is what peers check us by (calling AE of every association we open),
// so it must be settable before the first send, not only by `serve`.
int runSite(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Set and show this site's AE title and listening ports."));
    parser.addOptions({{QStringLiteral("aet"), QStringLiteral("Our AE title."), QStringLiteral("AE")},
                       {QStringLiteral("port"), QStringLiteral("Our listening port (TLS)."), QStringLiteral("PORT")},
                       {QStringLiteral("plain-port"), QStringLiteral("Also listen on PORT without TLS, for nodes marked "
                                                                     "--no-tls only (0: off, the default)."), QStringLiteral("PORT")}});
    if (int code = parseOrExit(parser, invocation, "site"); code >= 0) return code;
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("site", book.error());
    if (Status s = applySiteIdentity(parser, book.value()); !s.ok()) return fatal("site", s.error());
    printLine(QStringLiteral("ae-title\t%1").arg(book->site().aeTitle));
    printLine(QStringLiteral("port\t%1").arg(book->site().port));
    printLine(QStringLiteral("plain-port\t%1").arg(book->site().plainPort));
    return kSuccess;
}

int runNodes(const Invocation& invocation) {
    return dispatch(invocation, 1, {{"add", nodesAdd}, {"list", nodesList}, {"remove", nodesRemove}},
                    "usage: telerad-cli nodes add|list|remove [options]  (--help on each)");
}

}  // namespace telerad::cli
