#include "TransferSyntaxes.h"

#include <dcmtk/dcmdata/dcuid.h>

namespace telerad::transfersyntax {

QStringList uncompressed() {
    return {QStringLiteral(UID_LittleEndianExplicitTransferSyntax), QStringLiteral(UID_LittleEndianImplicitTransferSyntax)};
}

QStringList losslessCompressed() {
    return {QStringLiteral(UID_JPEGLSLosslessTransferSyntax), QStringLiteral(UID_JPEGProcess14SV1TransferSyntax)};
}

QStringList acceptedForStorage() {
    // Lossless compression as proposed (smaller, and some of it we could not decompress),
    // then uncompressed; lossy only when the peer proposes nothing else, so that accepting
    // never makes a sender degrade an image it could have sent intact.
    return losslessCompressed() +
           QStringList{QStringLiteral(UID_JPEGProcess14TransferSyntax), QStringLiteral(UID_RLELosslessTransferSyntax),
                       QStringLiteral(UID_JPEG2000LosslessOnlyTransferSyntax),
                       QStringLiteral(UID_DeflatedExplicitVRLittleEndianTransferSyntax)} +
           uncompressed() +
           QStringList{QStringLiteral(UID_BigEndianExplicitTransferSyntax), QStringLiteral(UID_JPEGProcess1TransferSyntax),
                       QStringLiteral(UID_JPEGProcess2_4TransferSyntax), QStringLiteral(UID_JPEGLSLossyTransferSyntax),
                       QStringLiteral(UID_JPEG2000TransferSyntax)};
}

QStringList retrievedOnOurAssociation() { return uncompressed() + losslessCompressed(); }

bool isUncompressed(const QString& uid) {
    return uncompressed().contains(uid) || uid == QLatin1String(UID_BigEndianExplicitTransferSyntax);
}

}  // namespace telerad::transfersyntax
