#pragma once
// The SQLite index of the archive (patient / study / series / instance), on SqliteDatabase
// (a connection per thread, WAL, busy timeout, versioned schema resource).

#include "InstanceAttributes.h"
#include "common/Result.h"
#include "common/SqliteDatabase.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace telerad {

struct IndexedInstance {
    QString sopUid, file;  ///< file: relative to the archive's files root
};

class ArchiveIndex {
public:
    /// Opens (creating and migrating as needed) the index at `databasePath`.
    static Result<ArchiveIndex> open(const QString& databasePath);

    /// The instance already indexed under `sopUid`, if any.
    Result<std::optional<IndexedInstance>> findInstance(const QString& sopUid) const;

    /// Adds the instance and, as needed, its patient, study and series, in one transaction.
    Status insert(const InstanceAttributes& attributes, const QString& relativeFile, qint64 size) const;

    /// Removes an instance's row, and its series, study and patient when they become empty.
    Status removeInstance(const QString& sopUid) const;

    /// Rows of `sql` with `bindings`, each row as its columns' text.
    Result<QList<QStringList>> select(const QString& sql, const QVariantList& bindings = {}) const;

    QString path() const { return m_database.path(); }

private:
    explicit ArchiveIndex(SqliteDatabase database) : m_database(std::move(database)) {}

    SqliteDatabase m_database;
};

}  // namespace telerad
