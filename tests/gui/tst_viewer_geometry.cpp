// The viewer is exact about geometry. Spheres of known size and place, sampled on axial,
// coronal, oblique and non-square-pixel grids, are found in the rendered picture of every
// standard plane where they are in patient space: centres and distances within 0.5 mm,
// round (true aspect), the HU under the probe exact, the orientation letters right.

#include "GeometryPhantom.h"
#include "GuiTestMain.h"
#include "TestSupport.h"

#include "dicom/VolumeLoader.h"
#include "viewer/MprLink.h"
#include "viewer/SliceViewer.h"

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace telerad;
using test::PhantomGrid;
using test::Sphere;

namespace {

struct Blob {
    QPointF centroid;  ///< logical pixels
    double area = 0;   ///< pixels
    double width = 0, height = 0;
};

/// The bright pixels (above mid-grey) of `frame` within `radius` pixels of `around`.
Blob blobNear(const QImage& frame, const QPointF& around, double radius) {
    Blob blob;
    double sx = 0, sy = 0;
    int minX = frame.width(), maxX = -1, minY = frame.height(), maxY = -1;
    for (int y = std::max(0, int(around.y() - radius)); y < std::min(frame.height(), int(around.y() + radius)); ++y)
        for (int x = std::max(0, int(around.x() - radius)); x < std::min(frame.width(), int(around.x() + radius)); ++x) {
            if (qGray(frame.pixel(x, y)) < 128) continue;
            sx += x + 0.5;
            sy += y + 0.5;
            blob.area += 1;
            minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y), maxY = std::max(maxY, y);
        }
    if (blob.area > 0) blob.centroid = QPointF(sx / blob.area, sy / blob.area);
    blob.width = maxX - minX + 1;
    blob.height = maxY - minY + 1;
    return blob;
}

/// The slice of the current plane closest to `coordinate` (mm along the plane's normal).
void goToSliceAt(SliceViewer& viewer, double coordinate) {
    int best = 0;
    double distance = 1e300;
    for (int i = 0; i < viewer.sliceCount(); ++i) {
        viewer.setSlice(i);
        if (std::abs(viewer.slicePosition() - coordinate) < distance) std::tie(best, distance) = std::pair{i, std::abs(viewer.slicePosition() - coordinate)};
    }
    viewer.setSlice(best);
}

/// The component of `v` in the plane whose normal is `normal`.
Vec3 inPlane(const Vec3& v, const Vec3& normal) {
    const double along = dot(v, normal);
    return {v[0] - along * normal[0], v[1] - along * normal[1], v[2] - along * normal[2]};
}

double length(const Vec3& v) { return std::sqrt(dot(v, v)); }

struct PlaneCase {
    ViewPlane plane;
    int first, second;  ///< spheres sharing the plane
    int coordinateAxis;  ///< patient axis along the plane's normal
    SideLabels letters;
};

const PlaneCase kPlanes[] = {
    {ViewPlane::Axial, 0, 1, 2, {QStringLiteral("R"), QStringLiteral("L"), QStringLiteral("A"), QStringLiteral("P")}},
    {ViewPlane::Coronal, 0, 1, 1, {QStringLiteral("R"), QStringLiteral("L"), QStringLiteral("H"), QStringLiteral("F")}},
    {ViewPlane::Sagittal, 0, 2, 0, {QStringLiteral("A"), QStringLiteral("P"), QStringLiteral("H"), QStringLiteral("F")}},
};

}  // namespace

class ViewerGeometryTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnUnexpectedWarnings(); }

    void orientationLettersOfObliqueDirections() {
        QCOMPARE(orientationLabel({1, 0, 0}), QStringLiteral("L"));
        QCOMPARE(orientationLabel({0, -1, 0}), QStringLiteral("A"));
        QCOMPARE(orientationLabel({0, 0, -2}), QStringLiteral("F"));
        QCOMPARE(orientationLabel({-0.866, -0.5, 0}), QStringLiteral("RA"));   // 30 degrees off right, toward anterior
        QCOMPARE(orientationLabel({0.98, 0.17, 0.1}), QStringLiteral("L"));    // a slight tilt stays one letter
        QCOMPARE(orientationLabel({0.6, -0.6, 0.53}), QStringLiteral("LAH"));
        QCOMPARE(sideLabels({1, 0, 0}, {0, 1, 0}).left, QStringLiteral("R"));
    }

    void aTiltedStackSaysSoOnTheImage() {
        PhantomGrid tilted = test::phantomGrids().front();
        tilted.tiltDegrees = 15;
        QTemporaryDir folder;
        auto volume = VolumeLoader::load(test::writeGeometryPhantom(tilted, folder.path()));
        QVERIFY(volume.ok());
        SliceViewer viewer;
        viewer.resize(600, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        QCOMPARE(viewer.geometryWarningText(), QStringLiteral("Gantry tilt 15.0 degrees: reformats and 3D are distorted"));
        viewer.setOverlayVisible(false);  // the warning stays
        const QImage picture = viewer.grabFramebuffer();
        // Drawn under the top corners' three lines (patient, study), not over them.
        const auto orangeIn = [&picture](int fromY, int toY) {
            int orange = 0;
            for (int y = fromY; y < toY; ++y)
                for (int x = 150; x < 450; ++x) {
                    const QColor c = picture.pixelColor(x, y);
                    orange += c.red() > 200 && c.green() > 90 && c.green() < 180 && c.blue() < 80;
                }
            return orange;
        };
        QVERIFY2(orangeIn(55, 110) > 50, qPrintable(QString::number(orangeIn(55, 110))));
        QCOMPARE(orangeIn(0, 55), 0);
        picture.save(test::screenshotPath(QStringLiteral("geometry-tilt-warning.png")));
    }

    void regionsOfInterestGiveHuStatisticsAndArea() {
        QTemporaryDir folder;
        auto volume = VolumeLoader::load(test::writeGeometryPhantom(test::phantomGrids().front(), folder.path()));
        QVERIFY(volume.ok());
        SliceViewer viewer;
        viewer.resize(600, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        const Sphere& a = test::phantomSpheres().front();
        goToSliceAt(viewer, a.centre[2]);
        const double pixelMm = viewer.distanceMm({0, 0}, {100, 0}) / 100;
        const QPointF centre = viewer.widgetPositionOf(a.centre), corner(4 / pixelMm, 4 / pixelMm);
        viewer.setMeasuring(true, MeasureTool::Ellipse);
        viewer.measure(centre - corner, centre + corner);  // a circle of 4 mm radius inside the 8 mm sphere
        const RegionStatistics inside = viewer.measurements().back().region;
        QCOMPARE(inside.mean, double(a.value));
        QCOMPARE(inside.standardDeviation, 0.0);
        QCOMPARE(inside.minimum, double(a.value));
        QCOMPARE(inside.maximum, double(a.value));
        QVERIFY2(std::abs(inside.areaMm2 - M_PI * 16) < 0.5, qPrintable(QString::number(inside.areaMm2)));
        // A 10 x 6 mm rectangle straddling the sphere's edge: air and sphere, so spread out.
        viewer.setMeasuring(true, MeasureTool::Rectangle);
        const QPointF edge = viewer.widgetPositionOf({a.centre[0] + a.radius, a.centre[1], a.centre[2]});
        viewer.measure(edge - QPointF(5 / pixelMm, 3 / pixelMm), edge + QPointF(5 / pixelMm, 3 / pixelMm));
        const RegionStatistics across = viewer.measurements().back().region;
        QVERIFY2(std::abs(across.areaMm2 - 60) < 0.5, qPrintable(QString::number(across.areaMm2)));
        QCOMPARE(across.minimum, -1000.0);
        QCOMPARE(across.maximum, double(a.value));
        QVERIFY(across.standardDeviation > 300);
        QVERIFY(viewer.findingsText().front().startsWith(QStringLiteral("Ellipse ROI: mean 300.0 HU, SD 0.0, min 300, max 300, area 50.")));
        // An angle drawn with the mouse: an arm dragged from A to B's centre, then a click
        // 20 mm anterior of B: a right angle.
        const Sphere& b = test::phantomSpheres()[1];
        const QPointF first = viewer.widgetPositionOf(a.centre), vertex = viewer.widgetPositionOf(b.centre),
                      second = viewer.widgetPositionOf({b.centre[0], b.centre[1] - 20, b.centre[2]});
        QTest::keyClick(&viewer, Qt::Key_N);
        QTest::mousePress(&viewer, Qt::LeftButton, Qt::NoModifier, first.toPoint());
        QMouseEvent drag(QEvent::MouseMove, vertex, viewer.mapToGlobal(vertex), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&viewer, &drag);
        QTest::mouseRelease(&viewer, Qt::LeftButton, Qt::NoModifier, vertex.toPoint());
        QTest::mouseClick(&viewer, Qt::LeftButton, Qt::NoModifier, second.toPoint());
        QCOMPARE(viewer.measurements().size(), size_t(3));
        QCOMPARE(viewer.measurements().back().tool, MeasureTool::Angle);
        QVERIFY2(std::abs(viewer.measurements().back().degrees() - 90) < 1.5, qPrintable(QString::number(viewer.measurements().back().degrees())));
        // A text arrow pointing at sphere B.
        viewer.addArrow(viewer.widgetPositionOf({b.centre[0] - 20, b.centre[1] - 20, b.centre[2]}), vertex, QStringLiteral("Nodule B"));
        QCOMPARE(viewer.measurements().back().tool, MeasureTool::Arrow);
        QVERIFY(viewer.findingsText().contains(QStringLiteral("Arrow: Nodule B (axial image 68)")));
        // Annotations round trip through their JSON (how they are kept with the series).
        const QByteArray kept = viewer.annotations();
        viewer.clearMeasurements();
        viewer.restoreAnnotations(kept);
        QCOMPARE(viewer.measurements().size(), size_t(4));
        QCOMPARE(viewer.measurements().back().text, QStringLiteral("Nodule B"));
        viewer.grabFramebuffer().save(test::screenshotPath(QStringLiteral("geometry-tools.png")));
        QCOMPARE(viewer.measurements()[0].region.mean, double(a.value));
        viewer.grabFramebuffer().save(test::screenshotPath(QStringLiteral("geometry-roi.png")));
    }

    // A mammogram with three VOI LUTs (and windows): each LUT is a preset; the grey on screen
    // is the LUT's output for the value under it; a window replaces the LUT again.
    void theFilesVoiLutsArePresetsThatMapValuesThroughTheirTables() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        auto volume = VolumeLoader::load({test::corpusFolder() + QStringLiteral("/fo-dicom-testdata/GH133.dcm")});
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        const auto& luts = volume.value()->description.voiLuts;
        QCOMPARE(luts.size(), size_t{3});
        QCOMPARE(luts[0].explanation, QStringLiteral("NORMAL"));
        QCOMPARE(luts[0].data.size(), size_t{3447});
        QCOMPARE(luts[0].firstMapped, 625.0);
        SliceViewer viewer;
        viewer.resize(400, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        viewer.setOverlayVisible(false);
        viewer.setZoomFactor(6);  // a voxel over 6x6 screen pixels: the one at the centre is exact
        std::vector<WindowPreset> lutPresets;
        for (const WindowPreset& p : viewer.presets())
            if (p.voiLut >= 0) lutPresets.push_back(p);
        QCOMPARE(lutPresets.size(), size_t{3});
        QCOMPARE(lutPresets[1].name, QStringLiteral("VOI LUT HARDER"));
        const QPointF centre(200, 200);
        const Probe probe = viewer.probe(centre);
        QVERIFY(probe.inside);
        // The screen pixel at the middle of the voxel under the centre.
        const QPointF voxelCentre = viewer.widgetPositionOf(probe.patient);
        for (const WindowPreset& preset : lutPresets) {
            viewer.applyPreset(preset);
            QCOMPARE(viewer.voiLut(), preset.voiLut);
            const auto& lut = luts[static_cast<size_t>(preset.voiLut)];
            const double value = viewer.probe(voxelCentre).value;
            const size_t entry = static_cast<size_t>(std::clamp(value - lut.firstMapped, 0.0, double(lut.data.size() - 1)));
            const int expected = int(std::lround(lut.data[entry] * 255.0 / (std::ldexp(1.0, lut.bits) - 1)));
            const QImage frame = viewer.grabFramebuffer();
            const int shown = qGray(frame.pixel((voxelCentre * frame.devicePixelRatio()).toPoint()));
            QVERIFY2(std::abs(shown - expected) <= 3, qPrintable(QStringLiteral("%1: value %2 shown %3, LUT says %4").arg(preset.name).arg(value).arg(shown).arg(expected)));
        }
        viewer.setWindow(2653, 1000);
        QCOMPARE(viewer.voiLut(), -1);
    }

    void monochrome1ShowsLowValuesWhiteAndARadiographHasNoDirections() {
        if (test::corpusFolder().isEmpty()) QFAIL("TELERAD_TEST_CORPUS is not set (see README)");
        auto volume = VolumeLoader::load({test::corpusFolder() + QStringLiteral("/fo-dicom-testdata/CR-MONO1-10-chest")});
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        SliceViewer viewer;
        viewer.resize(512, 512);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        const auto mean = [](const QImage& image, double fx, double fy) {  // a 20 px square
            int sum = 0;
            for (int y = -10; y < 10; ++y)
                for (int x = -10; x < 10; ++x) sum += qGray(image.pixel(int(fx * image.width()) + x, int(fy * image.height()) + y));
            return sum / 400;
        };
        QImage picture = viewer.grabFramebuffer();
        const int lung = mean(picture, 0.25, 0.45), spine = mean(picture, 0.5, 0.6);
        QVERIFY2(lung + 40 < spine, qPrintable(QStringLiteral("lung %1, spine %2: a chest film has dark lungs").arg(lung).arg(spine)));
        QVERIFY(!viewer.inverted());
        viewer.setInverted(true);
        picture = viewer.grabFramebuffer();
        QVERIFY(mean(picture, 0.25, 0.45) > mean(picture, 0.5, 0.6));
        const SideLabels none = viewer.sideLabels();
        QVERIFY2((none.left + none.right + none.top + none.bottom).isEmpty(), "no Image Orientation (Patient): no letters");
    }

    void spheresAreWhereTheyAreInEveryPlane_data() {
        QTest::addColumn<int>("grid");
        for (int g = 0; g < static_cast<int>(test::phantomGrids().size()); ++g)
            QTest::newRow(qPrintable(test::phantomGrids()[static_cast<size_t>(g)].name)) << g;
    }

    void spheresAreWhereTheyAreInEveryPlane() {
        QFETCH(int, grid);
        const PhantomGrid spec = test::phantomGrids()[static_cast<size_t>(grid)];
        QTemporaryDir folder;
        const QStringList files = test::writeGeometryPhantom(spec, folder.path());
        QCOMPARE(files.size(), spec.slices);
        auto volume = VolumeLoader::load(files);
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        SliceViewer viewer;
        viewer.resize(600, 600);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.setVolume(volume.value());
        viewer.setOverlayVisible(false);
        const auto& spheres = test::phantomSpheres();
        for (const PlaneCase& c : kPlanes) {
            viewer.setViewPlane(c.plane);
            const Sphere& a = spheres[static_cast<size_t>(c.first)];
            const Sphere& b = spheres[static_cast<size_t>(c.second)];
            goToSliceAt(viewer, a.centre[static_cast<size_t>(c.coordinateAxis)]);
            const QString where = QStringLiteral("%1 grid, %2 view").arg(spec.name, viewPlaneName(c.plane));
            const SideLabels letters = viewer.sideLabels();
            QCOMPARE(letters.left + letters.right + letters.top + letters.bottom, c.letters.left + c.letters.right + c.letters.top + c.letters.bottom);

            const double pixelMm = viewer.distanceMm({0, 0}, {100, 0}) / 100;
            const Vec3 normal = viewAxes(c.plane).lookDirection;
            QPointF centroids[2];
            int n = 0;
            for (const Sphere* s : {&a, &b}) {
                const QPointF expected = viewer.widgetPositionOf(s->centre);
                QCOMPARE(viewer.probe(expected).value, double(s->value));  // HU under the probe, exact
                viewer.setWindow((s->value - 1000) / 2.0, 1);  // half-way between air and the sphere: its half-maximum contour
                const QImage frame = viewer.grabFramebuffer();
                const Blob blob = blobNear(frame, expected, s->radius / pixelMm + 8);
                QVERIFY2(blob.area > 0, qPrintable(where + QStringLiteral(": sphere not found")));
                const Probe found = viewer.probe(blob.centroid);
                const Vec3 error = inPlane({found.patient[0] - s->centre[0], found.patient[1] - s->centre[1], found.patient[2] - s->centre[2]}, normal);
                QVERIFY2(length(error) < 0.5, qPrintable(where + QStringLiteral(": centre off by %1 mm").arg(length(error))));
                const double diameter = 2 * std::sqrt(blob.area / M_PI) * pixelMm;
                QVERIFY2(std::abs(diameter - 2 * s->radius) < 0.5, qPrintable(where + QStringLiteral(": diameter %1 mm").arg(diameter)));
                QVERIFY2(std::abs(blob.width / blob.height - 1) < 0.05, qPrintable(where + QStringLiteral(": not round (%1 x %2 px)").arg(blob.width).arg(blob.height)));
                centroids[n++] = blob.centroid;
            }
            const double measured = viewer.distanceMm(centroids[0], centroids[1]);
            const double truth = length({a.centre[0] - b.centre[0], a.centre[1] - b.centre[1], a.centre[2] - b.centre[2]});
            QVERIFY2(std::abs(measured - truth) < 0.5, qPrintable(where + QStringLiteral(": %1 mm measured, %2 mm true").arg(measured).arg(truth)));
        }
        viewer.setOverlayVisible(true);
        viewer.setWindow(0, 2000);
        viewer.setViewPlane(ViewPlane::Coronal);
        goToSliceAt(viewer, spheres[0].centre[1]);  // through spheres A and B
        viewer.grabFramebuffer().save(test::screenshotPath(QStringLiteral("geometry-%1-coronal.png").arg(spec.name)));
    }

    // 3-plane MPR: the crosshair centre is on all three planes wherever it is put (by code,
    // by a click, by scrolling), the lines are drawn in the planes' colours, and a Ctrl+drag
    // in one view turns the other two planes about its normal by the angle swept.
    void threePlaneMprSharesItsCrosshairAndTurnsObliquely() {
        QTemporaryDir folder;
        const QStringList files = test::writeGeometryPhantom(test::phantomGrids().front(), folder.path());
        auto volume = VolumeLoader::load(files);
        QVERIFY2(volume.ok(), qPrintable(volume.error()));
        QWidget window;
        SliceViewer* views[3];
        for (int i = 0; i < 3; ++i) {
            views[i] = new SliceViewer(&window);
            views[i]->setGeometry(i * 410, 0, 400, 400);
            views[i]->setVolume(volume.value());
            views[i]->setOverlayVisible(false);
            views[i]->setWindow(0, 2000);
        }
        window.resize(1230, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MprLink mpr(views[0], views[1], views[2]);
        const auto& spheres = test::phantomSpheres();
        const auto onEveryPlane = [&](const Vec3& point, int value, const QString& where) {
            for (SliceViewer* view : views) {
                const Vec3 onPlane = view->nearestOnPlane(point);
                QVERIFY2(length({onPlane[0] - point[0], onPlane[1] - point[1], onPlane[2] - point[2]}) <= 0.51,
                         qPrintable(where + QStringLiteral(": centre off the %1 plane").arg(viewPlaneName(view->viewPlane()))));
                QCOMPARE(view->probe(view->widgetPositionOf(point)).value, double(value));
            }
        };

        mpr.setCentre(spheres[0].centre);
        onEveryPlane(mpr.centre(), spheres[0].value, QStringLiteral("set"));

        // A click on sphere B in the coronal view (A and B share it): the others go through B.
        QTest::mouseClick(views[1], Qt::LeftButton, Qt::NoModifier, views[1]->widgetPositionOf(spheres[1].centre).toPoint());
        const Vec3 c = mpr.centre();
        QVERIFY2(length({c[0] - spheres[1].centre[0], c[1] - spheres[1].centre[1], c[2] - spheres[1].centre[2]}) < 1.0, "the click missed B");
        onEveryPlane(spheres[1].centre, spheres[1].value, QStringLiteral("clicked"));

        // The lines: the coronal plane cuts the axial view horizontally (green), the sagittal
        // plane vertically (yellow).
        QApplication::processEvents();
        const QImage axial = views[0]->grabFramebuffer();
        const QPointF at = views[0]->widgetPositionOf(mpr.centre()) * axial.devicePixelRatio();
        // Across each line (3 pixels either side, it is 1.5 wide), 120 pixels from the centre.
        const auto strongest = [&axial](QPoint p, QPoint across, const std::function<int(QRgb)>& score) {
            QRgb best = 0;
            for (int k = -3; k <= 3; ++k) {
                const QRgb c = axial.pixel(p + k * across);
                if (score(c) > score(best)) best = c;
            }
            return best;
        };
        const QPoint middle(int(std::lround(at.x())), int(std::lround(at.y())));
        const int dx = middle.x() + 120 < axial.width() ? 120 : -120, dy = middle.y() + 120 < axial.height() ? 120 : -120;
        const QRgb green = strongest(middle + QPoint(dx, 0), QPoint(0, 1), [](QRgb c) { return qGreen(c) - qRed(c); });
        QVERIFY2(qGreen(green) > qRed(green) + 60 && qGreen(green) > qBlue(green) + 60, qPrintable(QStringLiteral("no green line: %1").arg(green, 0, 16)));
        const QRgb yellow = strongest(middle + QPoint(0, dy), QPoint(1, 0), [](QRgb c) { return qRed(c) + qGreen(c) - 2 * qBlue(c); });
        QVERIFY2(qRed(yellow) > qBlue(yellow) + 60 && qGreen(yellow) > qBlue(yellow) + 60, qPrintable(QStringLiteral("no yellow line: %1").arg(yellow, 0, 16)));

        // Scrolling the axial view 3 slices (1 mm apart) moves the centre onto that slice's
        // plane, 3 mm up (within the half slice the click left it off the lattice), and only up.
        const int coronalSlice = views[1]->slice();
        views[0]->setSlice(views[0]->slice() + 3);
        QVERIFY2(std::abs(mpr.centre()[2] - (c[2] + 3)) <= 0.5, qPrintable(QString::number(mpr.centre()[2])));
        QCOMPARE(mpr.centre()[0], c[0]);
        QCOMPARE(mpr.centre()[1], c[1]);
        QCOMPARE(views[1]->slice(), coronalSlice);
        mpr.setCentre(spheres[1].centre);

        // Ctrl+drag in the axial view sweeping 30 degrees counter-clockwise around the centre.
        const Vec3 coronalBefore = views[1]->lookDirection();
        const QPointF centre = views[0]->widgetPositionOf(mpr.centre());
        const QPointF from = centre + QPointF(100, 0), to = centre + QPointF(100 * std::cos(M_PI / 6), -100 * std::sin(M_PI / 6));
        for (const auto& [type, position] : {std::pair{QEvent::MouseButtonPress, from}, std::pair{QEvent::MouseMove, to}, std::pair{QEvent::MouseButtonRelease, to}}) {
            QMouseEvent event(type, position, views[0]->mapToGlobal(position), type == QEvent::MouseButtonRelease ? Qt::LeftButton : (type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton),
                              type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton, Qt::ControlModifier);
            QApplication::sendEvent(views[0], &event);
        }
        QVERIFY(views[1]->oblique() && views[2]->oblique() && !views[0]->oblique());
        const double turned = std::acos(std::clamp(dot(coronalBefore, views[1]->lookDirection()), -1.0, 1.0)) * 180 / M_PI;
        QVERIFY2(std::abs(turned - 30) < 1, qPrintable(QStringLiteral("turned %1 degrees").arg(turned)));
        QVERIFY(std::abs(dot(views[1]->lookDirection(), views[0]->lookDirection())) < 1e-9);  // still perpendicular to the axial plane
        QVERIFY(std::abs(dot(views[1]->lookDirection(), views[2]->lookDirection())) < 1e-9);
        onEveryPlane(mpr.centre(), spheres[1].value, QStringLiteral("turned"));
        QVERIFY(views[1]->sideLabels().left.size() == 2);  // an oblique between two sides: "RA" or the like

        QImage shot(window.size() * views[0]->devicePixelRatioF(), QImage::Format_RGB32);
        shot.fill(Qt::black);
        QPainter painter(&shot);
        for (int i = 0; i < 3; ++i) painter.drawImage(QPointF(i * 410 * views[0]->devicePixelRatioF(), 0), views[i]->grabFramebuffer());
        painter.end();
        shot.save(test::screenshotPath(QStringLiteral("mpr-three-planes-oblique.png")));
        mpr.resetOrientations();
        QVERIFY(!views[1]->oblique() && !views[2]->oblique());
        onEveryPlane(mpr.centre(), spheres[1].value, QStringLiteral("reset"));
    }
};

TELERAD_GUI_TEST_MAIN(ViewerGeometryTest)
#include "tst_viewer_geometry.moc"
