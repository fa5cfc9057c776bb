#pragma once
// Writes a synthetic CT study (the CtPhantom, scanned axially) as real DICOM CT Image
// Storage files, so a newcomer sees images at once and tests have a study of known content.

#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace telerad {

struct DemoStudySpec {
    int rows = 512;
    int columns = 512;
    int slices = 160;
    double pixelSpacingMm = 0.78125;  ///< 400 mm field of view at 512 columns
    double sliceSpacingMm = 2.0;
    QString patientName = QStringLiteral("DEMO^Telerad");
    QString patientId = QStringLiteral("TELERAD-DEMO");
};

struct DemoStudy {
    QString folder;
    QString studyInstanceUid;
    QString seriesInstanceUid;
    QStringList files;  ///< in acquisition order (feet to head)
};

/// Called with (slices written, total) from worker threads.
using ProgressCallback = std::function<void(int done, int total)>;

class DemoStudyGenerator {
public:
    /// Writes the study into `folder` (created if needed). Files appear only when complete.
    static Result<DemoStudy> write(const QString& folder, const DemoStudySpec& spec = {},
                                   const ProgressCallback& progress = {},
                                   const std::atomic_bool* cancel = nullptr);

    /// The study written earlier in `folder`, if its completion marker is there.
    static Result<DemoStudy> existing(const QString& folder);

    /// `existing(folder)`, or `write(folder, spec)` when there is none yet or it has another
    /// number of slices than `spec` asks.
    static Result<DemoStudy> ensure(const QString& folder, const DemoStudySpec& spec = {}, const ProgressCallback& progress = {},
                                    const std::atomic_bool* cancel = nullptr);

    /// Rescale used by the generated files: HU = stored + kRescaleIntercept.
    static constexpr int kRescaleIntercept = -1024;
};

}  // namespace telerad
