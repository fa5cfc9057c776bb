// telerad-cli tls init|import|trust|show   and   tls ca init|sign|issue
// The site's key and certificate live in <data folder>/tls/ (site.key, site.crt, owner-only),
// the CAs it trusts in tls/trusted.pem. A CA for a network of clinics lives in a folder of
// its own (ca.key, ca.crt), kept by whoever runs the network.

#include "CommandLine.h"

#include "common/AtomicFile.h"
#include "net/NodeBook.h"
#include "net/Pki.h"

#include <QCommandLineParser>
#include <QFile>

namespace telerad::cli {

namespace {

constexpr int kDefaultDays = 3650;  // ten years: no surprise expiry in the middle of a night shift

int days(const QCommandLineParser& parser, const QCommandLineOption& option) {
    return parser.isSet(option) ? parser.value(option).toInt() : kDefaultDays;
}


void printCertificate(const QString& label, const QByteArray& pem) {
    auto info = pki::describeCertificate(pem);
    if (info.ok())
        printLine(QStringLiteral("%1\t%2\tissuer %3\tvalid until %4\tsha256 %5")
                      .arg(label, info->subject, info->issuer, info->notAfter, info->sha256Fingerprint));
    else
        printLine(QStringLiteral("%1\t%2").arg(label, info.error()));
}

// Appends `pem` to the site's trust list unless it is there already.
Status trust(const NodeBook& book, const QByteArray& pem) {
    if (!pki::describeCertificate(pem).ok()) return failure(QStringLiteral("not a PEM certificate"));
    QByteArray trusted;
    if (QFile::exists(book.site().trustedFile)) {
        auto existing = readWholeFile(book.site().trustedFile);
        if (!existing.ok()) return failure(existing.error());
        trusted = existing.value();
    }
    if (trusted.contains(pem.trimmed())) return success();
    return writeFileAtomically(book.site().trustedFile, trusted + pem.trimmed() + '\n');
}

int tlsInit(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create this site's private key and a self-signed certificate, "
                                                    "or a certificate signing request for a CA."));
    const QCommandLineOption aet(QStringLiteral("aet"), QStringLiteral("This site's AE title (also its certificate's name)."), QStringLiteral("AE"));
    const QCommandLineOption cn(QStringLiteral("cn"), QStringLiteral("Certificate common name (default: the AE title)."), QStringLiteral("NAME"));
    const QCommandLineOption csr(QStringLiteral("csr"), QStringLiteral("Write a signing request here instead of self-signing."), QStringLiteral("FILE"));
    const QCommandLineOption validity(QStringLiteral("days"), QStringLiteral("Validity of a self-signed certificate."), QStringLiteral("N"));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Replace an existing site key."));
    parser.addOptions({aet, cn, csr, validity, force});
    if (int code = parseOrExit(parser, invocation, "tls init"); code >= 0) return code;
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("tls init", book.error());
    if (parser.isSet(aet)) {
        if (Status s = validateAeTitle(parser.value(aet)); !s.ok()) return fatal("tls init", s.error());
        book->site().aeTitle = parser.value(aet);
    }
    if (QFile::exists(book->site().keyFile) && !parser.isSet(force))
        return fatal("tls init", QStringLiteral("%1 exists; give --force to replace this site's key").arg(book->site().keyFile));
    const QString name = parser.isSet(cn) ? parser.value(cn) : book->site().aeTitle;
    auto key = pki::generateKey();
    if (!key.ok()) return fatal("tls init", key.error());
    Result<QByteArray> output = parser.isSet(csr) ? pki::makeRequest(key.value(), name)
                                                  : pki::selfSign(key.value(), name, pki::CertificateUse::Site, days(parser, validity));
    if (!output.ok()) return fatal("tls init", output.error());
    const QString outputFile = parser.isSet(csr) ? parser.value(csr) : book->site().certificateFile;
    for (Status s : {writeFileAtomically(book->site().keyFile, key.value()),
                     writeFileAtomically(outputFile, output.value(), FileAccess::Readable), book->save()})
        if (!s.ok()) return fatal("tls init", s.error());
    if (parser.isSet(csr)) {
        printLine(QStringLiteral("key %1\nrequest %2 (have it signed, then: tls import --key %1 --cert CERT --ca CA)")
                      .arg(book->site().keyFile, outputFile));
    } else {
        printCertificate(QStringLiteral("site"), output.value());
    }
    return kSuccess;
}

int tlsImport(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Use an existing site key and certificate, and trust a CA."));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Private key (PEM)."), QStringLiteral("KEY.pem"));
    const QCommandLineOption certOption(QStringLiteral("cert"), QStringLiteral("Certificate (PEM)."), QStringLiteral("CERT.pem"));
    const QCommandLineOption caOption(QStringLiteral("ca"), QStringLiteral("CA certificate to trust (PEM)."), QStringLiteral("CA.pem"));
    const QCommandLineOption passphrase(QStringLiteral("passphrase-file"), QStringLiteral("File holding the key's passphrase."), QStringLiteral("F"));
    parser.addOptions({keyOption, certOption, caOption, passphrase});
    if (int code = parseOrExit(parser, invocation, "tls import"); code >= 0) return code;
    if (!parser.isSet(keyOption) || !parser.isSet(certOption) || !parser.isSet(caOption))
        return fatal("tls import", QStringLiteral("--key, --cert and --ca are all needed"));
    auto book = openNodeBook(invocation);
    auto key = readWholeFile(parser.value(keyOption));
    auto cert = readWholeFile(parser.value(certOption));
    auto ca = readWholeFile(parser.value(caOption));
    for (const QString& error : {book.error(), key.error(), cert.error(), ca.error()})
        if (!error.isEmpty()) return fatal("tls import", error);
    QByteArray secret;
    if (parser.isSet(passphrase)) {
        auto read = readWholeFile(parser.value(passphrase));
        if (!read.ok()) return fatal("tls import", read.error());
        secret = read->trimmed();
    }
    // Stored decrypted in the owner-only data folder, so the service starts unattended.
    auto plainKey = pki::decryptKey(key.value(), secret);
    if (!plainKey.ok()) return fatal("tls import", QStringLiteral("%1: %2").arg(parser.value(keyOption), plainKey.error()));
    if (!pki::keyMatchesCertificate(plainKey.value(), cert.value()))
        return fatal("tls import", QStringLiteral("%1 is not the key of %2").arg(parser.value(keyOption), parser.value(certOption)));
    for (Status s : {writeFileAtomically(book->site().keyFile, plainKey.value()),
                     writeFileAtomically(book->site().certificateFile, cert.value(), FileAccess::Readable),
                     trust(book.value(), ca.value())})
        if (!s.ok()) return fatal("tls import", s.error());
    printCertificate(QStringLiteral("site"), cert.value());
    printCertificate(QStringLiteral("trusted"), ca.value());
    return kSuccess;
}

int tlsTrust(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Trust another CA (peers whose certificates it issued may connect)."));
    parser.addPositionalArgument(QStringLiteral("CA.pem"), QStringLiteral("CA certificate."));
    if (int code = parseOrExit(parser, invocation, "tls trust"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("tls trust", QStringLiteral("give one CA.pem"));
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("tls trust", book.error());
    auto ca = readWholeFile(parser.positionalArguments().front());
    if (!ca.ok()) return fatal("tls trust", ca.error());
    if (Status s = trust(book.value(), ca.value()); !s.ok()) return fatal("tls trust", s.error());
    printCertificate(QStringLiteral("trusted"), ca.value());
    return kSuccess;
}

int tlsShow(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show this site's certificate and the CAs it trusts."));
    if (int code = parseOrExit(parser, invocation, "tls show"); code >= 0) return code;
    auto book = openNodeBook(invocation);
    if (!book.ok()) return fatal("tls show", book.error());
    printLine(QStringLiteral("ae-title\t%1").arg(book->site().aeTitle));
    auto cert = readWholeFile(book->site().certificateFile);
    if (cert.ok()) printCertificate(QStringLiteral("site"), cert.value());
    else printLine(QStringLiteral("site\tnone (tls init or tls import)"));
    auto trusted = readWholeFile(book->site().trustedFile);
    if (trusted.ok()) {
        const QByteArray end = "-----END CERTIFICATE-----";
        for (qsizetype from = 0, at; (at = trusted->indexOf(end, from)) >= 0; from = at + end.size())
            printCertificate(QStringLiteral("trusted"), trusted->mid(from, at + end.size() - from));
    }
    return kSuccess;
}

struct CaFiles {
    QString key, certificate;
};
CaFiles caFiles(const QString& folder) { return {folder + QStringLiteral("/ca.key"), folder + QStringLiteral("/ca.crt")}; }

Result<pki::KeyAndCertificate> loadCa(const QString& folder) {
    const CaFiles files = caFiles(folder);
    auto key = readWholeFile(files.key);
    if (!key.ok()) return failure(key.error());
    auto cert = readWholeFile(files.certificate);
    if (!cert.ok()) return failure(cert.error());
    return pki::KeyAndCertificate{key.value(), cert.value()};
}

int caInit(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a certificate authority for a network of sites."));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Folder for ca.key and ca.crt."), QStringLiteral("DIR"));
    const QCommandLineOption cn(QStringLiteral("cn"), QStringLiteral("The CA's name."), QStringLiteral("NAME"));
    const QCommandLineOption validity(QStringLiteral("days"), QStringLiteral("Validity."), QStringLiteral("N"));
    parser.addOptions({dir, cn, validity});
    if (int code = parseOrExit(parser, invocation, "tls ca init"); code >= 0) return code;
    if (!parser.isSet(dir) || !parser.isSet(cn)) return fatal("tls ca init", QStringLiteral("--dir and --cn are needed"));
    const CaFiles files = caFiles(parser.value(dir));
    if (QFile::exists(files.key)) return fatal("tls ca init", QStringLiteral("%1 exists already").arg(files.key));
    auto key = pki::generateKey();
    if (!key.ok()) return fatal("tls ca init", key.error());
    auto cert = pki::selfSign(key.value(), parser.value(cn), pki::CertificateUse::Authority, days(parser, validity));
    if (!cert.ok()) return fatal("tls ca init", cert.error());
    for (Status s : {writeFileAtomically(files.key, key.value()), writeFileAtomically(files.certificate, cert.value(), FileAccess::Readable)})
        if (!s.ok()) return fatal("tls ca init", s.error());
    printCertificate(QStringLiteral("ca"), cert.value());
    return kSuccess;
}

// The options shared by `ca sign` and `ca issue`.
struct CaOptions {
    QCommandLineOption dir{QStringLiteral("dir"), QStringLiteral("The CA's folder."), QStringLiteral("DIR")};
    QCommandLineOption person{QStringLiteral("person"), QStringLiteral("A person's certificate (signing reports), not a site's.")};
    QCommandLineOption validity{QStringLiteral("days"), QStringLiteral("Validity."), QStringLiteral("N")};
};

int caSign(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sign a site's (or a person's) certificate signing request."));
    CaOptions common;
    const QCommandLineOption csr(QStringLiteral("csr"), QStringLiteral("The request."), QStringLiteral("FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Where the certificate goes."), QStringLiteral("CERT.pem"));
    parser.addOptions({common.dir, common.person, common.validity, csr, out});
    if (int code = parseOrExit(parser, invocation, "tls ca sign"); code >= 0) return code;
    if (!parser.isSet(common.dir) || !parser.isSet(csr) || !parser.isSet(out))
        return fatal("tls ca sign", QStringLiteral("--dir, --csr and --out are needed"));
    auto ca = loadCa(parser.value(common.dir));
    auto request = readWholeFile(parser.value(csr));
    for (const QString& error : {ca.error(), request.error()})
        if (!error.isEmpty()) return fatal("tls ca sign", error);
    const auto use = parser.isSet(common.person) ? pki::CertificateUse::Person : pki::CertificateUse::Site;
    auto cert = pki::signRequest(ca.value(), request.value(), use, days(parser, common.validity));
    if (!cert.ok()) return fatal("tls ca sign", cert.error());
    if (Status s = writeFileAtomically(parser.value(out), cert.value(), FileAccess::Readable); !s.ok()) return fatal("tls ca sign", s.error());
    printCertificate(QStringLiteral("issued"), cert.value());
    return kSuccess;
}

int caIssue(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a key and a certificate signed by the CA in one step."));
    CaOptions common;
    const QCommandLineOption cn(QStringLiteral("cn"), QStringLiteral("Name in the certificate (AE title, or a person's name)."), QStringLiteral("NAME"));
    const QCommandLineOption keyOut(QStringLiteral("key-out"), QStringLiteral("Where the private key goes."), QStringLiteral("KEY.pem"));
    const QCommandLineOption certOut(QStringLiteral("cert-out"), QStringLiteral("Where the certificate goes."), QStringLiteral("CERT.pem"));
    parser.addOptions({common.dir, common.person, common.validity, cn, keyOut, certOut});
    if (int code = parseOrExit(parser, invocation, "tls ca issue"); code >= 0) return code;
    if (!parser.isSet(common.dir) || !parser.isSet(cn) || !parser.isSet(keyOut) || !parser.isSet(certOut))
        return fatal("tls ca issue", QStringLiteral("--dir, --cn, --key-out and --cert-out are needed"));
    auto ca = loadCa(parser.value(common.dir));
    if (!ca.ok()) return fatal("tls ca issue", ca.error());
    const auto use = parser.isSet(common.person) ? pki::CertificateUse::Person : pki::CertificateUse::Site;
    auto issued = pki::issue(ca.value(), parser.value(cn), use, days(parser, common.validity));
    if (!issued.ok()) return fatal("tls ca issue", issued.error());
    for (Status s : {writeFileAtomically(parser.value(keyOut), issued->keyPem),
                     writeFileAtomically(parser.value(certOut), issued->certificatePem, FileAccess::Readable)})
        if (!s.ok()) return fatal("tls ca issue", s.error());
    printCertificate(QStringLiteral("issued"), issued->certificatePem);
    return kSuccess;
}

int tlsCa(const Invocation& invocation) {
    return dispatch(invocation, 1, {{"init", caInit}, {"sign", caSign}, {"issue", caIssue}},
                    "usage: telerad-cli tls ca init|sign|issue [options]  (--help on each)");
}

}  // namespace

// Every change of keys, certificates or trust is audited, refused ones too.
int runTls(const Invocation& invocation) {
    const int code = dispatch(invocation, 1,
                              {{"init", tlsInit}, {"import", tlsImport}, {"trust", tlsTrust}, {"show", tlsShow}, {"ca", tlsCa}},
                              "usage: telerad-cli tls init|import|trust|show|ca [options]  (--help on each)");
    const QString action = invocation.arguments.value(1);
    if (!action.isEmpty() && action != QLatin1String("show") && !invocation.arguments.contains(QLatin1String("--help")))
        auditCommand(invocation, {QString(audit::kCertificateChanged), code == kSuccess, {}, {}, {},
                                  QStringLiteral("telerad-cli %1").arg(invocation.arguments.join(QLatin1Char(' ')))});
    return code;
}

}  // namespace telerad::cli
