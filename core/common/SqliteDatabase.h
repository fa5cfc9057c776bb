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
#include <memory>

#include <QSqlQuery>

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

/// A statement of this thread's, prepared once per connection and kept (see runPrepared).
/// Read its rows while it lives; it is reset when it goes, so a SELECT never keeps the
/// database's read snapshot (which would hold back WAL checkpoints) after its use.
class PreparedQuery {
public:
    PreparedQuery(QSqlQuery* query, bool* inUse, std::unique_ptr<QSqlQuery> oneOff = {})
        : m_query(query), m_inUse(inUse), m_oneOff(std::move(oneOff)) {}
    PreparedQuery(PreparedQuery&& other) noexcept;
    PreparedQuery(const PreparedQuery&) = delete;
    PreparedQuery& operator=(const PreparedQuery&) = delete;
    PreparedQuery& operator=(PreparedQuery&&) = delete;
    ~PreparedQuery();
    QSqlQuery* operator->() const { return m_query; }
    QSqlQuery& operator*() const { return *m_query; }

private:
    QSqlQuery* m_query;
    bool* m_inUse;  // the cache's flag for this statement; null for a one-off
    std::unique_ptr<QSqlQuery> m_oneOff;
};

/// `sql` run with `values` bound in order, like runQuery, on a statement this thread
/// prepared for `db` before (SQLite's parsing and planning took a fifth of an import's
/// instructions when every insert prepared its statements anew). A statement still in use
/// higher up the same thread is not disturbed: the call gets a one-off statement then.
Result<PreparedQuery> runPrepared(QSqlDatabase& db, const QString& sql, const QVariantList& values = {});

}  // namespace telerad
