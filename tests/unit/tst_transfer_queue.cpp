// The transfer queue's file outlives versions of Telerad: a queue written by an older one
// is brought up to date with its jobs, which then resume as they were.

#include "TestSupport.h"

#include "common/SqliteDatabase.h"
#include "net/TransferQueue.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace telerad;

class TransferQueueTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void versionTwoQueueIsMigratedWithItsJobs() {
        QTemporaryDir home;
        const std::vector<InstanceRef> instances = {{QStringLiteral("/nowhere/1.dcm"), QStringLiteral("1.2.840.10008.5.1.4.1.1.2"),
                                                     QStringLiteral("1.2.3.1"), QStringLiteral("1.2.840.10008.1.2.1")},
                                                    {QStringLiteral("/nowhere/2.dcm"), QStringLiteral("1.2.840.10008.5.1.4.1.1.2"),
                                                     QStringLiteral("1.2.3.2"), QStringLiteral("1.2.840.10008.1.2.1")}};
        qint64 id = 0;
        {
            auto queue = TransferQueue::open(home.path());
            QVERIFY2(queue.ok(), qPrintable(queue.error()));
            auto queued = queue->enqueue(QStringLiteral("reader"), instances, QStringLiteral("two slices"));
            QVERIFY2(queued.ok(), qPrintable(queued.error()));
            id = queued.value();
            // Back to what version 2 was: no patient or study per item, user_version 2.
            auto database = SqliteDatabase::open(home.filePath(QStringLiteral("queue.sqlite")), QString(), 3);
            QVERIFY2(database.ok(), qPrintable(database.error()));
            for (const char* sql : {"ALTER TABLE job_items DROP COLUMN patient_id", "ALTER TABLE job_items DROP COLUMN study_uid",
                                    "PRAGMA user_version = 2"})
                QVERIFY2(database->execute(QString::fromLatin1(sql)).ok(), sql);
        }
        QThreadPool pool;  // a fresh thread: a new connection sees the file as it is now
        const QString error = QtConcurrent::run(&pool, [&] {
            auto queue = TransferQueue::open(home.path());
            if (!queue.ok()) return queue.error();
            auto database = SqliteDatabase::open(home.filePath(QStringLiteral("queue.sqlite")), QString(), 3);
            auto version = database->select(QStringLiteral("PRAGMA user_version"));
            auto columns = database->select(QStringLiteral("SELECT count(*) FROM pragma_table_info('job_items') "
                                                           "WHERE name IN ('patient_id', 'study_uid')"));
            if (!version.ok() || version->front().front() != QLatin1String("3")) return QStringLiteral("not at version 3");
            if (!columns.ok() || columns->front().front() != QLatin1String("2")) return QStringLiteral("columns missing");
            auto job = queue->job(id);
            if (!job.ok()) return job.error();
            if (job->total != 2 || job->pending() != 2 || job->state != JobState::Queued)
                return QStringLiteral("job %1: %2 of %3 pending, %4").arg(id).arg(job->pending()).arg(job->total).arg(jobStateName(job->state));
            return QString();
        }).result();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TransferQueueTest)
#include "tst_transfer_queue.moc"
