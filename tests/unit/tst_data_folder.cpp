// The data folder is chosen as documented and is private to its owner.

#include "TestSupport.h"

#include "common/DataFolder.h"
#include "security/AuditTrail.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

class DataFolderTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void explicitPathWinsAndIsCreatedPrivate() {
        QTemporaryDir dir;
        const QString wanted = dir.filePath(QStringLiteral("site/home"));
        auto folder = DataFolder::open(wanted);
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        QCOMPARE(folder->root(), wanted);
        const QFileInfo info(wanted);
        QVERIFY(info.isDir());
        QCOMPARE(info.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
    }

    void environmentVariableIsUsedWhenNoPathIsGiven() {
        QTemporaryDir dir;
        qputenv("TELERAD_HOME", dir.filePath(QStringLiteral("from-env")).toLocal8Bit());
        auto folder = DataFolder::open();
        qunsetenv("TELERAD_HOME");
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        QCOMPARE(folder->root(), dir.filePath(QStringLiteral("from-env")));
    }

    void xdgDataHomeIsTheDefault() {
        QTemporaryDir dir;
        qunsetenv("TELERAD_HOME");
        qputenv("XDG_DATA_HOME", dir.path().toLocal8Bit());
        auto folder = DataFolder::open();
        QVERIFY2(folder.ok(), qPrintable(folder.error()));
        QCOMPARE(folder->root(), dir.filePath(QStringLiteral("telerad")));
    }

    void unwritableLocationIsReportedInWords() {
        auto folder = DataFolder::open(QStringLiteral("/proc/telerad-cannot-be-here"));
        QVERIFY(!folder.ok());
        QVERIFY2(folder.error().contains(QStringLiteral("/proc/telerad-cannot-be-here")), qPrintable(folder.error()));
    }

    void filesCreatedAfterwardsArePrivate() {
        QTemporaryDir dir;
        auto folder = DataFolder::open(dir.path());
        QVERIFY(folder.ok());
        auto trail = AuditTrail::open(folder->root());
        QVERIFY(trail.ok());
        QVERIFY(trail->record({QString(audit::kStudyViewed), true, QStringLiteral("P1"), QStringLiteral("1.2.3"), {}, {}}).ok());
        QFile plain(folder->root() + QStringLiteral("/notes.txt"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        for (const QString& name : {QStringLiteral("audit.sqlite"), QStringLiteral("notes.txt")}) {
            const QFile::Permissions permissions = QFileInfo(folder->root() + QLatin1Char('/') + name).permissions();
            QVERIFY2((permissions & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)) == QFile::Permissions(),
                     qPrintable(name));
        }
    }

    void subfoldersArePrivateToo() {
        QTemporaryDir dir;
        auto folder = DataFolder::open(dir.path());
        QVERIFY(folder.ok());
        const QString demo = folder->demoStudyPath();
        QVERIFY(QFileInfo(demo).isDir());
        QCOMPARE(QFileInfo(demo).permissions() & QFile::ReadOther, QFile::Permissions());
    }
};

QTEST_GUILESS_MAIN(DataFolderTest)
#include "tst_data_folder.moc"
