#pragma once
// Thumbnails of archived series for the browser: the middle image, windowed as the viewer
// would open it, kept as PNG in <data folder>/thumbnails so each is decoded once. Called on
// worker threads (QImage needs no GUI thread).

#include "common/Result.h"

#include <QImage>

namespace telerad {

/// The thumbnail of `seriesUid` (at most `size` pixels on its longer side), from the cache
/// when there, else made and cached. Fails for series without a decodable image.
Result<QImage> seriesThumbnail(const QString& dataFolderRoot, const QString& seriesUid, int size = 64);

}  // namespace telerad
