#pragma once
// A SQLite database file shared by threads: one Qt Sql connection per thread (connections
// are thread-bound; each is closed when its thread ends), WAL journal so readers never
// block writers, a busy timeout so concurrent writers wait instead of failing, and a
// versioned schema applied from a resource file. Used by the archive index and the queue.

#include "Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

class QSqlQuery;

namespace telerad {

class SqliteDatabase {
public:
    /// Opens `path`, creating it from `schemaResource` (statements separated by blank lines)
    /// when its user_version is 0, else bringing it up to `schemaVersion` with `migrations`
    /// (migrations[v - 1] takes version v to v + 1); fails in words when the file is newer.
    static Result<SqliteDatabase> open(const QString& path, const QString& schemaResource, int schemaVersion,
                                       const QStringList& migrations = {});

    /// This thread's connection.
    Result<QSqlDatabase> connection() const;

    /// Rows of `sql` with `bindings`, each row as its columns' text.
    Result<QList<QStringList>> select(const QString& sql, const QVariantList& bindings = {}) const;
    /// Runs one statement; the new row's id for an INSERT.
    Result<qint64> execute(const QString& sql, const QVariantList& bindings = {}) const;
    /// Runs an UPDATE or DELETE; returns how many rows it changed.
    Result<int> update(const QString& sql, const QVariantList& bindings = {}) const;
    /// Runs `work` inside one transaction: committed when it succeeds, rolled back otherwise.
    Status transaction(const std::function<Status(QSqlDatabase&)>& work) const;
    /// The same, holding the write lock from the start (BEGIN IMMEDIATE): for work that reads
    /// a row and writes what depends on it while other processes write too.
    Status writeTransaction(const std::function<Status(QSqlDatabase&)>& work) const;

    QString path() const { return m_path; }

private:
    explicit SqliteDatabase(QString path) : m_path(std::move(path)) {}
    QString m_path;
};

/// Prepares `sql`, binds `values` in order and executes it; errors in words.
Status runQuery(QSqlQuery& query, const QString& sql, const QVariantList& values = {});

}  // namespace telerad
