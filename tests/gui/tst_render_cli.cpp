// telerad-cli render: an archived series drawn through the viewer's widgets into a PNG, for
// scripts and outside checks. The geometry phantom's spheres show on the slice that holds
// them and not elsewhere; every view draws; bad requests are refused in words.

#include "GeometryPhantom.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace telerad;

namespace {

const QString kCli = QStringLiteral(TELERAD_CLI);

/// Pixels brighter than 250 in the middle half of the picture (the overlay text stays at the edges).
int brightPixelsInTheMiddle(const QImage& picture) {
    int count = 0;
    for (int y = picture.height() / 4; y < picture.height() * 3 / 4; ++y)
        for (int x = picture.width() / 4; x < picture.width() * 3 / 4; ++x) count += qGray(picture.pixel(x, y)) > 250;
    return count;
}

/// Pixels whose channels differ by more than 40: colour, not grey.
int colouredPixels(const QImage& picture) {
    int count = 0;
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x) {
            const QRgb p = picture.pixel(x, y);
            count += std::max({qRed(p), qGreen(p), qBlue(p)}) - std::min({qRed(p), qGreen(p), qBlue(p)}) > 40;
        }
    return count;
}

/// Standard deviation of the grey levels: a drawn image has structure, a blank one none.
double greySpread(const QImage& picture) {
    double sum = 0, squares = 0;
    const double n = double(picture.width()) * picture.height();
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x) {
            const int g = qGray(picture.pixel(x, y));
            sum += g;
            squares += double(g) * g;
        }
    return std::sqrt(std::max(0.0, squares / n - (sum / n) * (sum / n)));
}

}  // namespace

class RenderCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const QStringList files = test::writeGeometryPhantom(test::phantomGrids().front(), source.path());
        QVERIFY(!files.isEmpty());
        QCOMPARE(site.cli({QStringLiteral("import"), source.path()}).exitCode, 0);
        const QString studies = site.cli({QStringLiteral("ls"), QStringLiteral("--studies")}).out;
        const QString series = site.cli({QStringLiteral("ls"), QStringLiteral("--series"), studies.section(QLatin1Char('\t'), 0, 0)}).out;
        seriesUid = series.section(QLatin1Char('\t'), 0, 0);
        QVERIFY(!seriesUid.isEmpty());
    }

    void theSpheresShowOnTheirSliceOnly() {
        // Axial grid: z from -52 mm in 1 mm steps, spheres A and B centred at z = 15: slice 68.
        const QString through = out.filePath(QStringLiteral("through.png")), above = out.filePath(QStringLiteral("above.png"));
        const test::ToolRun drawn = site.cli({QStringLiteral("render"), seriesUid, QStringLiteral("--out"), through, QStringLiteral("--view"),
                                              QStringLiteral("axial"), QStringLiteral("--slice"), QStringLiteral("68"), QStringLiteral("--wl"),
                                              QStringLiteral("-350/1"), QStringLiteral("--size"), QStringLiteral("400x300")});
        QVERIFY2(drawn.exitCode == 0, qPrintable(drawn.err));
        QCOMPARE(drawn.out.trimmed(), QStringLiteral("rendered axial slice 68/100 (W 1 L -350) of %1 at 400x300, written to %2").arg(seriesUid, through));
        QCOMPARE(QImage(through).size(), QSize(400, 300));
        QVERIFY2(brightPixelsInTheMiddle(QImage(through)) > 500, "two spheres of 16 mm cut through their centres");
        QCOMPARE(site.cli({QStringLiteral("render"), seriesUid, QStringLiteral("--out"), above, QStringLiteral("--slice"), QStringLiteral("100"),
                           QStringLiteral("--wl"), QStringLiteral("-350/1")}).exitCode, 0);
        QCOMPARE(brightPixelsInTheMiddle(QImage(above)), 0);  // 47 mm: above every sphere
        // Both opened the series and wrote a picture of it: audited as viewed and exported.
        const QList<QStringList> viewed = site.auditRecords(QStringLiteral("study-viewed"));
        QVERIFY(viewed.size() >= 2);
        QVERIFY2(viewed.last().value(9).contains(seriesUid), qPrintable(viewed.last().join(QLatin1Char('|'))));
        const QList<QStringList> exported = site.auditRecords(QStringLiteral("study-exported"));
        QVERIFY(exported.size() >= 2);
        QVERIFY2(exported.last().value(9).endsWith(above) && !exported.last().value(7).isEmpty(), qPrintable(exported.last().join(QLatin1Char('|'))));
    }

    void everyViewDraws_data() {
        QTest::addColumn<QString>("view");
        for (const char* view : {"axial", "coronal", "sagittal", "mip", "vr"}) QTest::newRow(view) << QString::fromLatin1(view);
    }
    void everyViewDraws() {
        QFETCH(QString, view);
        const QString file = out.filePath(view + QStringLiteral(".png"));
        const test::ToolRun drawn = site.cli({QStringLiteral("render"), seriesUid, QStringLiteral("--out"), file, QStringLiteral("--view"), view});
        QVERIFY2(drawn.exitCode == 0, qPrintable(drawn.err));
        QVERIFY(!QImage(file).isNull());
        QImage(file).save(test::screenshotPath(QStringLiteral("render-cli-%1.png").arg(view)));
    }

    // Colour (palette, JPEG 2000 YBR_RCT) and multi-frame (a palette RLE cine loop, an
    // enhanced MR placed by its functional groups) series from the corpus.
    void colourAndMultiFrameSeriesDraw_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("slices");
        QTest::addColumn<bool>("colour");
        QTest::newRow("palette RLE cine") << QStringLiteral("debian-octave-dicom/US-PAL-8-10x-echo.dcm") << QStringLiteral("6/10") << true;
        QTest::newRow("JPEG 2000 colour") << QStringLiteral("nema-wg04_via-robyoung-dicom-test-files/J2KR/VL1_J2KR") << QStringLiteral("1/1") << true;
        QTest::newRow("enhanced MR") << QStringLiteral("fo-dicom-testdata/MOVEKNEE.dcm") << QStringLiteral("10/19") << false;
    }
    void colourAndMultiFrameSeriesDraw() {
        QFETCH(QString, file);
        QFETCH(QString, slices);
        QFETCH(bool, colour);
        const QString corpus = test::corpusFolder();
        if (corpus.isEmpty()) QSKIP("TELERAD_TEST_CORPUS is not set (CI sets it to ../shared/corpus)");
        test::Site own{kCli, QStringLiteral("COLOUR")};
        QCOMPARE(own.cli({QStringLiteral("import"), corpus + QLatin1Char('/') + file}).exitCode, 0);
        const QString study = own.cli({QStringLiteral("ls"), QStringLiteral("--studies")}).out.section(QLatin1Char('\t'), 0, 0);
        const QString series = own.cli({QStringLiteral("ls"), QStringLiteral("--series"), study}).out.section(QLatin1Char('\t'), 0, 0);
        const QString picture = out.filePath(QFileInfo(file).baseName() + QStringLiteral(".png"));
        const test::ToolRun drawn = own.cli({QStringLiteral("render"), series, QStringLiteral("--out"), picture, QStringLiteral("--size"), QStringLiteral("500x400")});
        QVERIFY2(drawn.exitCode == 0, qPrintable(drawn.err));
        QVERIFY2(drawn.out.contains(QStringLiteral("slice %1 ").arg(slices)), qPrintable(drawn.out));
        const QImage image(picture);
        // The middle half of the picture: the overlay's texts (an orange warning) stay outside.
        const int coloured = colouredPixels(image.copy(image.width() / 4, image.height() / 4, image.width() / 2, image.height() / 2));
        QVERIFY2(greySpread(image.copy(image.width() / 4, image.height() / 4, image.width() / 2, image.height() / 2)) > 20, "blank image");
        if (colour) QVERIFY2(coloured > 2000, "colour image drawn in grey");
        else QCOMPARE(coloured, 0);
        image.save(test::screenshotPath(QStringLiteral("render-cli-%1.png").arg(QFileInfo(file).baseName())));
    }

    // Every series of the real corpus: drawn, or refused with the file and the reason (reports,
    // documents and other objects without pixels among them).
    void everyCorpusSeriesDrawsOrIsRefusedInWords() {
        const QString corpus = test::corpusFolder();
        if (corpus.isEmpty()) QSKIP("TELERAD_TEST_CORPUS is not set (CI sets it to ../shared/corpus)");
        test::Site own{kCli, QStringLiteral("CORPUS")};
        QCOMPARE(own.cli({QStringLiteral("import"), corpus}).exitCode, 1);  // the corpus holds non-DICOM files on purpose
        QStringList series;
        for (const QString& study : own.cli({QStringLiteral("ls"), QStringLiteral("--studies")}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            for (const QString& row : own.cli({QStringLiteral("ls"), QStringLiteral("--series"), study.section(QLatin1Char('\t'), 0, 0)}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                series << row.section(QLatin1Char('\t'), 0, 0);
        int drawn = 0, refused = 0;
        for (const QString& uid : series) {
            const QString picture = out.filePath(QStringLiteral("corpus.png"));
            QFile::remove(picture);
            const test::ToolRun run = own.cli({QStringLiteral("render"), uid, QStringLiteral("--out"), picture, QStringLiteral("--size"), QStringLiteral("128x128")});
            if (run.exitCode == 0) {
                QVERIFY2(!QImage(picture).isNull(), qPrintable(uid));
                ++drawn;
                continue;
            }
            ++refused;
            static const QRegularExpression reason(QStringLiteral("^render: \\S+\\.dcm: \\S.{5,}"), QRegularExpression::MultilineOption);
            QVERIFY2(run.exitCode != -1 && reason.match(run.err).hasMatch(), qPrintable(uid + QStringLiteral(": ") + run.err));
            QVERIFY(!QFile::exists(picture));
        }
        qInfo("%lld series: %d drawn, %d refused with a reason", static_cast<long long>(series.size()), drawn, refused);
        QVERIFY(drawn >= 90);
    }

    void badRequestsAreRefusedInWords() {
        const test::ToolRun view = site.cli({QStringLiteral("render"), seriesUid, QStringLiteral("--out"), out.filePath(QStringLiteral("x.png")),
                                             QStringLiteral("--view"), QStringLiteral("oblique")});
        QCOMPARE(view.exitCode, 2);
        QVERIFY2(view.err.contains(QStringLiteral("--view must be axial, coronal, sagittal, mip or vr")), qPrintable(view.err));
        const test::ToolRun unknown = site.cli({QStringLiteral("render"), QStringLiteral("1.2.3.4"), QStringLiteral("--out"), out.filePath(QStringLiteral("x.png"))});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("1.2.3.4: no archived series has this UID")), qPrintable(unknown.err));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("x.png"))));
    }

private:
    QTemporaryDir source, out;
    test::Site site{kCli, QStringLiteral("RENDER")};
    QString seriesUid;
};

QTEST_GUILESS_MAIN(RenderCliTest)
#include "tst_render_cli.moc"
