// Fuzz target: a report received from another site. The SR is read for display (sections,
// author, references, critical flag), read as a notice, and its signature checked, as the
// requesting site does with every report that arrives.

#include "FuzzInput.h"

#include "dicom/DicomErrors.h"
#include "report/ReportSignature.h"
#include "report/StructuredReport.h"

using namespace telerad;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::ensureApplication();
    static const bool quiet = (quietDicomToolkitLog(), true);
    (void)quiet;
    auto file = fuzz::parse(data, size);
    if (!file) return 0;
    DcmDataset& dataset = *file->getDataset();
    (void)readReportDocument(dataset);
    (void)readNotice(dataset);
    (void)checkReportSignature(dataset, QByteArray());
    return 0;
}
