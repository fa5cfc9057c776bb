#include "SeriesThumbnails.h"

#include "archive/Archive.h"
#include "common/AtomicFile.h"
#include "dicom/ImageHeader.h"
#include "dicom/PixelDecoder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>

#include <algorithm>

namespace telerad {

namespace {

/// Grey values through the file's first window (else the full range), as the viewer opens
/// them; MONOCHROME1 shown as on film.
QImage greyImage(const DecodedFrame& frame, const ImageDescription& description) {
    double low = 0, high = 0;
    if (!description.windows.empty()) {
        low = description.windows.front().center - description.windows.front().width / 2;
        high = description.windows.front().center + description.windows.front().width / 2;
    } else {
        const auto [min, max] = std::minmax_element(frame.values.begin(), frame.values.end());
        low = *min;
        high = *max;
    }
    const double scale = 255.0 / std::max(1.0, high - low);
    const bool inverted = description.photometricInterpretation == QLatin1String("MONOCHROME1");
    QImage image(frame.columns, frame.rows, QImage::Format_Grayscale8);
    for (int y = 0; y < frame.rows; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < frame.columns; ++x) {
            const int grey = static_cast<int>(std::clamp((frame.values[static_cast<size_t>(y) * frame.columns + x] - low) * scale, 0.0, 255.0));
            line[x] = static_cast<uchar>(inverted ? 255 - grey : grey);
        }
    }
    return image;
}

QImage colourImage(const DecodedFrame& frame) {
    QImage image(frame.rgb.data(), frame.columns, frame.rows, frame.columns * 3, QImage::Format_RGB888);
    return image.copy();  // own the pixels: the frame goes away
}

Result<QImage> makeThumbnail(const QString& file, int size) {
    auto header = readImageHeader(file);
    if (!header.ok()) return failure(header.error());
    auto frames = decodeFrames(file);
    if (!frames.ok()) return failure(frames.error());
    const DecodedFrame& middle = frames.value()[frames.value().size() / 2];
    const QImage full = middle.colour ? colourImage(middle) : greyImage(middle, header->description);
    // Pixels shown at their true aspect (non-square pixels).
    const double aspect = header->columnSpacing > 0 ? header->rowSpacing / header->columnSpacing : 1.0;
    const QImage upright = full.scaled(full.width(), std::max(1, static_cast<int>(full.height() * aspect)));
    return upright.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

}  // namespace

Result<QImage> seriesThumbnail(const QString& dataFolderRoot, const QString& seriesUid, int size) {
    auto archive = Archive::open(dataFolderRoot);
    if (!archive.ok()) return failure(archive.error());
    auto rows = archive->index().select(QStringLiteral("SELECT file FROM instances WHERE series = ? ORDER BY number, sop_uid"), {seriesUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no image in this series").arg(seriesUid));
    // Named by the instance count too: a series still arriving gets a new middle image.
    const QDir folder(dataFolderRoot + QStringLiteral("/thumbnails"));
    const QString name = QStringLiteral("%1-%2-%3.png").arg(seriesUid).arg(size).arg(rows->size());
    QImage image(folder.filePath(name));
    if (!image.isNull()) return image;
    auto made = makeThumbnail(archive->absolutePath(rows->at(rows->size() / 2).front()), size);
    if (!made.ok()) return failure(made.error());
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    made->save(&buffer, "PNG");
    folder.mkpath(QStringLiteral("."));
    for (const QString& older : folder.entryList({QStringLiteral("%1-%2-*.png").arg(seriesUid).arg(size)}, QDir::Files)) QFile::remove(folder.filePath(older));
    (void)writeFileAtomically(folder.filePath(name), png);  // a cache: failing to keep it only costs time
    return made.value();
}

}  // namespace telerad
