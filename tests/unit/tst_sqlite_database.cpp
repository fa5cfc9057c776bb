// Statements kept prepared per thread (runPrepared) behave as statements prepared anew:
// each run binds its own values, a statement in use is never reused under its reader, and
// a kept SELECT does not hold the database's read snapshot once it is let go.

#include "TestSupport.h"

#include "common/SqliteDatabase.h"

#include <QFile>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

namespace {

Result<SqliteDatabase> openScratch(const QTemporaryDir& dir) {
    const QString schema = dir.filePath(QStringLiteral("schema.sql"));
    QFile file(schema);
    if (!file.open(QIODevice::WriteOnly)) return failure(file.errorString());
    file.write("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)\n");
    file.close();
    return SqliteDatabase::open(dir.filePath(QStringLiteral("scratch.sqlite")), schema, 1);
}

}  // namespace

class SqliteDatabaseTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void eachRunOfAKeptStatementBindsItsOwnValues() {
        QTemporaryDir dir;
        auto database = openScratch(dir);
        QVERIFY2(database.ok(), qPrintable(database.error()));
        const QString insert = QStringLiteral("INSERT INTO notes(text) VALUES(?)");
        for (const char* text : {"first", "second", "third"}) {
            auto id = database->execute(insert, {QString::fromLatin1(text)});
            QVERIFY2(id.ok(), qPrintable(id.error()));
        }
        auto rows = database->select(QStringLiteral("SELECT text FROM notes ORDER BY id"));
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0).at(0), QStringLiteral("first"));
        QCOMPARE(rows->at(2).at(0), QStringLiteral("third"));
        auto one = database->select(QStringLiteral("SELECT text FROM notes WHERE id = ?"), {2});
        QVERIFY2(one.ok(), qPrintable(one.error()));
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->at(0).at(0), QStringLiteral("second"));
    }

    void aStatementInUseIsNotReusedUnderItsReader() {
        QTemporaryDir dir;
        auto database = openScratch(dir);
        QVERIFY2(database.ok(), qPrintable(database.error()));
        QVERIFY(database->execute(QStringLiteral("INSERT INTO notes(text) VALUES('a'), ('b')")).ok());
        auto db = database->connection();
        QVERIFY2(db.ok(), qPrintable(db.error()));
        const QString byId = QStringLiteral("SELECT text FROM notes WHERE id = ?");
        auto outer = runPrepared(db.value(), byId, {1});
        QVERIFY2(outer.ok(), qPrintable(outer.error()));
        {
            auto inner = runPrepared(db.value(), byId, {2});
            QVERIFY2(inner.ok(), qPrintable(inner.error()));
            QVERIFY(inner.value()->next());
            QCOMPARE(inner.value()->value(0).toString(), QStringLiteral("b"));
        }
        QVERIFY(outer.value()->next());
        QCOMPARE(outer.value()->value(0).toString(), QStringLiteral("a"));
    }

    // Past the statements a thread keeps (64), the next texts still run, one-off.
    void statementsBeyondWhatAThreadKeepsStillRun() {
        QTemporaryDir dir;
        auto database = openScratch(dir);
        QVERIFY2(database.ok(), qPrintable(database.error()));
        QVERIFY(database->execute(QStringLiteral("INSERT INTO notes(text) VALUES('a')")).ok());
        for (int i = 0; i < 100; ++i) {
            auto rows = database->select(QStringLiteral("SELECT text, %1 FROM notes WHERE id = ?").arg(i), {1});
            QVERIFY2(rows.ok(), qPrintable(rows.error()));
            QCOMPARE(rows->size(), 1);
            QCOMPARE(rows->at(0).at(1), QString::number(i));
        }
    }

    // A SELECT read only to its first row stays open inside SQLite until it is reset; kept
    // that way it would hold its snapshot, and no checkpoint could empty the WAL file.
    void aKeptSelectLetGoDoesNotHoldBackCheckpoints() {
        QTemporaryDir dir;
        auto database = openScratch(dir);
        QVERIFY2(database.ok(), qPrintable(database.error()));
        QVERIFY(database->execute(QStringLiteral("INSERT INTO notes(text) VALUES('a'), ('b'), ('c')")).ok());
        auto db = database->connection();
        QVERIFY2(db.ok(), qPrintable(db.error()));
        {
            auto firstOnly = runPrepared(db.value(), QStringLiteral("SELECT text FROM notes ORDER BY id"));
            QVERIFY2(firstOnly.ok(), qPrintable(firstOnly.error()));
            QVERIFY(firstOnly.value()->next());
        }
        QVERIFY(database->execute(QStringLiteral("INSERT INTO notes(text) VALUES('d')")).ok());
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("checkpointer"));
        {
            other.setDatabaseName(database->path());
            QVERIFY(other.open());
            QSqlQuery checkpoint(other);
            QVERIFY2(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), qPrintable(checkpoint.lastError().text()));
            QVERIFY(checkpoint.next());
            QCOMPARE(checkpoint.value(0).toInt(), 0);  // 1: a reader kept the checkpoint from finishing
            other.close();
        }
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("checkpointer"));
    }
};

QTEST_GUILESS_MAIN(SqliteDatabaseTest)
#include "tst_sqlite_database.moc"
