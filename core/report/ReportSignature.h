#pragma once
// Digital signatures on reports (DICOM PS3.15 Annex C, Structured Reporting RSA profile)
// through DCMTK's dcmsign: the radiologist's verification signature over the whole SR, and
// its check on the receiving side against the certificates the site trusts.

#include "common/Result.h"

#include <QByteArray>
#include <QString>

class DcmDataset;

namespace telerad {

/// A radiologist's key (decrypted, in memory only) and certificate.
struct SigningIdentity {
    QByteArray keyPem, certificatePem;
    QString commonName, organization;  ///< from the certificate's subject
    /// The common name as a DICOM person name: "Dr Marie Curie" -> "Curie^Marie^^Dr".
    QString personName() const;
};

/// From a PKCS#12 file, with its passphrase.
Result<SigningIdentity> loadSigningIdentityP12(const QString& p12File, const QByteArray& passphrase);
/// From PEM files; the key may be encrypted with `passphrase`.
Result<SigningIdentity> loadSigningIdentityPem(const QString& keyFile, const QString& certificateFile, const QByteArray& passphrase);

/// Adds the verification signature (RIPEMD-160 MAC, RSA, SR profile: SOP class, study,
/// series, equipment, evidence and the whole content tree signed) to a verified SR.
Status signReport(DcmDataset& report, const SigningIdentity& identity);

enum class SignatureState { Valid, Invalid, Untrusted, Unsigned };
QString signatureStateName(SignatureState state);  ///< valid, invalid, untrusted, unsigned

struct SignatureCheck {
    SignatureState state = SignatureState::Unsigned;
    QString signer, issuer;  ///< subjects, when a signature is there
    QString detail;          ///< why it is not valid, in words
    QString describe() const;  ///< "valid (signed by ..., issued by ...)", "invalid: ..."
};

/// Checks every signature of the dataset: each must verify over the signed content, follow
/// the SR profile, and come from a certificate that chains to `trustedPem` (PEM CAs).
/// Never Valid unless all of that holds.
SignatureCheck checkReportSignature(DcmDataset& report, const QByteArray& trustedPem);

}  // namespace telerad
