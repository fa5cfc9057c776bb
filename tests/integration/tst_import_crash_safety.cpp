// Kill an import at random moments (SIGKILL, 20 times): after `telerad-cli check`, every
// archived file has its index row, every row its file, nothing half-written remains, and a
// final import completes the study with every instance exactly once.

#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

namespace {

QStringList archivedFiles(const QString& home) {
    QStringList files;
    const QDir root(home + QStringLiteral("/archive"));
    for (QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << root.relativeFilePath(it.next());
    files.sort();
    return files;
}

QStringList cli(const QStringList& arguments, int* exitCode) {
    QProcess process;
    process.start(QStringLiteral(TELERAD_CLI), arguments);
    process.waitForFinished(120000);
    *exitCode = process.exitCode();
    return QString::fromLocal8Bit(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class ImportCrashSafetyTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void killedImportsLeaveAConsistentArchive() {
        QTemporaryDir home, input;
        DemoStudySpec spec;
        spec.rows = spec.columns = 256;
        spec.slices = 120;
        auto study = DemoStudyGenerator::write(input.path(), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        QRandomGenerator random(20261124);  // fixed seed: a failure can be replayed
        int killedMidway = 0;
        for (int run = 0; run < 20; ++run) {
            QProcess import;
            import.start(QStringLiteral(TELERAD_CLI), {QStringLiteral("--home"), home.path(), QStringLiteral("import"), input.path()});
            QVERIFY(import.waitForStarted());
            QTest::qWait(random.bounded(5, 120));
            if (import.state() == QProcess::Running) ++killedMidway;
            import.kill();
            import.waitForFinished();

            int code = -1;
            const QStringList checked = cli({QStringLiteral("--home"), home.path(), QStringLiteral("check")}, &code);
            QVERIFY2(code == 0 || code == 1, qPrintable(checked.join(QLatin1Char('\n'))));
            const QStringList files = archivedFiles(home.path());
            QVERIFY2(files.filter(QStringLiteral(".part")).isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
            int rows = 0;
            const QStringList instances = cli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"),
                                               QStringLiteral("--instances"), study->seriesInstanceUid}, &code);
            QStringList indexedFiles;
            for (const QString& line : instances) {
                indexedFiles << line.split(QLatin1Char('\t')).last();
                ++rows;
            }
            indexedFiles.sort();
            QCOMPARE(indexedFiles, files);  // no row without its file, no file without its row
        }
        QVERIFY2(killedMidway >= 10, qPrintable(QString::number(killedMidway)));

        int code = -1;
        const QStringList last = cli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), input.path()}, &code);
        QVERIFY(last.size() == 1 && last.front().startsWith(QStringLiteral("imported ")));
        QCOMPARE(archivedFiles(home.path()).size(), spec.slices);
        const QStringList instances = cli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"),
                                           QStringLiteral("--instances"), study->seriesInstanceUid}, &code);
        QCOMPARE(instances.size(), spec.slices);
    }
};

QTEST_GUILESS_MAIN(ImportCrashSafetyTest)
#include "tst_import_crash_safety.moc"
