#pragma once
// Small PKI for a network of clinics: keys, self-signed certificates, certificate signing
// requests and a certificate authority that signs them, so a new site (or a radiologist's
// signing certificate) can be enrolled without outside tools. Everything is PEM.

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

typedef struct x509_store_st X509_STORE;  // OpenSSL's, as <openssl/types.h> declares it

namespace telerad::pki {

/// What a certificate is for; decides its extensions.
enum class CertificateUse {
    Authority,  ///< CA:TRUE, may sign certificates
    Site,       ///< TLS client and server authentication (a DICOM node)
    Person,     ///< TLS client authentication and digital signatures (a radiologist)
};

struct KeyAndCertificate {
    QByteArray keyPem;          ///< unencrypted PKCS#8 private key
    QByteArray certificatePem;  ///< X.509 certificate
};

/// A new RSA private key (3072 bits: comfortably above BCP 195's 2048-bit floor).
Result<QByteArray> generateKey();

/// A self-signed certificate for `keyPem` with subject CN=`commonName`, valid `days` days.
Result<QByteArray> selfSign(const QByteArray& keyPem, const QString& commonName, CertificateUse use, int days);

/// A certificate signing request for `keyPem` with subject CN=`commonName`.
Result<QByteArray> makeRequest(const QByteArray& keyPem, const QString& commonName);

/// The CA's signature on `requestPem` (its signature is checked first), valid `days` days.
Result<QByteArray> signRequest(const KeyAndCertificate& authority, const QByteArray& requestPem, CertificateUse use,
                               int days);

/// A new key and a certificate for it signed by `authority`, in one step.
Result<KeyAndCertificate> issue(const KeyAndCertificate& authority, const QString& commonName, CertificateUse use,
                                int days);

/// The private key in `pem`, decrypted with `passphrase` when it is encrypted, as
/// unencrypted PKCS#8 PEM. Fails in words when the passphrase is wrong.
Result<QByteArray> decryptKey(const QByteArray& pem, const QByteArray& passphrase);

/// True when `keyPem` is the private key of `certificatePem`.
bool keyMatchesCertificate(const QByteArray& keyPem, const QByteArray& certificatePem);

/// One-line description of a certificate: subject, issuer, expiry; and the names a
/// signature shows (subject CN and O, issuer CN).
struct CertificateInfo {
    QString subject, issuer, notAfter, sha256Fingerprint;
    QString commonName, organization, issuerCommonName;
    QDateTime expiresAt;  ///< notAfter, UTC
};
Result<CertificateInfo> describeCertificate(const QByteArray& pemOrDer);
/// The same for the certificate in the file `path`; errors name the file.
Result<CertificateInfo> describeCertificateFile(const QString& path);

/// How long a certificate has before it expires, for warnings: every association using it
/// fails once it has.
inline constexpr int kExpiryWarningDays = 30;

/// "expired on DATE", or "expires on DATE, in N days" within `withinDays` of `now`;
/// empty when the certificate has longer than that.
QString expiryWarning(const CertificateInfo& info, const QDateTime& now, int withinDays = kExpiryWarningDays);

/// SHA-256 fingerprint (hex, lower case) of a certificate given as PEM or DER.
Result<QString> fingerprint(const QByteArray& pemOrDer);

/// The key (unencrypted PKCS#8 PEM) and certificate of a PKCS#12 file's bytes; fails in words
/// when the passphrase is wrong or the file holds no such pair.
Result<KeyAndCertificate> readPkcs12(const QByteArray& p12, const QByteArray& passphrase);

/// Adds every certificate of `trustedPem` (one or more PEM certificates) to `store`;
/// returns how many were added.
int addTrustedCertificates(X509_STORE* store, const QByteArray& trustedPem);

/// True when `certificate` (PEM or DER) chains to one of the certificates in `trustedPem`
/// (one or more PEM certificates), or is itself one of them.
bool isIssuedBy(const QByteArray& certificate, const QByteArray& trustedPem);

}  // namespace telerad::pki
