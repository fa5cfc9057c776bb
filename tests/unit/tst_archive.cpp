// The archive stores each instance completely or not at all, indexes it, skips identical
// duplicates, keeps the first of two different instances with one UID, never lets a bad UID
// become a path, and stays consistent with many writers at once.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "archive/Importer.h"
#include "dicom/DemoStudyGenerator.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace telerad;

namespace {

QByteArray contentOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A copy of `source` with one attribute changed, written to `target`.
void writeModifiedCopy(const QString& source, const QString& target, const DcmTagKey& tag, const char* value) {
    DcmFileFormat file;
    QVERIFY(file.loadFile(source.toLocal8Bit().constData()).good());
    QVERIFY(file.getDataset()->putAndInsertString(tag, value).good());
    QVERIFY(file.saveFile(target.toLocal8Bit().constData(), EXS_LittleEndianExplicit).good());
}


}  // namespace

class ArchiveTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        test::failOnUnexpectedWarnings();
        m_home = std::make_unique<QTemporaryDir>();
        m_inputs = std::make_unique<QTemporaryDir>();
        DemoStudySpec spec;
        spec.rows = spec.columns = 32;
        spec.slices = 6;
        auto study = DemoStudyGenerator::write(m_inputs->filePath(QStringLiteral("study")), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        m_study = study.value();
    }

    void storedFileIsIdenticalAndIndexedUnderItsUids() {
        auto archive = Archive::open(m_home->path());
        QVERIFY2(archive.ok(), qPrintable(archive.error()));
        for (const QString& file : m_study.files) {
            auto outcome = archive->storeFile(file);
            QVERIFY2(outcome.ok(), qPrintable(outcome.error()));
            QCOMPARE(outcome.value(), StoreOutcome::Stored);
        }
        auto rows = archive->index().select(QStringLiteral("SELECT file FROM instances ORDER BY number"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), m_study.files.size());
        const QString first = archive->filesRoot() + QLatin1Char('/') + rows->front().front();
        QVERIFY(first.contains(m_study.studyInstanceUid + QLatin1Char('/') + m_study.seriesInstanceUid + QLatin1Char('/')));
        QCOMPARE(contentOf(first), contentOf(m_study.files.front()));
        auto studies = archive->index().select(QStringLiteral("SELECT uid FROM studies"));
        QCOMPARE(studies->size(), 1);
        // Rows and Columns are binary (US), Number of Frames a string (IS): both indexed.
        auto size = archive->index().select(QStringLiteral("SELECT rows, columns, frames FROM instances LIMIT 1"));
        QCOMPARE(size->front(), (QStringList{QStringLiteral("32"), QStringLiteral("32"), QStringLiteral("1")}));
        QCOMPARE(test::filesUnder(archive->filesRoot(), QStringLiteral("*.part")).size(), 0);
    }

    void identicalDuplicateIsSkipped() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        QCOMPARE(archive->storeFile(m_study.files.front()).value(), StoreOutcome::Stored);
        QCOMPARE(archive->storeFile(m_study.files.front()).value(), StoreOutcome::Duplicate);
        QCOMPARE(archive->index().select(QStringLiteral("SELECT * FROM instances"))->size(), 1);
    }

    void differentContentUnderTheSameUidIsReportedAndTheFirstKept() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        const QString altered = m_inputs->filePath(QStringLiteral("altered.dcm"));
        writeModifiedCopy(m_study.files.front(), altered, DCM_PatientName, "OTHER^Patient");
        QCOMPARE(archive->storeFile(m_study.files.front()).value(), StoreOutcome::Stored);
        auto second = archive->storeFile(altered);
        QVERIFY(!second.ok());
        QVERIFY2(second.error().startsWith(altered) && second.error().contains(QStringLiteral("different content")),
                 qPrintable(second.error()));
        auto file = archive->index().select(QStringLiteral("SELECT file FROM instances"));
        QCOMPARE(contentOf(archive->filesRoot() + QLatin1Char('/') + file->front().front()),
                 contentOf(m_study.files.front()));
    }

    // What a process that died while receiving left in incoming/ goes at the next opening;
    // a file still being received (written to recently) stays.
    void abandonedReceivedFilesGoWhenTheArchiveIsOpened() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        const QString abandoned = archive->receivingFolder() + QStringLiteral("/abandoned.part");
        const QString receiving = archive->receivingFolder() + QStringLiteral("/receiving.part");
        for (const QString& path : {abandoned, receiving}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write("half a dataset") > 0);
            QVERIFY(file.flush());  // written before it is dated back
            if (path == abandoned) QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime));
        }
        QVERIFY(Archive::open(m_home->path()).ok());
        QVERIFY(!QFile::exists(abandoned));
        QVERIFY(QFile::exists(receiving));
    }

    // A disk down to the reserve kept free refuses the file by name, writes nothing, and is
    // not a refusal of the file itself (with room, the same file stores).
    void aDiskDownToItsReserveRefusesTheFileUntilThereIsRoom() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        archive->setFreeSpaceReserve(qint64(1) << 60);  // an exabyte: no disk here has that
        auto full = archive->storeFile(m_study.files.front());
        QVERIFY(!full.ok() && !full.refused());
        QVERIFY2(full.error().startsWith(m_study.files.front()) && full.error().contains(QStringLiteral("the archive's disk is nearly full")),
                 qPrintable(full.error()));
        QCOMPARE(test::filesUnder(m_home->path(), QStringLiteral("*.dcm")).size(), 0);
        QCOMPARE(test::filesUnder(m_home->path(), QStringLiteral("*.part")).size(), 0);
        archive->setFreeSpaceReserve(0);
        QCOMPARE(archive->storeFile(m_study.files.front()).value(), StoreOutcome::Stored);
    }

    // The same instance from another sender (or received rather than imported) has another
    // meta header: its source AE title, the writer's implementation. Still a duplicate.
    void theSameDatasetUnderAnotherMetaHeaderIsADuplicate() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        const QString resent = m_inputs->filePath(QStringLiteral("resent.dcm"));
        QByteArray bytes = contentOf(m_study.files.front());
        const qsizetype version = bytes.indexOf(QByteArray::fromHex("02001300") + "SH");  // Implementation Version Name
        QVERIFY(version > 0 && version < 400);
        const int length = static_cast<uchar>(bytes[version + 6]);
        bytes.replace(version + 8, length, QByteArray(length, 'X'));  // another writer, same lengths
        QFile out(resent);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size());
        out.close();
        QVERIFY(contentOf(resent) != contentOf(m_study.files.front()));
        QCOMPARE(archive->storeFile(m_study.files.front()).value(), StoreOutcome::Stored);
        auto second = archive->storeFile(resent);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second.value(), StoreOutcome::Duplicate);
    }

    void invalidUidNeverBecomesAPath() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        const QString hostile = m_inputs->filePath(QStringLiteral("hostile.dcm"));
        writeModifiedCopy(m_study.files.front(), hostile, DCM_SeriesInstanceUID, "../../../../tmp/escaped");
        auto outcome = archive->storeFile(hostile);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error().contains(QStringLiteral("invalid Series Instance UID")), qPrintable(outcome.error()));
        QCOMPARE(test::filesUnder(m_home->path(), QStringLiteral("*.dcm")).size(), 0);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/escaped")));
    }

    void nonDicomEmptyAndTruncatedFilesAreRejectedByName() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        const QString text = m_inputs->filePath(QStringLiteral("notes.txt"));
        const QString empty = m_inputs->filePath(QStringLiteral("empty.dcm"));
        const QString truncated = m_inputs->filePath(QStringLiteral("truncated.dcm"));
        { QFile f(text); QVERIFY(f.open(QIODevice::WriteOnly)); f.write("Patient notes, not DICOM\n"); }
        { QFile f(empty); QVERIFY(f.open(QIODevice::WriteOnly)); }
        { QFile f(truncated); QVERIFY(f.open(QIODevice::WriteOnly)); f.write(contentOf(m_study.files.front()).left(900)); }
        for (const QString& bad : {text, empty, truncated}) {
            auto outcome = archive->storeFile(bad);
            QVERIFY2(!outcome.ok(), qPrintable(bad));
            QVERIFY2(outcome.error().startsWith(bad), qPrintable(outcome.error()));
        }
        QCOMPARE(test::filesUnder(m_home->path(), QStringLiteral("*.dcm")).size(), 0);
    }

    // A series goes alone; then its study, with its other series, folders and rows; the
    // index and files stay in agreement; each deletion is audited; an unknown UID is an error.
    void deletingASeriesThenItsStudyLeavesNothingBehind() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        for (const QString& file : m_study.files) QVERIFY(archive->storeFile(file).ok());
        const QString otherSeries = m_inputs->filePath(QStringLiteral("other.dcm"));
        writeModifiedCopy(m_study.files.front(), otherSeries, DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.9.7433.99.1");
        writeModifiedCopy(otherSeries, otherSeries, DCM_SOPInstanceUID, "1.2.826.0.1.3680043.9.7433.99.2");
        QVERIFY(archive->storeFile(otherSeries).ok());

        auto series = archive->deleteStudyOrSeries(m_study.seriesInstanceUid);
        QVERIFY2(series.ok(), qPrintable(series.error()));
        QCOMPARE(series.value(), m_study.files.size());
        QCOMPARE(test::filesUnder(archive->filesRoot(), QStringLiteral("*.dcm")).size(), 1);
        QCOMPARE(archive->index().select(QStringLiteral("SELECT uid FROM series"))->size(), 1);

        auto study = archive->deleteStudyOrSeries(m_study.studyInstanceUid);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        QCOMPARE(study.value(), 1);
        QCOMPARE(test::filesUnder(archive->filesRoot()).size(), 0);  // no file and no folder left
        for (const char* table : {"instances", "series", "studies", "patients"})
            QCOMPARE(archive->index().select(QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table)))->size(), 0);
        auto check = archive->checkAndRepair();
        QVERIFY(check.ok() && check->problems.isEmpty() && check->orphanFilesIndexed == 0);

        auto trail = AuditTrail::open(m_home->path());
        QVERIFY(trail.ok());
        AuditFilter deleted;
        deleted.action = audit::kStudyDeleted;
        auto deletions = trail->list(deleted);
        QVERIFY(deletions.ok());
        QCOMPARE(deletions->size(), 2);
        QVERIFY(deletions->front().event.detail.contains(QStringLiteral("series %1: 6 instance(s)").arg(m_study.seriesInstanceUid)));
        QCOMPARE(deletions->back().event.studyUid, m_study.studyInstanceUid);

        auto unknown = archive->deleteStudyOrSeries(m_study.studyInstanceUid);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QStringLiteral("no archived study or series has this UID")), qPrintable(unknown.error()));
    }

    void concurrentWritersStoreEachInstanceOnce() {
        // Two Archive objects on one folder, as the GUI's background jobs open them.
        auto archive = Archive::open(m_home->path());
        auto sameFolder = Archive::open(m_home->path());
        QVERIFY(archive.ok() && sameFolder.ok());
        QStringList work;
        for (int i = 0; i < 8; ++i) work << m_study.files;  // every instance 8 times, interleaved
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        std::atomic_int turn{0};
        const QList<Result<StoreOutcome>> outcomes = QtConcurrent::blockingMapped<QList<Result<StoreOutcome>>>(
            &pool, work, [&](const QString& f) { return (turn++ % 2 ? sameFolder : archive)->storeFile(f); });
        int stored = 0, duplicates = 0;
        for (const auto& o : outcomes) {
            QVERIFY2(o.ok(), qPrintable(o.error()));
            (o.value() == StoreOutcome::Stored ? stored : duplicates)++;
        }
        QCOMPARE(stored, m_study.files.size());
        QCOMPARE(duplicates, 7 * m_study.files.size());
        QCOMPARE(test::filesUnder(archive->filesRoot(), QStringLiteral("*.dcm")).size(), m_study.files.size());
        QCOMPARE(test::filesUnder(archive->filesRoot(), QStringLiteral("*.part")).size(), 0);
    }

    void openingANewArchiveFromManyThreadsAtOnceCreatesItOnce() {
        // The browser and the network service open a first-run archive at the same moment.
        for (int round = 0; round < 10; ++round) {
            QTemporaryDir fresh;
            fresh.setAutoRemove(false);
            QList<QString> errors;
            {
                QThreadPool pool;
                pool.setMaxThreadCount(6);
                errors = QtConcurrent::blockingMapped<QList<QString>>(&pool, QList<int>(6), [&](int) {
                    auto archive = Archive::open(fresh.path());
                    return archive.ok() ? QString() : archive.error();
                });
            }
            for (const QString& error : errors) QVERIFY2(error.isEmpty(), qPrintable(error));
            // Pool threads close their SQLite connections (removing the WAL files) as they
            // exit, which can be just after the pool stopped waiting for them.
            QTRY_VERIFY(QDir(fresh.path()).removeRecursively());
        }
    }

    void leftoverFileWithoutIndexRowIsReplacedAndIndexed() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        // As a crash between rename and index would leave it: a file with no row (here: junk).
        DcmFileFormat probe;
        QVERIFY(probe.loadFile(m_study.files.front().toLocal8Bit().constData()).good());
        OFString sop;
        probe.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop);
        const QString dir = archive->filesRoot() + QLatin1Char('/') + m_study.studyInstanceUid + QLatin1Char('/') +
                            m_study.seriesInstanceUid;
        QVERIFY(QDir().mkpath(dir));
        const QString leftover = dir + QLatin1Char('/') + QString::fromLatin1(sop.c_str()) + QStringLiteral(".dcm");
        { QFile f(leftover); QVERIFY(f.open(QIODevice::WriteOnly)); f.write("half a file"); }
        auto outcome = archive->storeFile(m_study.files.front());
        QVERIFY2(outcome.ok(), qPrintable(outcome.error()));
        QCOMPARE(outcome.value(), StoreOutcome::Stored);
        QCOMPARE(contentOf(leftover), contentOf(m_study.files.front()));
    }

    // An import flushes its files together at its end: a power cut before that end can leave
    // rows whose files are empty or short. The check removes both, naming the file, and the
    // instance imports again; the complete ones stay.
    void filesCutShortByAPowerCutAreRemovedWithTheirRows() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        ImportReport first = Importer(archive.value()).run({m_study.folder});
        QCOMPARE(first.imported, m_study.files.size());
        QStringList archived;
        for (const QString& file : test::filesUnder(archive->filesRoot(), QStringLiteral("*.dcm"))) archived << archive->absolutePath(file);
        QCOMPARE(archived.size(), m_study.files.size());
        for (const QString& cut : {archived[0], archived[1]})  // archived files are read-only
            QVERIFY(QFile::setPermissions(cut, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(QFile::resize(archived[0], 0));
        QVERIFY(QFile::resize(archived[1], QFileInfo(archived[1]).size() / 2));

        auto check = archive->checkAndRepair();
        QVERIFY2(check.ok(), qPrintable(check.error()));
        QCOMPARE(check->rowsWithoutFileRemoved, 2);
        QCOMPARE(check->problems.size(), 2);
        for (const QString& problem : check->problems)
            QVERIFY2(problem.contains(QStringLiteral("cut short by a power cut")), qPrintable(problem));
        QVERIFY(!QFile::exists(archived[0]) && !QFile::exists(archived[1]));
        QCOMPARE(archive->index().select(QStringLiteral("SELECT * FROM instances"))->size(), m_study.files.size() - 2);

        ImportReport again = Importer(archive.value()).run({m_study.folder});
        QCOMPARE(again.imported, 2);
        QCOMPARE(again.duplicates, m_study.files.size() - 2);
        QVERIFY(archive->checkAndRepair()->problems.isEmpty());
    }

    void indexSchemaIsVersioned() {
        auto archive = Archive::open(m_home->path());
        QVERIFY(archive.ok());
        auto version = archive->index().select(QStringLiteral("PRAGMA user_version"));
        QCOMPARE(version->front().front(), QStringLiteral("2"));
        auto journal = archive->index().select(QStringLiteral("PRAGMA journal_mode"));
        QCOMPARE(journal->front().front(), QStringLiteral("wal"));
        auto again = Archive::open(m_home->path());  // reopening migrates nothing, loses nothing
        QVERIFY2(again.ok(), qPrintable(again.error()));
    }

    void versionOneIndexIsMigratedWithItsRows() {
        {
            auto archive = Archive::open(m_home->path());
            QVERIFY(archive.ok());
            QVERIFY(archive->storeFile(m_study.files.front()).ok());
            // Back to what version 1 was: a digest column and user_version 1.
            QVERIFY(archive->index().select(QStringLiteral("ALTER TABLE instances ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''")).ok());
            QVERIFY(archive->index().select(QStringLiteral("PRAGMA user_version = 1")).ok());
        }
        QThreadPool pool;  // a fresh thread: a new connection sees the file as it is now
        const QString error = QtConcurrent::run(&pool, [&] {
            auto migrated = Archive::open(m_home->path());
            if (!migrated.ok()) return migrated.error();
            auto version = migrated->index().select(QStringLiteral("PRAGMA user_version"));
            auto columns = migrated->index().select(QStringLiteral("SELECT name FROM pragma_table_info('instances') WHERE name = 'sha256'"));
            auto rows = migrated->index().select(QStringLiteral("SELECT count(*) FROM instances"));
            if (version->front().front() != QLatin1String("2")) return QStringLiteral("version %1").arg(version->front().front());
            if (!columns->isEmpty()) return QStringLiteral("sha256 column still there");
            if (rows->front().front() != QLatin1String("1")) return QStringLiteral("%1 rows").arg(rows->front().front());
            auto again = migrated->storeFile(m_study.files.front());  // the duplicate check reads the file now
            if (!again.ok() || again.value() != StoreOutcome::Duplicate) return QStringLiteral("not recognised as duplicate");
            return QString();
        }).result();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home, m_inputs;
    DemoStudy m_study;
};

QTEST_GUILESS_MAIN(ArchiveTest)
#include "tst_archive.moc"
