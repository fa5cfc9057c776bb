#include "TransferSyntaxes.h"

#include <dcmtk/dcmdata/dcuid.h>

namespace telerad::transfersyntax {

QStringList uncompressed() {
    return {QStringLiteral(UID_LittleEndianExplicitTransferSyntax), QStringLiteral(UID_LittleEndianImplicitTransferSyntax)};
}

QStringList losslessCompressed() {
    return {QStringLiteral(UID_JPEGLSLosslessTransferSyntax),
            QStringLiteral(UID_JPEGProcess14SV1TransferSyntax)};
}

QStringList acceptedForStorage() {
    return uncompressed() + losslessCompressed() +
           QStringList{QStringLiteral(UID_BigEndianExplicitTransferSyntax),
                       QStringLiteral(UID_DeflatedExplicitVRLittleEndianTransferSyntax),
                       QStringLiteral(UID_RLELosslessTransferSyntax),
                       QStringLiteral(UID_JPEGProcess14TransferSyntax),
                       QStringLiteral(UID_JPEG2000LosslessOnlyTransferSyntax),
                       QStringLiteral(UID_JPEGProcess1TransferSyntax),
                       QStringLiteral(UID_JPEGProcess2_4TransferSyntax),
                       QStringLiteral(UID_JPEGLSLossyTransferSyntax),
                       QStringLiteral(UID_JPEG2000TransferSyntax)};
}

bool isUncompressed(const QString& uid) {
    return uncompressed().contains(uid) || uid == QLatin1String(UID_BigEndianExplicitTransferSyntax);
}

}  // namespace telerad::transfersyntax
