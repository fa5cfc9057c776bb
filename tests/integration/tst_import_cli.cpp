// telerad-cli import and ls, driven as a hospital script would: exit codes, one line per
// rejected file, the summary line, tab-separated listings; and the whole real corpus.

#include "CliRunner.h"
#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

namespace {

using test::runCli;


}  // namespace

class ImportCliTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void importReportsEachRejectedFileAndSummarises() {
        QTemporaryDir home, input;
        DemoStudySpec spec;
        spec.rows = spec.columns = 64;
        spec.slices = 10;
        auto study = DemoStudyGenerator::write(input.filePath(QStringLiteral("ct")), spec);
        QVERIFY2(study.ok(), qPrintable(study.error()));
        const QString junk = input.filePath(QStringLiteral("ct/readme.txt"));
        { QFile f(junk); QVERIFY(f.open(QIODevice::WriteOnly)); f.write("not dicom"); }
        const QString empty = input.filePath(QStringLiteral("empty.dcm"));
        { QFile f(empty); QVERIFY(f.open(QIODevice::WriteOnly)); }

        test::CliRun first = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), input.path()});
        QCOMPARE(first.exitCode, 1);
        QCOMPARE(first.out, QStringList{QStringLiteral("imported 10, duplicates 0, rejected 3")});
        // the COMPLETE marker of the generator is not DICOM either
        QCOMPARE(first.err.size(), 3);
        QVERIFY(first.err.filter(QStringLiteral("rejected ") + junk + QLatin1Char(':')).size() == 1);
        QVERIFY(first.err.filter(QStringLiteral("rejected ") + empty + QStringLiteral(": empty file")).size() == 1);

        test::CliRun again = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), study->files.first()});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, QStringList{QStringLiteral("imported 0, duplicates 1, rejected 0")});

        test::CliRun studies = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"), QStringLiteral("--studies")});
        QCOMPARE(studies.exitCode, 0);
        QCOMPARE(studies.out.size(), 1);
        const QStringList columns = studies.out.front().split(QLatin1Char('\t'));
        QCOMPARE(columns.at(0), study->studyInstanceUid);
        QCOMPARE(columns.at(1), QStringLiteral("TELERAD-DEMO"));
        QCOMPARE(columns.last(), QStringLiteral("10"));

        test::CliRun series = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"), QStringLiteral("--series"),
                                  study->studyInstanceUid});
        QCOMPARE(series.out.size(), 1);
        QVERIFY(series.out.front().startsWith(study->seriesInstanceUid + QLatin1Char('\t')));
        test::CliRun instances = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls"), QStringLiteral("--instances"),
                                     study->seriesInstanceUid});
        QCOMPARE(instances.out.size(), 10);
    }

    void missingPathIsAFatalUsageError() {
        QTemporaryDir home;
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import")});
        QCOMPARE(run.exitCode, 2);
    }

    void wholeRealCorpusImportsWithEveryRejectionExplained() {
        const QString corpus = test::corpusFolder();
        if (corpus.isEmpty()) QSKIP("TELERAD_TEST_CORPUS is not set (CI sets it to ../shared/corpus)");
        QTemporaryDir home;
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), corpus});
        QCOMPARE(run.exitCode, 1);  // the corpus holds broken and non-DICOM files on purpose
        QCOMPARE(run.out.size(), 1);
        const QRegularExpression summary(QStringLiteral("^imported (\\d+), duplicates (\\d+), rejected (\\d+)$"));
        const auto match = summary.match(run.out.front());
        QVERIFY2(match.hasMatch(), qPrintable(run.out.front()));
        const int imported = match.captured(1).toInt();
        QVERIFY2(imported >= 380, qPrintable(run.out.front()));
        QCOMPARE(run.err.size(), match.captured(3).toInt());
        for (const QString& line : run.err) QVERIFY2(line.startsWith(QStringLiteral("rejected ") + corpus), qPrintable(line));
        QVERIFY(!run.err.filter(QStringLiteral("MR_truncated.dcm: not DICOM, or damaged")).isEmpty());
        // Every archived file has its index row and nothing half-written is left.
        const QString archive = home.filePath(QStringLiteral("archive"));
        QCOMPARE(test::filesUnder(archive, QStringLiteral("*.dcm")).size(), imported);
        QCOMPARE(test::filesUnder(archive, QStringLiteral("*.part")).size(), 0);
        test::CliRun studies = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("ls")});
        int instancesListed = 0;
        for (const QString& row : studies.out) instancesListed += row.split(QLatin1Char('\t')).last().toInt();
        QCOMPARE(instancesListed, imported);
    }
};

QTEST_GUILESS_MAIN(ImportCliTest)
#include "tst_import_cli.moc"
