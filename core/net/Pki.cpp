#include "Pki.h"

#include "common/AtomicFile.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QCoreApplication>

#include <ctime>
#include <memory>

namespace telerad::pki {

namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Request = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;

// The most recent OpenSSL error in words, after `what`.
Error opensslError(const QString& what) {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char text[256] = "unknown error";
    if (code) ERR_error_string_n(code, text, sizeof text);
    return failure(QStringLiteral("%1: %2").arg(what, QString::fromLatin1(text)));
}

Bio readBio(const QByteArray& bytes) { return Bio(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size()))); }

QByteArray drain(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

Result<Key> loadKey(const QByteArray& pem, const QByteArray& passphrase = {}) {
    Bio bio = readBio(pem);
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr,
                                    const_cast<char*>(passphrase.isNull() ? "" : passphrase.constData())));
    if (!key) return opensslError(QStringLiteral("reading the private key (wrong passphrase, or not a PEM key)"));
    return key;
}

// A certificate given as PEM, or as DER when it is not PEM.
Result<Cert> loadCertificate(const QByteArray& bytes) {
    Bio bio = readBio(bytes);
    Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        ERR_clear_error();
        const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.constData());
        cert.reset(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
    }
    if (!cert) return opensslError(QStringLiteral("reading the certificate"));
    return cert;
}

QByteArray keyToPem(EVP_PKEY* key) {
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return drain(out.get());
}

QByteArray certificateToPem(X509* cert) {
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), cert);
    return drain(out.get());
}

QString nameEntry(const X509_NAME* name, int nid) {
    char buffer[256] = {};
    if (X509_NAME_get_text_by_NID(const_cast<X509_NAME*>(name), nid, buffer, sizeof buffer) < 0) return {};
    return QString::fromUtf8(buffer);
}

QString nameToString(const X509_NAME* name) {
    Bio out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253);
    return QString::fromUtf8(drain(out.get()));
}

bool setCommonName(X509_NAME* name, const QString& commonName) {
    const QByteArray cn = commonName.toUtf8();
    return X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()),
                                      -1, -1, 0) == 1;
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension) return false;
    const bool added = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

bool addExtensions(X509* cert, X509* issuer, CertificateUse use) {
    const bool authority = use == CertificateUse::Authority;
    const char* keyUsage = authority ? "critical,keyCertSign,cRLSign,digitalSignature"
                           : use == CertificateUse::Site ? "critical,digitalSignature,keyEncipherment"
                                                         : "critical,digitalSignature,nonRepudiation,keyEncipherment";
    const char* extendedUse = use == CertificateUse::Site ? "serverAuth,clientAuth" : "clientAuth,emailProtection";
    return addExtension(cert, issuer, NID_basic_constraints, authority ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
           addExtension(cert, issuer, NID_key_usage, keyUsage) &&
           (authority || addExtension(cert, issuer, NID_ext_key_usage, extendedUse)) &&
           addExtension(cert, issuer, NID_subject_key_identifier, "hash") &&
           (authority && cert == issuer ? true : addExtension(cert, issuer, NID_authority_key_identifier, "keyid"));
}

// A certificate for `subjectKey` named `subject`, signed by `issuerKey` as `issuer`
// (the certificate itself when `issuer` is null: self-signed).
Result<QByteArray> buildCertificate(EVP_PKEY* subjectKey, X509_NAME* subject, EVP_PKEY* issuerKey, X509* issuer,
                                    CertificateUse use, int days) {
    Cert cert(X509_new());
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;  // a positive serial number
    std::unique_ptr<BIGNUM, Deleter<BN_free>> serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!cert || !X509_set_version(cert.get(), 2) ||
        !BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(cert.get())) ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||  // an hour back, for clocks a little off
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * days) ||
        !X509_set_subject_name(cert.get(), subject) ||
        !X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject) ||
        !X509_set_pubkey(cert.get(), subjectKey))
        return opensslError(QStringLiteral("building the certificate"));
    if (!addExtensions(cert.get(), issuer ? issuer : cert.get(), use))
        return opensslError(QStringLiteral("adding the certificate's extensions"));
    if (!X509_sign(cert.get(), issuerKey, EVP_sha256())) return opensslError(QStringLiteral("signing the certificate"));
    return certificateToPem(cert.get());
}

}  // namespace

Result<QByteArray> generateKey() {
    Key key(EVP_RSA_gen(3072));
    if (!key) return opensslError(QStringLiteral("generating an RSA key"));
    return keyToPem(key.get());
}

Result<QByteArray> selfSign(const QByteArray& keyPem, const QString& commonName, CertificateUse use, int days) {
    auto key = loadKey(keyPem);
    if (!key.ok()) return failure(key.error());
    std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>> name(X509_NAME_new());
    if (!setCommonName(name.get(), commonName)) return opensslError(QStringLiteral("setting the subject name"));
    return buildCertificate(key->get(), name.get(), key->get(), nullptr, use, days);
}

Result<QByteArray> makeRequest(const QByteArray& keyPem, const QString& commonName) {
    auto key = loadKey(keyPem);
    if (!key.ok()) return failure(key.error());
    Request request(X509_REQ_new());
    if (!request || !setCommonName(X509_REQ_get_subject_name(request.get()), commonName) ||
        !X509_REQ_set_pubkey(request.get(), key->get()) || !X509_REQ_sign(request.get(), key->get(), EVP_sha256()))
        return opensslError(QStringLiteral("building the certificate signing request"));
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(out.get(), request.get());
    return drain(out.get());
}

Result<QByteArray> signRequest(const KeyAndCertificate& authority, const QByteArray& requestPem, CertificateUse use,
                               int days) {
    auto caKey = loadKey(authority.keyPem);
    if (!caKey.ok()) return failure(QStringLiteral("CA key: %1").arg(caKey.error()));
    auto caCert = loadCertificate(authority.certificatePem);
    if (!caCert.ok()) return failure(QStringLiteral("CA certificate: %1").arg(caCert.error()));
    Bio bio = readBio(requestPem);
    Request request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!request) return opensslError(QStringLiteral("reading the certificate signing request"));
    Key requestKey(X509_REQ_get_pubkey(request.get()));
    if (!requestKey || X509_REQ_verify(request.get(), requestKey.get()) != 1)
        return opensslError(QStringLiteral("the certificate signing request's own signature does not verify"));
    return buildCertificate(requestKey.get(), X509_REQ_get_subject_name(request.get()), caKey->get(), caCert->get(), use,
                            days);
}

Result<KeyAndCertificate> issue(const KeyAndCertificate& authority, const QString& commonName, CertificateUse use,
                                int days) {
    auto key = generateKey();
    if (!key.ok()) return failure(key.error());
    auto request = makeRequest(key.value(), commonName);
    if (!request.ok()) return failure(request.error());
    auto certificate = signRequest(authority, request.value(), use, days);
    if (!certificate.ok()) return failure(certificate.error());
    return KeyAndCertificate{key.value(), certificate.value()};
}

Result<QByteArray> decryptKey(const QByteArray& pem, const QByteArray& passphrase) {
    auto key = loadKey(pem, passphrase);
    if (!key.ok()) return failure(key.error());
    return keyToPem(key->get());
}

bool keyMatchesCertificate(const QByteArray& keyPem, const QByteArray& certificatePem) {
    auto key = loadKey(keyPem);
    auto cert = loadCertificate(certificatePem);
    return key.ok() && cert.ok() && X509_check_private_key(cert->get(), key->get()) == 1;
}

Result<QString> fingerprint(const QByteArray& pemOrDer) {
    auto cert = loadCertificate(pemOrDer);
    if (!cert.ok()) return failure(cert.error());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!X509_digest(cert->get(), EVP_sha256(), digest, &length)) return opensslError(QStringLiteral("fingerprint"));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), length).toHex());
}

namespace {

// An ASN.1 time (a certificate's validity bound) as a UTC date and time; invalid if unreadable.
QDateTime asUtc(const ASN1_TIME* time) {
    tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday), QTime(parts.tm_hour, parts.tm_min, parts.tm_sec),
                     Qt::UTC);
}

}  // namespace

Result<CertificateInfo> describeCertificate(const QByteArray& pemOrDer) {
    auto cert = loadCertificate(pemOrDer);
    if (!cert.ok()) return failure(cert.error());
    Bio out(BIO_new(BIO_s_mem()));
    ASN1_TIME_print(out.get(), X509_get0_notAfter(cert->get()));
    auto print = fingerprint(pemOrDer);
    const X509_NAME* subject = X509_get_subject_name(cert->get());
    const X509_NAME* issuer = X509_get_issuer_name(cert->get());
    return CertificateInfo{nameToString(subject), nameToString(issuer), QString::fromLatin1(drain(out.get())),
                           print.ok() ? print.value() : QString(), nameEntry(subject, NID_commonName),
                           nameEntry(subject, NID_organizationName), nameEntry(issuer, NID_commonName),
                           asUtc(X509_get0_notAfter(cert->get()))};
}

Result<CertificateInfo> describeCertificateFile(const QString& path) {
    auto pem = readWholeFile(path);
    if (!pem.ok()) return failure(pem.error());
    auto info = describeCertificate(pem.value());
    if (!info.ok()) return failure(QStringLiteral("%1: %2").arg(path, info.error()));
    return info;
}

QString expiryWarning(const CertificateInfo& info, const QDateTime& now, int withinDays) {
    if (!info.expiresAt.isValid()) return {};
    const QString date = info.expiresAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    if (info.expiresAt <= now) return QCoreApplication::translate("Pki", "expired on %1").arg(date);
    const qint64 days = (now.secsTo(info.expiresAt) + 24 * 3600 - 1) / (24 * 3600);  // part of a day counts as one
    if (days >= withinDays) return {};
    return QCoreApplication::translate("Pki", "expires on %1, in %n day(s)", nullptr, int(days)).arg(date);
}

Result<KeyAndCertificate> readPkcs12(const QByteArray& p12, const QByteArray& passphrase) {
    Bio in = readBio(p12);
    std::unique_ptr<PKCS12, Deleter<PKCS12_free>> parsed(d2i_PKCS12_bio(in.get(), nullptr));
    if (!parsed) return opensslError(QStringLiteral("not a PKCS#12 file"));
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    if (!PKCS12_parse(parsed.get(), passphrase.constData(), &key, &cert, nullptr))
        return opensslError(QStringLiteral("cannot open it with this passphrase"));
    const Key ownedKey(key);
    const Cert ownedCert(cert);
    if (!key || !cert) return failure(QStringLiteral("it holds no key and certificate pair"));
    return KeyAndCertificate{keyToPem(key), certificateToPem(cert)};
}

int addTrustedCertificates(X509_STORE* store, const QByteArray& trustedPem) {
    Bio bio = readBio(trustedPem);
    int trusted = 0;
    while (X509* ca = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        trusted += X509_STORE_add_cert(store, ca);
        X509_free(ca);
    }
    ERR_clear_error();  // the end of the PEM stream reads as an error
    return trusted;
}

bool isIssuedBy(const QByteArray& certificate, const QByteArray& trustedPem) {
    auto cert = loadCertificate(certificate);
    if (!cert.ok()) return false;
    std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>> store(X509_STORE_new());
    if (addTrustedCertificates(store.get(), trustedPem) == 0) return false;
    std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>> context(X509_STORE_CTX_new());
    // A pinned self-signed site certificate is its own trust anchor.
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    if (!X509_STORE_CTX_init(context.get(), store.get(), cert->get(), nullptr)) return false;
    const bool verified = X509_verify_cert(context.get()) == 1;
    ERR_clear_error();
    return verified;
}

}  // namespace telerad::pki
