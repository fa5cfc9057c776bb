#include "VolumeLoader.h"

#include "ImageHeader.h"
#include "PixelDecoder.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <new>

namespace telerad {

namespace {

/// One header per frame of every file (a multi-frame file gives all its frames).
Result<std::vector<ImageHeader>> readHeaders(const QStringList& files) {
    const QList<Result<std::vector<ImageHeader>>> results =
        QtConcurrent::blockingMapped<QList<Result<std::vector<ImageHeader>>>>(files, readFrameHeaders);
    std::vector<ImageHeader> headers;
    for (const auto& result : results) {
        if (!result.ok()) return failure(result.error());
        headers.insert(headers.end(), result.value().begin(), result.value().end());
    }
    return headers;
}

/// Keeps the largest group of images that stack (same size and orientation) and says what
/// was left out: a series mixing orientations (a scout, a reformat) still shows its stack.
QStringList keepLargestStack(std::vector<ImageHeader>& headers) {
    std::vector<std::vector<ImageHeader>> stacks;
    for (ImageHeader& h : headers) {
        auto same = std::find_if(stacks.begin(), stacks.end(), [&h](const std::vector<ImageHeader>& stack) {
            const ImageHeader& first = stack.front();
            return h.rows == first.rows && h.columns == first.columns && dot(h.normal(), first.normal()) >= 0.999;
        });
        if (same == stacks.end()) stacks.push_back({std::move(h)});
        else same->push_back(std::move(h));
    }
    std::stable_sort(stacks.begin(), stacks.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    headers = std::move(stacks.front());
    QStringList warnings;
    if (stacks.size() > 1) {
        size_t left = 0;
        for (size_t i = 1; i < stacks.size(); ++i) left += stacks[i].size();
        warnings << QCoreApplication::translate("VolumeLoader", "Mixed orientations or sizes: %n image(s) of this series not shown (e.g. %1)", nullptr,
                                             static_cast<int>(left))
                        .arg(QFileInfo(stacks[1].front().path).fileName());
    }
    return warnings;
}

/// What the slice positions say about the stack: gaps (missing slices), uneven spacing,
/// duplicates, and a gantry tilt (slices shifted sideways as they advance).
QStringList stackWarnings(const std::vector<ImageHeader>& sorted, const Vec3& normal) {
    QStringList warnings;
    if (sorted.size() < 3) return warnings;
    std::vector<double> gaps;
    for (size_t k = 1; k < sorted.size(); ++k) gaps.push_back(dot(sorted[k].position, normal) - dot(sorted[k - 1].position, normal));
    std::vector<double> ordered = gaps;
    std::nth_element(ordered.begin(), ordered.begin() + static_cast<long>(ordered.size() / 2), ordered.end());
    const double median = ordered[ordered.size() / 2];
    int missing = 0, uneven = 0, duplicates = 0;
    for (double gap : gaps) {
        if (gap < 0.01 * std::max(median, 0.01)) ++duplicates;
        else if (gap > 1.5 * median) missing += static_cast<int>(std::lround(gap / median)) - 1;
        else if (std::abs(gap - median) > 0.1 * median) ++uneven;
    }
    if (missing > 0) warnings << QCoreApplication::translate("VolumeLoader", "Missing slices: about %n (gaps in the slice positions)", nullptr, missing);
    if (uneven > 0) warnings << QCoreApplication::translate("VolumeLoader", "Irregular slice spacing (%n gap(s) differ from %1 mm by more than 10%)", nullptr, uneven)
                                       .arg(median, 0, 'f', 2);
    if (duplicates > 0) warnings << QCoreApplication::translate("VolumeLoader", "%n slice(s) at the same position as another", nullptr, duplicates);
    const Vec3 advance{sorted.back().position[0] - sorted.front().position[0], sorted.back().position[1] - sorted.front().position[1],
                       sorted.back().position[2] - sorted.front().position[2]};
    const double length = std::sqrt(dot(advance, advance));
    if (length > 0) {
        const double tilt = std::acos(std::clamp(std::abs(dot(advance, normal)) / length, 0.0, 1.0)) * 180 / M_PI;
        if (tilt > 0.5) warnings << QCoreApplication::translate("VolumeLoader", "Gantry tilt %1 degrees: reformats and 3D are distorted").arg(tilt, 0, 'f', 1);
    }
    return warnings;
}

// Spacing between slices from their positions along the normal (not from Slice Thickness,
// which may differ from the spacing in overlapping or gapped acquisitions).
double sliceSpacing(const std::vector<ImageHeader>& sorted, const Vec3& normal) {
    if (sorted.size() < 2) return sorted.front().sliceThickness > 0 ? sorted.front().sliceThickness : 1.0;
    const double span = dot(sorted.back().position, normal) - dot(sorted.front().position, normal);
    const double spacing = span / static_cast<double>(sorted.size() - 1);
    return spacing > 1e-6 ? spacing : 1.0;
}

VolumeGeometry geometryOf(const std::vector<ImageHeader>& sorted) {
    const ImageHeader& first = sorted.front();
    VolumeGeometry g;
    g.dimensions = {first.columns, first.rows, static_cast<int>(sorted.size())};
    g.origin = first.position;
    g.rowDirection = first.rowDirection;
    g.columnDirection = first.columnDirection;
    g.sliceDirection = first.normal();
    g.spacing = {first.columnSpacing, first.rowSpacing, sliceSpacing(sorted, g.sliceDirection)};
    return g;
}

}  // namespace

Result<std::shared_ptr<const ImageVolume>> VolumeLoader::load(const QStringList& files,
                                                              const Progress& progress,
                                                              const std::atomic_bool* cancel) {
    if (files.isEmpty()) return failure(QCoreApplication::translate("VolumeLoader", "no image files to load"));
    auto headers = readHeaders(files);
    if (!headers.ok()) return failure(headers.error());
    std::vector<ImageHeader>& sorted = headers.value();
    QStringList warnings = keepLargestStack(sorted);
    const Vec3 normal = sorted.front().normal();
    std::stable_sort(sorted.begin(), sorted.end(), [&normal](const ImageHeader& a, const ImageHeader& b) {
        return dot(a.position, normal) < dot(b.position, normal);
    });
    warnings << stackWarnings(sorted, normal);

    auto volume = std::make_shared<ImageVolume>();
    volume->geometry = geometryOf(sorted);
    volume->description = sorted.front().description;
    volume->geometryWarnings = warnings;
    volume->placedInPatient = std::all_of(sorted.begin(), sorted.end(), [](const ImageHeader& h) { return h.hasPlaneGeometry(); });
    // One buffer for the whole series: refused in words when it cannot be had, not a crash.
    const size_t voxels = volume->geometry.voxelCount();
    const bool colour = std::any_of(sorted.begin(), sorted.end(), [](const ImageHeader& h) { return h.colour; });
    if (voxels > (size_t{1} << 31))
        return failure(QCoreApplication::translate("VolumeLoader", "%1: %2 million voxels, too large to load (at most 2,147 million)").arg(sorted.front().path).arg(voxels / 1000000));
    try {
        volume->voxels.resize(voxels);
        if (colour) volume->rgb.resize(3 * voxels);
    } catch (const std::bad_alloc&) {
        return failure(QCoreApplication::translate("VolumeLoader", "%1: not enough memory for %2 million voxels").arg(sorted.front().path).arg(voxels / 1000000));
    }

    // Each file is decoded once (all its frames), in parallel across files; its frames go
    // to the slices the sort gave them.
    const size_t sliceSize = static_cast<size_t>(sorted.front().columns) * sorted.front().rows;
    QMap<QString, std::vector<std::pair<int, size_t>>> slicesOfFile;  // path -> (frame, slice)
    for (size_t k = 0; k < sorted.size(); ++k) slicesOfFile[sorted[k].path].emplace_back(sorted[k].frame, k);
    const QStringList paths = slicesOfFile.keys();
    std::atomic_int decoded{0};
    const QList<Status> outcomes = QtConcurrent::blockingMapped<QList<Status>>(paths, [&](const QString& path) -> Status {
        if (cancel && cancel->load()) return failure(QCoreApplication::translate("VolumeLoader", "loading cancelled"));
        auto frames = decodeFrames(path);
        if (!frames.ok()) return failure(frames.error());
        for (const auto& [frame, k] : *slicesOfFile.constFind(path)) {
            if (frame >= static_cast<int>(frames.value().size())) return failure(QCoreApplication::translate("VolumeLoader", "%1: frame %2 missing").arg(path).arg(frame + 1));
            uint8_t* rgb = volume->isColour() ? volume->rgb.data() + 3 * k * sliceSize : nullptr;
            Status copied = copyFrameInto(path, frames.value()[static_cast<size_t>(frame)], sorted[k].columns, sorted[k].rows,
                                          volume->voxels.data() + k * sliceSize, rgb);
            if (!copied.ok()) return copied;
            if (progress) progress(++decoded, static_cast<int>(sorted.size()));
        }
        return success();
    });
    for (const Status& outcome : outcomes)
        if (!outcome.ok()) return failure(outcome.error());
    return std::shared_ptr<const ImageVolume>(std::move(volume));
}

}  // namespace telerad
