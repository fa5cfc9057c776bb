// Fuzz target: an instance arriving at our storage SCP. The dataset DCMTK parsed from the
// association goes through ArchiveServices::storeReceived as in `serve`: attributes
// extracted and validated (UIDs before they become paths), the file written atomically,
// the index updated. Any crash, leak or undefined behaviour on the way is a finding.

#include "FuzzInput.h"

#include "archive/ArchiveServices.h"

using namespace telerad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Archive& archive = fuzz::archive();
    static ArchiveServices services(archive);
    auto file = fuzz::parse(data, size);
    if (!file) return 0;
    const Peer peer{QStringLiteral("FUZZER"), QStringLiteral("127.0.0.1"), {}, 1};
    (void)services.storeReceived(*file->getDataset(), peer);
    services.associationEnded(peer);
    return 0;
}
