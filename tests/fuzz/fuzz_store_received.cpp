// Fuzz target: an instance arriving at our storage SCP. The SCP writes the dataset to a file
// as it arrives (meta header and bytes, unparsed) and hands it to
// ArchiveServices::storeReceivedFile as in `serve`: checked before DCMTK parses it, attributes
// extracted and validated (UIDs before they become paths), linked into place, indexed. Then
// the same bytes as a dataset DCMTK parsed, as our C-GET receives them (storeReceived).
// Any crash, leak or undefined behaviour on the way is a finding.

#include "FuzzInput.h"

#include "archive/ArchiveServices.h"

#include <QFile>

using namespace telerad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Archive& archive = fuzz::archive();
    static ArchiveServices services(archive);
    const Peer peer{QStringLiteral("FUZZER"), QStringLiteral("127.0.0.1"), {}, 1};
    const QString received = services.newReceivingFile();
    QFile spool(received);
    if (spool.open(QIODevice::WriteOnly) && spool.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) == static_cast<qint64>(size)) {
        spool.close();
        (void)services.storeReceivedFile(received, peer);
    }
    QFile::remove(received);
    if (auto file = fuzz::parse(data, size)) (void)services.storeReceived(*file->getDataset(), peer);
    services.associationEnded(peer);
    return 0;
}
