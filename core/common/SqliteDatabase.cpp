#include "SqliteDatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QThreadStorage>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>
#include <map>
#include <memory>
#include <mutex>

namespace telerad {

namespace {

QString describe(const QString& database, const QString& what, const QSqlError& error) {
    return QStringLiteral("%1: %2: %3").arg(QFileInfo(database).fileName(), what, error.text());
}

// This thread's connections, by database path; removed when the thread ends, so a later
// thread never inherits a connection that belongs to a dead one, and a service that runs a
// thread per association does not pile up open handles.
class ThreadConnections {
public:
    ~ThreadConnections() {
        // A pool thread may end during static destruction, after Qt Sql's registry is gone:
        // then the process is ending and there is nothing left to tidy.
        if (!QCoreApplication::instance()) {
            // Their driver may be gone too: kept as they are, reachable, for the process's end.
            static auto* const abandoned = new std::vector<std::unique_ptr<QSqlQuery>>;
            for (auto& [key, statement] : m_statements) abandoned->push_back(std::move(statement.query));
            return;
        }
        m_statements.clear();  // before the connections they belong to
        for (const auto& [path, name] : m_names) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
    QString nameFor(const QString& path) {
        auto found = m_names.find(path);
        if (found != m_names.end()) return found->second;
        static std::atomic<quint64> counter{0};
        const QString name = QStringLiteral("telerad-sqlite-%1").arg(++counter);
        m_names.emplace(path, name);
        return name;
    }
    bool has(const QString& path) const { return m_names.count(path) != 0; }

    struct Statement {
        std::unique_ptr<QSqlQuery> query;
        bool inUse = false;
    };
    /// The kept statement for `sql` on the connection named `connection` (its query null
    /// until made); null when this thread keeps as many as it may and not that one. SQL is
    /// written with its values bound, but a C-FIND's text depends on which keys the peer
    /// sent: the bound keeps a peer varying them from growing a thread's statements forever.
    Statement* statement(const QString& connection, const QString& sql) {
        constexpr std::size_t kMostKept = 64;
        const auto key = std::make_pair(connection, sql);
        auto found = m_statements.find(key);
        if (found != m_statements.end()) return &found->second;
        return m_statements.size() < kMostKept ? &m_statements[key] : nullptr;
    }

private:
    std::map<QString, QString> m_names;
    std::map<std::pair<QString, QString>, Statement> m_statements;
};

// QThreadStorage rather than thread_local: Qt destroys it as the thread finishes, before
// QThread::wait() (and so a thread pool's waitForDone()) returns; a thread_local would be
// destroyed later, after the pool was joined, closing files its owner believed closed.
QThreadStorage<ThreadConnections*> t_connections;

ThreadConnections& threadConnections() {
    if (!t_connections.hasLocalData()) t_connections.setLocalData(new ThreadConnections);
    return *t_connections.localData();
}

Status exec(QSqlDatabase& db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql)) return failure(describe(db.databaseName(), sql.left(60), query.lastError()));
    return success();
}

// Runs the statements of `resource` (separated by blank lines, `--` comments ignored), then
// records `version`.
Status applySchema(QSqlDatabase& db, const QString& resource, int version) {
    QFile schema(resource);
    if (!schema.open(QIODevice::ReadOnly)) return failure(QStringLiteral("schema resource %1 missing").arg(resource));
    for (const QString& statement : QString::fromUtf8(schema.readAll()).split(QStringLiteral("\n\n"))) {
        QString sql = statement;
        sql.remove(QRegularExpression(QStringLiteral("^--[^\n]*\n?"), QRegularExpression::MultilineOption));
        if (sql.trimmed().isEmpty()) continue;
        if (Status s = exec(db, sql); !s.ok()) return s;
    }
    return exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
}

// A new file gets the whole schema; an older one each migration after its version, in order.
Status upgrade(QSqlDatabase& db, int current, const QString& schemaResource, int schemaVersion, const QStringList& migrations) {
    if (current == 0) return applySchema(db, schemaResource, schemaVersion);
    for (int version = current; version < schemaVersion; ++version) {
        if (version > migrations.size())
            return failure(QStringLiteral("%1: no migration from schema version %2").arg(db.databaseName()).arg(version));
        if (Status s = applySchema(db, migrations[version - 1], version + 1); !s.ok()) return s;
    }
    return success();
}

Result<int> userVersion(QSqlDatabase& db) {
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
        return failure(describe(db.databaseName(), QStringLiteral("reading the schema version"), version.lastError()));
    return version.value(0).toInt();
}

// Two threads (the browser and the network service) may open a new database at the same
// moment: the write lock is taken first (BEGIN IMMEDIATE) and the version read again under
// it, so exactly one of them creates the tables and the other finds them made.
Status createSchemaOnce(QSqlDatabase& db, const QString& schemaResource, int schemaVersion, const QStringList& migrations) {
    if (Status s = exec(db, QStringLiteral("BEGIN IMMEDIATE")); !s.ok()) return s;
    auto current = userVersion(db);
    Status s = success();
    if (!current.ok()) s = failure(current.error());
    else if (current.value() < schemaVersion) s = upgrade(db, current.value(), schemaResource, schemaVersion, migrations);
    if (!s.ok()) {
        (void)exec(db, QStringLiteral("ROLLBACK"));  // the error that made us roll back is the one to report
        return s;
    }
    return exec(db, QStringLiteral("COMMIT"));
}

// WAL is a property of the file, set once; while another connection opens a new file at the
// same moment SQLite answers "locked" at once, without its busy timeout, so we wait here.
Status enableWriteAheadLog(QSqlDatabase& db) {
    Status s = success();
    for (int attempt = 0; attempt < 500; ++attempt) {
        s = exec(db, QStringLiteral("PRAGMA journal_mode = WAL"));
        if (s.ok() || !s.error().contains(QLatin1String("locked"))) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return s;
}

// Our own threads take turns at a database's write lock here, where the next one is woken
// the moment it is free: SQLite's busy handler makes a writer that finds the lock taken
// sleep 1 ms or more (an import of 300 files slept about 150 times). Other processes
// still meet the busy timeout. Recursive: a transaction's work may write again.
std::recursive_mutex& writerTurn(const QString& path) {
    static std::mutex guard;
    static std::map<QString, std::unique_ptr<std::recursive_mutex>> turns;
    const std::lock_guard lock(guard);
    auto& turn = turns[path];
    if (!turn) turn = std::make_unique<std::recursive_mutex>();
    return *turn;
}

}  // namespace

namespace {

Status bindAndRun(QSqlQuery& query, const QString& sql, const QVariantList& values) {
    // Positions set anew on every run: a kept statement still holds the last run's values.
    // Text is never NULL in our schemas: Qt binds a null QString as NULL, which NOT NULL
    // refuses and = never matches, so it goes in as the empty string it means.
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant& v = values[i];
        query.bindValue(int(i), v.metaType().id() == QMetaType::QString && v.toString().isNull() ? QVariant(QStringLiteral("")) : v);
    }
    if (!query.exec()) return failure(describe(QString(), sql.left(60), query.lastError()));
    return success();
}

// A new statement for `sql` on `db`, or null with the error in `error`.
std::unique_ptr<QSqlQuery> prepareStatement(QSqlDatabase& db, const QString& sql, QString& error) {
    auto query = std::make_unique<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (query->prepare(sql)) return query;
    error = describe(QString(), sql.left(60), query->lastError());
    return nullptr;
}

}  // namespace

Status runQuery(QSqlQuery& query, const QString& sql, const QVariantList& values) {
    if (!query.prepare(sql)) return failure(describe(QString(), sql.left(60), query.lastError()));
    return bindAndRun(query, sql, values);
}

PreparedQuery::PreparedQuery(PreparedQuery&& other) noexcept
    : m_query(std::exchange(other.m_query, nullptr)), m_inUse(std::exchange(other.m_inUse, nullptr)), m_oneOff(std::move(other.m_oneOff)) {}

PreparedQuery::~PreparedQuery() {
    if (m_query) m_query->finish();
    if (m_inUse) *m_inUse = false;
}

Result<PreparedQuery> runPrepared(QSqlDatabase& db, const QString& sql, const QVariantList& values) {
    ThreadConnections::Statement* kept = threadConnections().statement(db.connectionName(), sql);
    QString error;
    std::unique_ptr<QSqlQuery> oneOff;
    if (!kept || kept->inUse) {
        if (!(oneOff = prepareStatement(db, sql, error))) return failure(error);
    } else if (!kept->query && !(kept->query = prepareStatement(db, sql, error))) {
        return failure(error);
    }
    QSqlQuery* query = oneOff ? oneOff.get() : kept->query.get();
    bool* inUse = oneOff ? nullptr : &kept->inUse;
    if (inUse) *inUse = true;
    PreparedQuery prepared(query, inUse, std::move(oneOff));
    if (Status s = bindAndRun(*prepared, sql, values); !s.ok()) return failure(s.error());
    return prepared;
}

Result<SqliteDatabase> SqliteDatabase::open(const QString& path, const QString& schemaResource, int schemaVersion,
                                            const QStringList& migrations) {
    SqliteDatabase database(path);
    auto db = database.connection();
    if (!db.ok()) return failure(db.error());
    auto version = userVersion(db.value());
    if (!version.ok()) return failure(version.error());
    const int current = version.value();
    if (current > schemaVersion)
        return failure(QStringLiteral("%1: schema version %2 is newer than this Telerad (%3)").arg(path).arg(current).arg(schemaVersion));
    if (current == schemaVersion) return database;
    if (Status created = createSchemaOnce(db.value(), schemaResource, schemaVersion, migrations); !created.ok()) return failure(created.error());
    return database;
}

Result<QSqlDatabase> SqliteDatabase::connection() const {
    ThreadConnections& connections = threadConnections();
    const bool known = connections.has(m_path);
    const QString name = connections.nameFor(m_path);
    if (known) return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!db.open()) return failure(describe(m_path, QStringLiteral("opening"), db.lastError()));
    if (Status s = enableWriteAheadLog(db); !s.ok()) return failure(s.error());
    for (const char* pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"})
        if (Status s = exec(db, QString::fromLatin1(pragma)); !s.ok()) return failure(s.error());
    return db;
}

Result<QList<QStringList>> SqliteDatabase::select(const QString& sql, const QVariantList& bindings) const {
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    auto q = runPrepared(db.value(), sql, bindings);
    if (!q.ok()) return failure(QStringLiteral("%1: %2").arg(QFileInfo(m_path).fileName(), q.error()));
    QList<QStringList> rows;
    const int columns = q.value()->record().count();
    while (q.value()->next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i) row << q.value()->value(i).toString();
        rows << row;
    }
    return rows;
}

Result<qint64> SqliteDatabase::execute(const QString& sql, const QVariantList& bindings) const {
    const std::lock_guard turn(writerTurn(m_path));
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    auto q = runPrepared(db.value(), sql, bindings);
    if (!q.ok()) return failure(QStringLiteral("%1: %2").arg(QFileInfo(m_path).fileName(), q.error()));
    return q.value()->lastInsertId().toLongLong();
}

Result<int> SqliteDatabase::update(const QString& sql, const QVariantList& bindings) const {
    const std::lock_guard turn(writerTurn(m_path));
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    auto q = runPrepared(db.value(), sql, bindings);
    if (!q.ok()) return failure(QStringLiteral("%1: %2").arg(QFileInfo(m_path).fileName(), q.error()));
    return q.value()->numRowsAffected();
}

Status SqliteDatabase::transaction(const std::function<Status(QSqlDatabase&)>& work) const {
    const std::lock_guard turn(writerTurn(m_path));
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    if (!db->transaction()) return failure(describe(m_path, QStringLiteral("begin"), db->lastError()));
    Status s = work(db.value());
    if (!s.ok()) {
        db->rollback();
        return s;
    }
    if (!db->commit()) return failure(describe(m_path, QStringLiteral("commit"), db->lastError()));
    return success();
}

Status SqliteDatabase::writeTransaction(const std::function<Status(QSqlDatabase&)>& work) const {
    const std::lock_guard turn(writerTurn(m_path));
    auto db = connection();
    if (!db.ok()) return failure(db.error());
    if (Status s = exec(db.value(), QStringLiteral("BEGIN IMMEDIATE")); !s.ok()) return s;
    Status s = work(db.value());
    if (!s.ok()) {
        (void)exec(db.value(), QStringLiteral("ROLLBACK"));  // the work's error is the one to report
        return s;
    }
    return exec(db.value(), QStringLiteral("COMMIT"));
}

}  // namespace telerad
