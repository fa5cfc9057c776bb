// Doubtful geometry is said, not hidden: the volume assembly reports missing slices, gantry
// tilt and images of another orientation (and still shows the stack it can).

#include "GeometryPhantom.h"
#include "TestSupport.h"

#include "dicom/VolumeLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace telerad;
using test::PhantomGrid;

namespace {

PhantomGrid smallAxial() { return {QStringLiteral("small"), {1, 0, 0}, {0, 1, 0}, 2.0, 2.0, 2.0, 40, 40, 30}; }

QStringList write(const PhantomGrid& grid, const QTemporaryDir& folder) { return test::writeGeometryPhantom(grid, folder.path() + QLatin1Char('/') + grid.name); }

}  // namespace

class VolumeWarningsTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void aSoundStackHasNoWarning() {
        QTemporaryDir folder;
        auto volume = VolumeLoader::load(write(smallAxial(), folder));
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        QVERIFY2(volume.value()->geometryWarnings.isEmpty(), qPrintable(volume.value()->geometryWarnings.join(QLatin1Char('|'))));
        QCOMPARE(volume.value()->geometry.spacing[2], 2.0);
    }

    void missingSlicesAreCounted() {
        QTemporaryDir folder;
        QStringList files = write(smallAxial(), folder);
        for (int k : {15, 14, 7}) QVERIFY(QFile::remove(files.takeAt(k)));  // a gap of two and a gap of one
        auto volume = VolumeLoader::load(files);
        QVERIFY(volume.ok());
        QCOMPARE(volume.value()->geometryWarnings, QStringList{QStringLiteral("Missing slices: about 3 (gaps in the slice positions)")});
    }

    void aGantryTiltIsMeasured() {
        QTemporaryDir folder;
        PhantomGrid tilted = smallAxial();
        tilted.tiltDegrees = 12;
        auto volume = VolumeLoader::load(write(tilted, folder));
        QVERIFY(volume.ok());
        QCOMPARE(volume.value()->geometryWarnings, QStringList{QStringLiteral("Gantry tilt 12.0 degrees: reformats and 3D are distorted")});
    }

    void anotherOrientationIsLeftOutAndSaidSo() {
        QTemporaryDir folder;
        PhantomGrid scout = smallAxial();
        scout.name = QStringLiteral("scout");
        scout.columnDirection = {0, 0, -1};
        scout.slices = 3;
        const QStringList files = write(smallAxial(), folder) + write(scout, folder);
        auto volume = VolumeLoader::load(files);
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        QCOMPARE(volume.value()->geometry.dimensions[2], 30);
        QCOMPARE(volume.value()->geometryWarnings.size(), 1);
        QVERIFY2(volume.value()->geometryWarnings.front().startsWith(QStringLiteral("Mixed orientations or sizes: 3 image(s) of this series not shown (e.g. scout-")),
                 qPrintable(volume.value()->geometryWarnings.front()));
    }
};

QTEST_GUILESS_MAIN(VolumeWarningsTest)
#include "tst_volume_warnings.moc"
