// Kill an import at random moments (SIGKILL, 20 times): after `telerad-cli check`, every
// archived file has its index row, every row its file, nothing half-written remains, and a
// final import completes the study with every instance exactly once.

#include "CliRunner.h"
#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

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

            const test::CliRun checked = test::runCli({QStringLiteral("--home"), home.path(), QStringLiteral("check")});
            QVERIFY2(checked.exitCode == 0 || checked.exitCode == 1, qPrintable(checked.err.join(QLatin1Char('\n'))));
            const QStringList files = test::filesUnder(home.path() + QStringLiteral("/archive"));
            QVERIFY2(files.filter(QStringLiteral(".part")).isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
            const test::CliRun instances = test::runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"),
                                                         QStringLiteral("--instances"), study->seriesInstanceUid});
            QStringList indexedFiles;
            for (const QString& line : instances.out) indexedFiles << line.split(QLatin1Char('\t')).last();
            indexedFiles.sort();
            QCOMPARE(indexedFiles, files);  // no row without its file, no file without its row
        }
        QVERIFY2(killedMidway >= 10, qPrintable(QString::number(killedMidway)));

        const test::CliRun last = test::runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), input.path()});
        QVERIFY(last.out.size() == 1 && last.out.front().startsWith(QStringLiteral("imported ")));
        QCOMPARE(test::filesUnder(home.path() + QStringLiteral("/archive")).size(), spec.slices);
        const test::CliRun instances = test::runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"),
                                                     QStringLiteral("--instances"), study->seriesInstanceUid});
        QCOMPARE(instances.out.size(), spec.slices);
    }
};

QTEST_GUILESS_MAIN(ImportCrashSafetyTest)
#include "tst_import_crash_safety.moc"
