// telerad-cli import and ls, driven as a hospital script would: exit codes, one line per
// rejected file, the summary line, tab-separated listings; and the whole real corpus.

#include "CliRunner.h"
#include "HandWrittenFiles.h"
#include "TestSupport.h"

#include "archive/Archive.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/ImageHeader.h"
#include "dicom/VolumeLoader.h"

#include <QRegularExpression>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace telerad;

namespace {

using test::runCli;

using test::absurdlyLarge;
using test::deeplyNested;

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

    // Files made to hurt: sequences nested 200,000 deep (DCMTK's recursive parser would
    // overflow the stack) and an image declaring 8.6 TB of pixels. Each is rejected in words,
    // the import goes on, the good study is in.
    void hostileFilesAreRejectedInWordsAndTheRestImports() {
        QTemporaryDir home, input;
        DemoStudySpec spec;
        spec.rows = spec.columns = 32;
        spec.slices = 4;
        QVERIFY(DemoStudyGenerator::write(input.filePath(QStringLiteral("good")), spec).ok());
        QFile::remove(input.filePath(QStringLiteral("good/COMPLETE")));
        const QString deep = input.filePath(QStringLiteral("deep.dcm")), huge = input.filePath(QStringLiteral("huge.dcm"));
        for (const auto& [path, bytes] : {std::pair{deep, deeplyNested(200000)}, std::pair{huge, absurdlyLarge()}})
            QVERIFY(test::writeFile(path, bytes));
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), input.path()});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 4, duplicates 0, rejected 2")});
        QVERIFY2(run.err.contains(QStringLiteral("rejected %1: sequences nested more than 32 deep; refused unparsed (a real object nests a few levels)").arg(deep)),
                 qPrintable(run.err.join(QLatin1Char('\n'))));
        QVERIFY2(run.err.contains(QStringLiteral("rejected %1: absurd image size (65535x65535 pixels x 1000 frame(s): 8590 GB)").arg(huge)),
                 qPrintable(run.err.join(QLatin1Char('\n'))));
        // A file within the bound is parsed as usual (only its missing pixel data is wrong).
        const QString shallow = input.filePath(QStringLiteral("shallow.dcm"));
        QFile f(shallow);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(deeplyNested(10)) > 0);
        f.close();
        run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), shallow});
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 1, duplicates 0, rejected 0")});
    }

    // A DICOMDIR given alone is followed to the 31 images it lists (pydicom's test media,
    // written by dcmmkdir). A reference that leads out of the media folder is not followed,
    // though a DICOM file waits there, and a DICOMDIR nested 200,000 deep is refused unparsed
    // (it crashed the import). Each says why in a line naming the DICOMDIR.
    void dicomdirIsFollowedWithinItsMediaOnly() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        const QString tests = test::corpusFolder() + QStringLiteral("/debian-python3-pydicom-2.3.1/test_files/dicomdirtests");
        QTemporaryDir home, root;
        const QString media = root.filePath(QStringLiteral("x/y/z/media"));
        for (const QString& folder : {QStringLiteral("77654033"), QStringLiteral("98892001"), QStringLiteral("98892003")})
            QVERIFY(test::copyFolder(tests + QLatin1Char('/') + folder, media + QLatin1Char('/') + folder));
        QFile original(tests + QStringLiteral("/DICOMDIR"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray dicomdir = original.readAll();
        const QString dicomdirPath = media + QStringLiteral("/DICOMDIR");
        QVERIFY(test::writeFile(dicomdirPath, dicomdir));
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), dicomdirPath});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 31, duplicates 0, rejected 0")});

        // Same length, so the DICOMDIR's offsets hold: x/CR1/6154 from the media folder.
        QByteArray escaping = dicomdir;
        escaping.replace("77654033\\CR1\\6154", "..\\..\\..\\CR1\\6154");
        QVERIFY(escaping != dicomdir);
        QVERIFY(test::writeFile(dicomdirPath, escaping));
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("x/CR1"))));
        QVERIFY(QFile::copy(tests + QStringLiteral("/77654033/CR1/6154"), root.filePath(QStringLiteral("x/CR1/6154"))));
        QTemporaryDir otherHome;
        run = runCli({QStringLiteral("--home"), otherHome.path(), QStringLiteral("import"), dicomdirPath});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 30, duplicates 0, rejected 1")});
        QCOMPARE(run.err, QStringList{QStringLiteral("rejected %1: refers to '..\\..\\..\\CR1\\6154', outside its media folder; not followed").arg(dicomdirPath)});

        QVERIFY(test::writeFile(dicomdirPath, deeplyNested(200000)));
        run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), dicomdirPath});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 0, duplicates 0, rejected 1")});
        QCOMPARE(run.err, QStringList{QStringLiteral("rejected %1: sequences nested more than 32 deep; refused unparsed (a real object nests a few levels)").arg(dicomdirPath)});
    }

    // A directory record whose type DCMTK's parser throws on (std::out_of_range, found by
    // fuzzing): uncaught, it ended the import, or a DICOM service receiving such an instance.
    // Imported as a file and followed as a DICOMDIR, it is refused in words.
    void aFileDcmtkThrowsOnIsRefusedInWords() {
        const QString damaged = QStringLiteral(TELERAD_FUZZ_REGRESSIONS "/directory-record-type-throws.dcm");
        QTemporaryDir home, media;
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), damaged});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out, QStringList{QStringLiteral("imported 0, duplicates 0, rejected 1")});
        QVERIFY2(run.err.size() == 1 && run.err.front().startsWith(QStringLiteral("rejected %1: not DICOM, or damaged (DCMTK: DCMTK failed on damaged content (").arg(damaged)),
                 qPrintable(run.err.join(QLatin1Char('\n'))));
        const QString dicomdir = media.filePath(QStringLiteral("DICOMDIR"));
        QVERIFY(QFile::copy(damaged, dicomdir));
        run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), media.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.size() == 1 && run.err.front().startsWith(QStringLiteral("rejected %1: unreadable DICOMDIR: DCMTK failed on damaged content (").arg(dicomdir)),
                 qPrintable(run.err.join(QLatin1Char('\n'))));
    }

    void missingPathIsAFatalUsageError() {
        QTemporaryDir home;
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import")});
        QCOMPARE(run.exitCode, 2);
    }

    // The whole real corpus and a generated 300-slice CT in one import: counts, every
    // rejection explained, and the CT back out of the archive with the values and geometry
    // it went in with.
    void wholeRealCorpusImportsWithEveryRejectionExplained() {
        const QString corpus = test::corpusFolder();
        if (corpus.isEmpty()) QSKIP("TELERAD_TEST_CORPUS is not set (CI sets it to ../shared/corpus)");
        QTemporaryDir home, generated;
        DemoStudySpec spec;
        spec.rows = spec.columns = 256;
        spec.slices = 300;
        spec.pixelSpacingMm = 1.5;
        spec.patientId = QStringLiteral("CT-300");
        auto ct = DemoStudyGenerator::write(generated.filePath(QStringLiteral("ct")), spec);
        QVERIFY2(ct.ok(), qPrintable(ct.error()));
        test::CliRun run = runCli({QStringLiteral("--home"), home.path(), QStringLiteral("import"), corpus, ct->folder});
        QCOMPARE(run.exitCode, 1);  // the corpus holds broken and non-DICOM files on purpose
        QCOMPARE(run.out.size(), 1);
        const QRegularExpression summary(QStringLiteral("^imported (\\d+), duplicates (\\d+), rejected (\\d+)$"));
        const auto match = summary.match(run.out.front());
        QVERIFY2(match.hasMatch(), qPrintable(run.out.front()));
        const int imported = match.captured(1).toInt();
        QVERIFY2(imported >= 380 + 300, qPrintable(run.out.front()));
        QCOMPARE(run.err.size(), match.captured(3).toInt());
        for (const QString& line : run.err)
            QVERIFY2(line.startsWith(QStringLiteral("rejected ") + corpus) || line.startsWith(QStringLiteral("rejected ") + ct->folder + QStringLiteral("/COMPLETE")),
                     qPrintable(line));

        auto opened = Archive::open(home.path());
        QVERIFY(opened.ok());
        auto archived = opened->openSeriesForViewing(ct->seriesInstanceUid, QStringLiteral("test"));
        QVERIFY2(archived.ok(), qPrintable(archived.error()));
        QCOMPARE(archived->size(), 300);
        auto fromArchive = VolumeLoader::load(archived.value());
        auto fromSource = VolumeLoader::load(ct->files);
        QVERIFY2(fromArchive.ok() && fromSource.ok(), "the CT does not load");
        const VolumeGeometry& g = fromArchive.value()->geometry;
        QCOMPARE(g.dimensions, (std::array<int, 3>{256, 256, 300}));
        QCOMPARE(g.spacing[0], 1.5);
        QCOMPARE(g.spacing[1], 1.5);
        QVERIFY(std::abs(g.spacing[2] - spec.sliceSpacingMm) < 1e-6);
        auto first = readImageHeader(ct->files.front());  // feet first: the origin is the first slice's position
        QVERIFY(first.ok());
        for (int axis = 0; axis < 3; ++axis) QVERIFY(std::abs(g.origin[static_cast<size_t>(axis)] - first->position[static_cast<size_t>(axis)]) < 1e-6);
        QVERIFY(fromArchive.value()->geometryWarnings.isEmpty());
        QVERIFY2(fromArchive.value()->voxels == fromSource.value()->voxels, "archived CT values differ from the generated ones");
        const auto [low, high] = std::minmax_element(fromArchive.value()->voxels.begin(), fromArchive.value()->voxels.end());
        QVERIFY2(*low <= -900 && *high >= 300, "not a CT in HU: air and bone or contrast expected");
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
