// Fuzz target: a file from a CD or a folder. Imported as `telerad-cli import` does
// (Archive::storeFile: read, checked, written atomically, indexed), then decoded as the viewer
// and the thumbnails do (every frame, every codec: DCMTK's and our JPEG 2000 over OpenJPEG).
// Any crash, leak or undefined behaviour on the way is a finding.

#include "FuzzInput.h"

#include "dicom/PixelDecoder.h"

using namespace telerad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Archive& archive = fuzz::archive();
    const QString path = QString::fromStdString(fuzz::writeInput(data, size));
    if (path.isEmpty()) return 0;
    (void)archive.storeFile(path);
    (void)decodeFrames(path);
    return 0;
}
