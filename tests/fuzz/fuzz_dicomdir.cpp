// Fuzz target: the DICOMDIR of a CD or USB stick, followed as an import of that media does
// (Importer::collectFiles: the nesting bound on the raw bytes, DCMTK's directory parser,
// then every record's Referenced File ID, kept within the media folder). Any crash, hang,
// leak or undefined behaviour on the way is a finding.

#include "FuzzInput.h"

#include "archive/Importer.h"

using namespace telerad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)fuzz::archive();  // the application and DCMTK's quiet log
    const QString path = QString::fromStdString(fuzz::writeInput(data, size, "DICOMDIR"));
    if (path.isEmpty()) return 0;
    QList<ImportReport::Rejection> rejected;
    (void)Importer::collectFiles({path}, &rejected);
    return 0;
}
