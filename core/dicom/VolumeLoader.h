#pragma once
// Assembles the image files of one series into an ImageVolume: headers first (to sort the
// slices along their normal and size the buffer once), then a parallel decode of every slice
// straight into its place in the buffer.

#include "ImageVolume.h"
#include "common/Result.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace telerad {

class VolumeLoader {
public:
    /// Called from worker threads with (slices decoded, total).
    using Progress = std::function<void(int done, int total)>;

    static Result<std::shared_ptr<const ImageVolume>> load(const QStringList& files,
                                                           const Progress& progress = {},
                                                           const std::atomic_bool* cancel = nullptr);
};

}  // namespace telerad
