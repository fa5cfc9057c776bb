// telerad-cli render: an archived series drawn through the viewer's widgets into a PNG, for
// scripts and outside checks. The geometry phantom's spheres show on the slice that holds
// them and not elsewhere; every view draws; bad requests are refused in words.

#include "GeometryPhantom.h"
#include "NetworkTestSupport.h"
#include "TestSupport.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

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
