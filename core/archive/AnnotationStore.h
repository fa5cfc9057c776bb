#pragma once
// What a radiologist drew on a series (measurements, key images), kept with the archive in
// <data folder>/annotations.sqlite, so it comes back when the series is opened again. The
// content is the viewer's own JSON; this store only keeps it per series.

#include "common/Result.h"
#include "common/SqliteDatabase.h"

#include <QByteArray>

namespace telerad {

class AnnotationStore {
public:
    static Result<AnnotationStore> open(const QString& dataFolderRoot);

    /// Replaces the series' annotations; empty content removes them.
    Status save(const QString& seriesUid, const QByteArray& content) const;
    /// The series' annotations, empty when there are none.
    Result<QByteArray> load(const QString& seriesUid) const;

private:
    explicit AnnotationStore(SqliteDatabase database) : m_database(std::move(database)) {}
    SqliteDatabase m_database;
};

}  // namespace telerad
