#include "ReportSignature.h"

#include "common/AtomicFile.h"
#include "net/Pki.h"

#include <QFile>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmsign/dcsignat.h>
#include <dcmtk/dcmsign/sicert.h>
#include <dcmtk/dcmsign/sicertvf.h>
#include <dcmtk/dcmsign/simdmac.h>
#include <dcmtk/dcmsign/siprivat.h>
#include <dcmtk/dcmsign/sisrpr.h>


#include <openssl/x509.h>  // X509_FILETYPE_PEM for dcmsign

#include <sys/mman.h>
#include <unistd.h>

#include <memory>
#include <mutex>

namespace telerad {
namespace {

Result<SigningIdentity> identityOf(QByteArray keyPem, QByteArray certificatePem) {
    auto names = pki::describeCertificate(certificatePem);
    if (!names.ok()) return failure(QStringLiteral("the certificate is not an X.509 certificate: %1").arg(names.error()));
    if (!pki::keyMatchesCertificate(keyPem, certificatePem))
        return failure(QStringLiteral("the private key does not belong to the certificate"));
    if (names->commonName.isEmpty()) return failure(QStringLiteral("the certificate's subject has no common name (CN)"));
    return SigningIdentity{std::move(keyPem), std::move(certificatePem), names->commonName,
                           names->organization.isEmpty() ? names->issuerCommonName : names->organization};
}

/// Bytes dcmsign can load by file name without them touching a disk: an anonymous memory
/// file, named through /proc (the key stays in this process's memory only).
class MemoryFile {
public:
    explicit MemoryFile(const QByteArray& bytes) : m_fd(::memfd_create("telerad-signing", MFD_CLOEXEC)) {
        if (m_fd >= 0 && ::write(m_fd, bytes.constData(), static_cast<size_t>(bytes.size())) != bytes.size()) close();
    }
    ~MemoryFile() { close(); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    bool ok() const { return m_fd >= 0; }
    QByteArray path() const { return "/proc/self/fd/" + QByteArray::number(m_fd); }

private:
    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }
    int m_fd;
};

void initializeDcmsign() {
    static std::once_flag once;
    std::call_once(once, [] { DcmSignature::initializeLibrary(); });
}

QString conditionText(const OFCondition& cond) { return QString::fromLatin1(cond.text()); }

QString subjectOf(SiCertificate& certificate, bool issuer) {
    OFString text;
    if (issuer) certificate.getCertIssuerName(text);
    else certificate.getCertSubjectName(text);
    return QString::fromUtf8(text.c_str());
}

Status trust(SiCertificateVerifier& verifier, const QByteArray& trustedPem) {
    if (pki::addTrustedCertificates(verifier.getTrustedCertStore(), trustedPem) == 0)
        return failure(QStringLiteral("no trusted certificate to check the signer against"));
    return success();
}

/// Checks the selected signature of `signature`; Valid only when everything holds.
SignatureCheck checkSelected(DcmSignature& signature, const QByteArray& trustedPem) {
    SignatureCheck check;
    if (SiCertificate* certificate = signature.getCurrentCertificate()) {
        check.signer = subjectOf(*certificate, false);
        check.issuer = subjectOf(*certificate, true);
    }
    if (OFCondition c = signature.verifyCurrent(); c.bad())
        return {SignatureState::Invalid, check.signer, check.issuer, QStringLiteral("the signed content does not match: %1").arg(conditionText(c))};
    SiStructuredReportingProfile profile;
    if (OFCondition c = signature.verifySignatureProfile(profile); c.bad())
        return {SignatureState::Invalid, check.signer, check.issuer,
                QStringLiteral("the signature does not follow the SR RSA profile: %1").arg(conditionText(c))};
    SiCertificate* certificate = signature.getCurrentCertificate();
    if (!certificate) return {SignatureState::Invalid, {}, {}, QStringLiteral("the signature carries no certificate")};
    SiCertificateVerifier verifier;
    if (Status trusted = trust(verifier, trustedPem); !trusted.ok())
        return {SignatureState::Untrusted, check.signer, check.issuer, trusted.error()};
    if (OFCondition c = verifier.verifyCertificate(*certificate); c.bad())
        return {SignatureState::Untrusted, check.signer, check.issuer,
                QStringLiteral("the signer's certificate is not trusted here: %1").arg(QString::fromLatin1(verifier.lastError()))};
    check.state = SignatureState::Valid;
    return check;
}

}  // namespace

Result<SigningIdentity> loadSigningIdentityP12(const QString& p12File, const QByteArray& passphrase) {
    auto bytes = readWholeFile(p12File);
    if (!bytes.ok()) return failure(bytes.error());
    auto pair = pki::readPkcs12(bytes.value(), passphrase);
    if (!pair.ok()) return failure(QStringLiteral("%1: %2").arg(p12File, pair.error()));
    auto identity = identityOf(pair->keyPem, pair->certificatePem);
    if (!identity.ok()) return failure(QStringLiteral("%1: %2").arg(p12File, identity.error()));
    return identity;
}

Result<SigningIdentity> loadSigningIdentityPem(const QString& keyFile, const QString& certificateFile, const QByteArray& passphrase) {
    auto key = readWholeFile(keyFile);
    if (!key.ok()) return failure(key.error());
    auto certificate = readWholeFile(certificateFile);
    if (!certificate.ok()) return failure(certificate.error());
    auto decrypted = pki::decryptKey(key.value(), passphrase);
    if (!decrypted.ok()) return failure(QStringLiteral("%1: %2").arg(keyFile, decrypted.error()));
    auto identity = identityOf(decrypted.value(), certificate.value());
    if (!identity.ok()) return failure(QStringLiteral("%1, %2: %3").arg(keyFile, certificateFile, identity.error()));
    return identity;
}

Status signReport(DcmDataset& report, const SigningIdentity& identity) {
    initializeDcmsign();
    const MemoryFile keyFile(identity.keyPem), certificateFile(identity.certificatePem);
    if (!keyFile.ok() || !certificateFile.ok()) return failure(QStringLiteral("cannot hand the key to dcmsign (memfd_create failed)"));
    SiPrivateKey key;
    SiCertificate certificate;
    if (OFCondition c = key.loadPrivateKey(keyFile.path().constData(), X509_FILETYPE_PEM); c.bad())
        return failure(QStringLiteral("dcmsign cannot load the private key: %1").arg(conditionText(c)));
    if (OFCondition c = certificate.loadCertificate(certificateFile.path().constData(), X509_FILETYPE_PEM); c.bad())
        return failure(QStringLiteral("dcmsign cannot load the certificate: %1").arg(conditionText(c)));
    SiMDMAC mac(EMT_RIPEMD160);  // the MAC the SR RSA profile names
    SiStructuredReportingProfile profile;
    if (OFCondition c = profile.inspectSignatureDataset(report); c.bad())
        return failure(QStringLiteral("not an SR document dcmsign can sign: %1").arg(conditionText(c)));
    DcmSignature signature;
    signature.attach(&report);
    const OFCondition c = signature.createSignature(key, certificate, mac, profile, EXS_LittleEndianExplicit, nullptr, nullptr,
                                                    SiSignaturePurpose::ESP_VerificationSignature);
    signature.detach();
    if (c.bad()) return failure(QStringLiteral("cannot sign the report: %1").arg(conditionText(c)));
    return success();
}

QString SigningIdentity::personName() const {
    if (commonName.contains(QLatin1Char('^'))) return commonName;
    QStringList words = commonName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    static const QStringList kPrefixes = {QStringLiteral("dr"), QStringLiteral("pr"), QStringLiteral("prof"), QStringLiteral("docteur"),
                                          QStringLiteral("professeur"), QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms")};
    QString prefix;
    if (words.size() > 1 && kPrefixes.contains(QString(words.first()).remove(QLatin1Char('.')).toLower())) prefix = words.takeFirst();
    if (words.isEmpty()) return commonName;
    const QString family = words.takeLast();
    QString name = QStringList{family, words.join(QLatin1Char(' ')), QString(), prefix}.join(QLatin1Char('^'));
    while (name.endsWith(QLatin1Char('^'))) name.chop(1);
    return name;
}

QString signatureStateName(SignatureState state) {
    switch (state) {
    case SignatureState::Valid: return QStringLiteral("valid");
    case SignatureState::Invalid: return QStringLiteral("invalid");
    case SignatureState::Untrusted: return QStringLiteral("untrusted");
    case SignatureState::Unsigned: break;
    }
    return QStringLiteral("unsigned");
}

QString SignatureCheck::describe() const {
    switch (state) {
    case SignatureState::Valid: return QStringLiteral("valid (signed by %1, issued by %2)").arg(signer, issuer);
    case SignatureState::Unsigned: return QStringLiteral("unsigned");
    case SignatureState::Invalid:
    case SignatureState::Untrusted: break;
    }
    return QStringLiteral("%1: %2").arg(signatureStateName(state), detail);
}

SignatureCheck checkReportSignature(DcmDataset& report, const QByteArray& trustedPem) {
    initializeDcmsign();
    DcmSignature signature;
    signature.attach(&report);
    const unsigned long count = signature.numberOfSignatures();
    SignatureCheck result{SignatureState::Unsigned, {}, {}, QStringLiteral("the report carries no digital signature")};
    for (unsigned long i = 0; i < count; ++i) {
        if (signature.selectSignature(i).bad()) {
            result = {SignatureState::Invalid, {}, {}, QStringLiteral("signature %1 cannot be read").arg(i + 1)};
            break;
        }
        result = checkSelected(signature, trustedPem);
        if (result.state != SignatureState::Valid) break;
    }
    signature.detach();
    return result;
}

}  // namespace telerad
