#include "AnnotationStore.h"

#include "common/UtcTime.h"

namespace telerad {

Result<AnnotationStore> AnnotationStore::open(const QString& dataFolderRoot) {
    auto database = SqliteDatabase::open(dataFolderRoot + QStringLiteral("/annotations.sqlite"),
                                         QStringLiteral(":/telerad/core/archive/annotations-v1.sql"), 1);
    if (!database.ok()) return failure(QStringLiteral("annotations: %1").arg(database.error()));
    return AnnotationStore(database.value());
}

Status AnnotationStore::save(const QString& seriesUid, const QByteArray& content) const {
    auto done = content.isEmpty()
                    ? m_database.execute(QStringLiteral("DELETE FROM annotations WHERE series_uid = ?"), {seriesUid})
                    : m_database.execute(QStringLiteral("INSERT OR REPLACE INTO annotations(series_uid, content, updated_at) VALUES(?,?,?)"),
                                         {seriesUid, QString::fromUtf8(content), isoNow()});
    if (!done.ok()) return failure(done.error());
    return success();
}

Result<QByteArray> AnnotationStore::load(const QString& seriesUid) const {
    auto rows = m_database.select(QStringLiteral("SELECT content FROM annotations WHERE series_uid = ?"), {seriesUid});
    if (!rows.ok()) return failure(rows.error());
    return rows->isEmpty() ? QByteArray() : rows->first().first().toUtf8();
}

}  // namespace telerad
