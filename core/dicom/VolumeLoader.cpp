#include "VolumeLoader.h"

#include "ImageHeader.h"
#include "PixelDecoder.h"

#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace telerad {

namespace {

Result<std::vector<ImageHeader>> readHeaders(const QStringList& files) {
    const QList<Result<ImageHeader>> results =
        QtConcurrent::blockingMapped<QList<Result<ImageHeader>>>(files, readImageHeader);
    std::vector<ImageHeader> headers;
    for (const auto& result : results) {
        if (!result.ok()) return failure(result.error());
        headers.push_back(result.value());
    }
    return headers;
}

Status checkSameStack(const std::vector<ImageHeader>& headers) {
    const ImageHeader& first = headers.front();
    for (const ImageHeader& h : headers) {
        if (h.rows != first.rows || h.columns != first.columns)
            return failure(QStringLiteral("%1: size %2x%3 differs from the series' %4x%5")
                               .arg(h.path).arg(h.columns).arg(h.rows).arg(first.columns).arg(first.rows));
        if (dot(h.normal(), first.normal()) < 0.999)
            return failure(QStringLiteral("%1: orientation differs from the rest of the series").arg(h.path));
    }
    return success();
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
    if (files.isEmpty()) return failure(QStringLiteral("no image files to load"));
    auto headers = readHeaders(files);
    if (!headers.ok()) return failure(headers.error());
    std::vector<ImageHeader>& sorted = headers.value();
    if (Status same = checkSameStack(sorted); !same.ok()) return failure(same.error());
    const Vec3 normal = sorted.front().normal();
    std::stable_sort(sorted.begin(), sorted.end(), [&normal](const ImageHeader& a, const ImageHeader& b) {
        return dot(a.position, normal) < dot(b.position, normal);
    });

    auto volume = std::make_shared<ImageVolume>();
    volume->geometry = geometryOf(sorted);
    volume->description = sorted.front().description;
    volume->voxels.resize(volume->geometry.voxelCount());

    const size_t sliceSize = static_cast<size_t>(sorted.front().columns) * sorted.front().rows;
    std::vector<int> indices(sorted.size());
    std::iota(indices.begin(), indices.end(), 0);
    std::atomic_int decoded{0};
    const QList<Status> outcomes = QtConcurrent::blockingMapped<QList<Status>>(indices, [&](int k) -> Status {
        if (cancel && cancel->load()) return failure(QStringLiteral("loading cancelled"));
        const ImageHeader& h = sorted[static_cast<size_t>(k)];
        Status status = decodeFrameInto(h.path, h.columns, h.rows, volume->voxels.data() + k * sliceSize);
        if (progress) progress(++decoded, static_cast<int>(sorted.size()));
        return status;
    });
    for (const Status& outcome : outcomes)
        if (!outcome.ok()) return failure(outcome.error());
    return std::shared_ptr<const ImageVolume>(std::move(volume));
}

}  // namespace telerad
