// telerad-cli export --deidentify (PS3.15 Annex E Basic Profile) on real files written by
// others and on our demo CT. Judged independently of our own profile table: no value an
// original held in an identifying attribute is left anywhere in the output (dcmdump), no
// private attribute stays, the study keeps its shape under new UIDs, dciodvfy finds no error
// the original did not have, and the options keep what they promise.

#include "CliRunner.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include "dicom/DemoStudyGenerator.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;

namespace {

const QString kUsFile = QStringLiteral("/debian-octave-dicom/US-PAL-8-10x-echo.dcm");
const QStringList kSrFiles{QStringLiteral("/debian-dicomscope/reportki.dcm"), QStringLiteral("/debian-dicomscope/reportsi.dcm")};
const QString kSrStudyUid = QStringLiteral("1.2.276.0.7230010.3.1.4.2139363186.8948.974458936.5");

// Attributes that name the patient, the people or places of the study, its times, or the
// instances themselves: written down here from PS3.15 E.1-1, apart from the code's table.
const QStringList kIdentifying{
    QStringLiteral("0010,0010"), QStringLiteral("0010,0020"), QStringLiteral("0010,0030"), QStringLiteral("0010,1000"),
    QStringLiteral("0010,1040"), QStringLiteral("0010,2154"), QStringLiteral("0008,0050"), QStringLiteral("0008,0080"),
    QStringLiteral("0008,0081"), QStringLiteral("0008,0090"), QStringLiteral("0008,1010"), QStringLiteral("0008,1040"),
    QStringLiteral("0008,1048"), QStringLiteral("0008,1050"), QStringLiteral("0008,1060"), QStringLiteral("0008,1070"),
    QStringLiteral("0008,0020"), QStringLiteral("0008,0021"), QStringLiteral("0008,0022"), QStringLiteral("0008,0023"),
    QStringLiteral("0008,0030"), QStringLiteral("0008,0031"), QStringLiteral("0008,0032"), QStringLiteral("0008,0033"),
    QStringLiteral("0020,0010"), QStringLiteral("0018,1000"), QStringLiteral("0032,1032"), QStringLiteral("0040,0254"),
    QStringLiteral("0008,0018"), QStringLiteral("0020,000d"), QStringLiteral("0020,000e"), QStringLiteral("0020,0052"),
    QStringLiteral("0008,1030"), QStringLiteral("0008,103e"), QStringLiteral("0018,1030"), QStringLiteral("0020,4000")};

QString dump(const QString& file) {
    const test::ToolRun run = test::runTool(QStringLiteral("dcmdump"), {QStringLiteral("+U8"), file});
    if (run.exitCode != 0 || run.out.isEmpty()) qWarning("dcmdump %s: %s", qPrintable(file), qPrintable(run.err));
    return run.out;
}

// The values `file` holds in the identifying attributes, long enough to be telling, and
// not also the value of an attribute the profile keeps (a station named after its model,
// as the manufacturer is: the manufacturer stays).
QStringList identifyingValues(const QString& file) {
    QStringList values, kept;
    const QRegularExpression line(QStringLiteral("^\\s*\\(([0-9a-f]{4},[0-9a-f]{4})\\) ([A-Z]{2}) \\[([^\\]]*)\\]"), QRegularExpression::MultilineOption);
    const QString dumped = dump(file);
    if (dumped.isEmpty()) qFatal("dcmdump printed nothing for %s", qPrintable(file));
    for (auto it = line.globalMatch(dumped); it.hasNext();) {
        const auto match = it.next();
        const QString value = match.captured(3).trimmed();
        // UIDs elsewhere (references) are replaced too: they never excuse a value.
        if (!kIdentifying.contains(match.captured(1))) {
            if (match.captured(2) != QLatin1String("UI")) kept << value;
        }
        else if (value.size() >= 5) values << value;
    }
    for (const QString& value : kept) values.removeAll(value);
    return values;
}

QString valueOf(const QString& dumped, const QString& tag) {
    const auto match = QRegularExpression(QStringLiteral("^\\s*\\(%1\\) [A-Z]{2} \\[([^\\]]*)\\]").arg(tag), QRegularExpression::MultilineOption).match(dumped);
    return match.hasMatch() ? match.captured(1) : QString();
}

QSet<QString> dciodvfyErrors(const QString& file) {
    const test::ToolRun run = test::runTool(QStringLiteral("dciodvfy"), {file});
    QSet<QString> errors;
    for (const QString& line : (run.out + run.err).split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Error"))) errors.insert(line.trimmed());
    return errors;
}

// The DICOM files an export wrote under `folder`.
QStringList exportedFiles(const QString& folder) {
    QStringList files;
    for (const QString& relative : test::filesUnder(folder, QStringLiteral("*.dcm"))) files << QDir(folder).filePath(relative);
    return files;
}

}  // namespace

class DeidentifyCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QString corpus = test::corpusFolder();
        if (corpus.isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        DemoStudySpec spec;
        spec.rows = spec.columns = 64;
        spec.slices = 3;
        auto demo = DemoStudyGenerator::write(m_input.filePath(QStringLiteral("ct")), spec);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
        m_demo = demo.value();
        QStringList inputs = test::mrStudyFiles() + demo->files;
        inputs << corpus + kUsFile;
        for (const QString& sr : kSrFiles) inputs << corpus + sr;
        const test::CliRun imported = cli(QStringList{QStringLiteral("import")} + inputs);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err.join(QLatin1Char('\n'))));
    }
    void init() { test::failOnUnexpectedWarnings(); }

    void nothingIdentifyingIsLeftAndTheStudyKeepsItsShape() {
        const QString out = m_output.filePath(QStringLiteral("basic"));
        const test::CliRun run = cli({QStringLiteral("export"), test::kMrStudyUid, QStringLiteral("--out"), out, QStringLiteral("--deidentify")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringList{QStringLiteral("exported 16, skipped 0, burned-in annotation 0")});
        const QStringList files = exportedFiles(out);
        QCOMPARE(files.size(), 16);
        QStringList originalValues;
        for (const QString& original : test::mrStudyFiles()) originalValues << identifyingValues(original);
        QVERIFY(originalValues.size() > 16 * 5);
        QSet<QString> studies, series, frames, instances, patients;
        for (const QString& file : files) {
            const QString dumped = dump(file);
            for (const QString& value : originalValues)
                QVERIFY2(!dumped.contains(value), qPrintable(QStringLiteral("%1 still holds '%2'").arg(file, value)));
            QVERIFY2(!QRegularExpression(QStringLiteral("^\\s*\\([0-9a-f]{3}[13579bdf],"), QRegularExpression::MultilineOption).match(dumped).hasMatch(),
                     qPrintable(QStringLiteral("%1 keeps a private attribute").arg(file)));
            QCOMPARE(valueOf(dumped, QStringLiteral("0012,0062")), QStringLiteral("YES"));
            QVERIFY(dumped.contains(QStringLiteral("[113100]")));
            QCOMPARE(valueOf(dumped, QStringLiteral("0028,0303")), QStringLiteral("REMOVED"));
            QVERIFY(valueOf(dumped, QStringLiteral("0008,0020")).isEmpty());
            studies << valueOf(dumped, QStringLiteral("0020,000d"));
            series << valueOf(dumped, QStringLiteral("0020,000e"));
            frames << valueOf(dumped, QStringLiteral("0020,0052"));
            instances << valueOf(dumped, QStringLiteral("0008,0018"));
            patients << valueOf(dumped, QStringLiteral("0010,0020"));
            QCOMPARE(valueOf(dumped, QStringLiteral("0002,0003")), valueOf(dumped, QStringLiteral("0008,0018")));
        }
        QCOMPARE(studies.size(), 1);
        QCOMPARE(series.size(), 1);
        QCOMPARE(frames.size(), 1);
        QCOMPARE(instances.size(), 16);
        QCOMPARE(patients.size(), 1);
        QVERIFY(studies.begin()->startsWith(QStringLiteral("2.25.")));
        QVERIFY(!patients.begin()->isEmpty());
    }

    void dciodvfyFindsNoNewError() {
        const QString out = m_output.filePath(QStringLiteral("validated"));
        QCOMPARE(cli({QStringLiteral("export"), m_demo.studyInstanceUid, QStringLiteral("--out"), out, QStringLiteral("--deidentify")}).exitCode, 0);
        const QStringList demoFiles = exportedFiles(out);
        QCOMPARE(demoFiles.size(), 3);
        for (const QString& file : demoFiles) {
            const QSet<QString> errors = dciodvfyErrors(file);
            QVERIFY2(errors.isEmpty(), qPrintable(QStringList(errors.values()).join(QLatin1Char('\n'))));
        }
        // The MR files have errors of their own (empty Sequence Variant...): none may be added.
        const QSet<QString> original = dciodvfyErrors(test::mrStudyFiles().first());
        QVERIFY(!original.isEmpty());
        const QString mrOut = m_output.filePath(QStringLiteral("mr-validated"));
        QCOMPARE(cli({QStringLiteral("export"), test::kMrStudyUid, QStringLiteral("--out"), mrOut, QStringLiteral("--deidentify")}).exitCode, 0);
        for (const QString& file : exportedFiles(mrOut)) {
            const QSet<QString> added = dciodvfyErrors(file) - original;
            QVERIFY2(added.isEmpty(), qPrintable(QStringList(added.values()).join(QLatin1Char('\n'))));
        }
    }

    void optionsKeepCleanedDescriptionsAndDates() {
        const QString out = m_output.filePath(QStringLiteral("options"));
        const test::CliRun run = cli({QStringLiteral("export"), test::kMrStudyUid, QStringLiteral("--out"), out, QStringLiteral("--deidentify"),
                                      QStringLiteral("--clean-descriptors"), QStringLiteral("--retain-dates")});
        QCOMPARE(run.exitCode, 0);
        const QString original = dump(test::mrStudyFiles().first());
        QString exported;
        for (const QString& file : exportedFiles(out)) {
            const QString dumped = dump(file);
            if (valueOf(dumped, QStringLiteral("0020,0013")) == valueOf(original, QStringLiteral("0020,0013"))) exported = dumped;
        }
        QVERIFY(!exported.isEmpty());
        QCOMPARE(valueOf(exported, QStringLiteral("0008,0020")), valueOf(original, QStringLiteral("0008,0020")));
        QVERIFY(!valueOf(original, QStringLiteral("0008,0020")).isEmpty());
        QCOMPARE(valueOf(exported, QStringLiteral("0008,103e")), valueOf(original, QStringLiteral("0008,103e")));
        QCOMPARE(valueOf(exported, QStringLiteral("0028,0303")), QStringLiteral("UNMODIFIED"));
        QVERIFY(exported.contains(QStringLiteral("[113105]")) && exported.contains(QStringLiteral("[113106]")));
        QVERIFY(valueOf(exported, QStringLiteral("0010,0010")) != valueOf(original, QStringLiteral("0010,0010")));
    }

    void burnedInAnnotationIsFlaggedAndReportsAreNotExported() {
        const QString usStudy = valueOf(dump(test::corpusFolder() + kUsFile), QStringLiteral("0020,000d"));
        const test::CliRun us = cli({QStringLiteral("export"), usStudy, QStringLiteral("--out"), m_output.filePath(QStringLiteral("us")),
                                     QStringLiteral("--deidentify")});
        QCOMPARE(us.exitCode, 0);
        QCOMPARE(us.out, QStringList{QStringLiteral("exported 1, skipped 0, burned-in annotation 1")});
        QCOMPARE(us.err.size(), 1);
        QVERIFY2(us.err.front().startsWith(QStringLiteral("burned-in annotation ")) && us.err.front().contains(QStringLiteral("US")),
                 qPrintable(us.err.front()));

        const test::CliRun sr = cli({QStringLiteral("export"), kSrStudyUid, QStringLiteral("--out"), m_output.filePath(QStringLiteral("sr")),
                                     QStringLiteral("--deidentify")});
        QCOMPARE(sr.exitCode, 1);
        QCOMPARE(sr.out, QStringList{QStringLiteral("exported 0, skipped 2, burned-in annotation 0")});
        QCOMPARE(sr.err.filter(QStringLiteral("is a report, document or presentation state")).size(), 2);
        QVERIFY(exportedFiles(m_output.filePath(QStringLiteral("sr"))).isEmpty());
        // Without --deidentify a report is copied as it is.
        QCOMPARE(cli({QStringLiteral("export"), kSrStudyUid, QStringLiteral("--out"), m_output.filePath(QStringLiteral("sr-plain"))}).exitCode, 0);
        QCOMPARE(exportedFiles(m_output.filePath(QStringLiteral("sr-plain"))).size(), 2);
    }

    void everyExportIsAudited() {
        const test::CliRun audit = cli({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--action"), QStringLiteral("study-exported")});
        QCOMPARE(audit.exitCode, 0);
        QCOMPARE(audit.out.size(), 7);
        QVERIFY2(audit.out.first().contains(QStringLiteral("(de-identified: PS3.15 E Basic Profile)")), qPrintable(audit.out.first()));
        QVERIFY(audit.out.first().split(QLatin1Char('\t')).value(7) == test::kMrStudyUid);
    }

private:
    test::CliRun cli(const QStringList& arguments) const {
        return test::runCli(QStringList{QStringLiteral("--home"), m_home.path()} + arguments, 120000);
    }

    QTemporaryDir m_home, m_input, m_output;
    DemoStudy m_demo;
};

QTEST_GUILESS_MAIN(DeidentifyCliTest)
#include "tst_deidentify_cli.moc"
