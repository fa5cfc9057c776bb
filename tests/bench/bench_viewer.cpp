// bench_viewer [SLICES]: the viewer's figures (issue "Diagnostic viewer"), printed, not judged.
//  - a SLICES-slice 512x512 CT (512 by default) archived, then loaded from the archive:
//    time to the first image on screen and to a fully scrollable series;
//  - frames per second in a 1024x1024 viewport: scrolling, window/level, coronal MPR
//    scrolling, a 20 mm coronal MIP slab;
//  - volume rendering frames per second at 512x512 of a 256^3 volume, turning it.
// Runs on whatever OpenGL the display has (Mesa llvmpipe under Xvfb here).

#include "GuiTestMain.h"

#include "archive/Archive.h"
#include "dicom/DemoStudyGenerator.h"
#include "dicom/VolumeLoader.h"
#include "viewer/SliceViewer.h"
#include "viewer/VolumeView.h"

#include <vtkGenericOpenGLRenderWindow.h>

#include <QApplication>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>

using namespace telerad;

namespace {

void print(const QString& line) { std::printf("%s\n", line.toUtf8().constData()); std::fflush(stdout); }

/// One frame as paintGL draws it (VTK renders into its framebuffer), finished.
void renderFrame(VtkOpenGLWidget& widget) {
    widget.makeCurrent();
    widget.renderWindow()->Render();
    widget.context()->functions()->glFinish();
    widget.doneCurrent();
}

/// Frames per second of `step` followed by a frame rendered to the end, over `frames` frames.
double framesPerSecond(VtkOpenGLWidget& widget, int frames, const std::function<void(int)>& step) {
    renderFrame(widget);  // warm: shaders, textures
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < frames; ++i) {
        step(i);
        renderFrame(widget);
    }
    return frames * 1000.0 / std::max<qint64>(1, timer.elapsed());
}

std::shared_ptr<const ImageVolume> cube(int size) {
    auto volume = std::make_shared<ImageVolume>();
    volume->geometry.dimensions = {size, size, size};
    volume->geometry.spacing = {1, 1, 1};
    volume->description.modality = QStringLiteral("CT");
    volume->voxels.resize(volume->geometry.voxelCount());
    for (int k = 0; k < size; ++k)
        for (int j = 0; j < size; ++j)
            for (int i = 0; i < size; ++i) {  // a ball of bone in soft tissue, with a channel through it
                const double x = i - size / 2.0, y = j - size / 2.0, z = k - size / 2.0;
                const bool ball = x * x + y * y + z * z < size * size / 9.0, channel = x * x + y * y < size * size / 200.0;
                volume->voxels[(static_cast<size_t>(k) * size + j) * size + i] = static_cast<int16_t>(ball && !channel ? 900 : 40);
            }
    return volume;
}

}  // namespace

int main(int argc, char* argv[]) {
    QSurfaceFormat::setDefaultFormat(VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    const int slices = argc > 1 ? std::atoi(argv[1]) : 512;
    QTemporaryDir home;
    DemoStudySpec spec;
    spec.slices = slices;
    spec.sliceSpacingMm = 1.0;
    auto study = DemoStudyGenerator::write(home.filePath(QStringLiteral("source")), spec);
    auto archive = Archive::open(home.path());
    if (!study.ok() || !archive.ok()) return print(study.ok() ? archive.error() : study.error()), 2;
    for (const QString& file : study->files) (void)archive->storeFile(file);
    auto rows = archive->index().select(QStringLiteral("SELECT file FROM instances"));
    QStringList files;
    for (const QStringList& r : rows.value()) files << archive->absolutePath(r.front());
    print(QStringLiteral("series: %1 slices of 512x512 archived").arg(files.size()));

    SliceViewer viewer;
    viewer.resize(1024, 1024);
    viewer.show();
    if (!QTest::qWaitForWindowExposed(&viewer)) return print(QStringLiteral("the viewer window never appeared")), 2;
    QElapsedTimer timer;
    timer.start();
    // As the main window does: the middle image alone first, then the whole series.
    auto preview = VolumeLoader::load({files[files.size() / 2]});
    if (!preview.ok()) return print(preview.error()), 2;
    viewer.setVolume(preview.value());
    renderFrame(viewer);
    const qint64 firstImage = timer.elapsed();
    auto volume = VolumeLoader::load(files);
    if (!volume.ok()) return print(volume.error()), 2;
    const qint64 loaded = timer.elapsed();
    viewer.setVolume(volume.value());
    renderFrame(viewer);
    const qint64 shown = timer.elapsed();
    print(QStringLiteral("first image on screen (the middle image decoded alone): %1 s; whole series loaded: %2 s; "
                         "fully scrollable on screen: %3 s")
              .arg(firstImage / 1000.0, 0, 'f', 3).arg(loaded / 1000.0, 0, 'f', 2).arg(shown / 1000.0, 0, 'f', 2));

    const int n = viewer.sliceCount();
    if (qEnvironmentVariableIsSet("BENCH_NO_OVERLAY")) viewer.setOverlayVisible(false);
    if (qEnvironmentVariableIsSet("BENCH_HIDE_IMAGE")) viewer.setVolume(nullptr);
    print(QStringLiteral("1024x1024 viewport, nothing changed (a frame's fixed cost): %1 fps").arg(framesPerSecond(viewer, 50, [](int) {}), 0, 'f', 1));
    print(QStringLiteral("1024x1024 viewport, axial scrolling: %1 fps").arg(framesPerSecond(viewer, 100, [&](int i) { viewer.setSlice(i % n); }), 0, 'f', 1));
    print(QStringLiteral("1024x1024 viewport, window/level drag: %1 fps")
              .arg(framesPerSecond(viewer, 100, [&](int i) { viewer.setWindow(40 + i, 400 + 4 * i); }), 0, 'f', 1));
    viewer.setViewPlane(ViewPlane::Coronal);
    const int m = viewer.sliceCount();
    print(QStringLiteral("1024x1024 viewport, coronal MPR scrolling: %1 fps (%2 ms per MPR update)")
              .arg(framesPerSecond(viewer, 100, [&](int i) { viewer.setSlice((m / 4 + i) % m); }), 0, 'f', 1)
              .arg(1000.0 / framesPerSecond(viewer, 50, [&](int i) { viewer.setSlice((m / 4 + i) % m); }), 0, 'f', 1));
    viewer.setSlab(SlabMode::Maximum, 20);
    print(QStringLiteral("1024x1024 viewport, coronal 20 mm MIP slab scrolling: %1 fps")
              .arg(framesPerSecond(viewer, 50, [&](int i) { viewer.setSlice((m / 4 + i) % m); }), 0, 'f', 1));

    VolumeView view;
    view.resize(512, 512);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return print(QStringLiteral("the 3D window never appeared")), 2;
    view.setVolume(cube(256));
    const auto vr = [&](const QString& what) {
        view.renderWindow()->SetDesiredUpdateRate(0.0001);  // still: full quality
        const double still = framesPerSecond(view, 10, [&](int) { view.rotate(3); });
        view.renderWindow()->SetDesiredUpdateRate(15);  // what the interactor asks while the mouse turns it
        const double turning = framesPerSecond(view, 30, [&](int) { view.rotate(3); });
        print(QStringLiteral("volume rendering 256^3 at 512x512, %1: %2 fps while turning (adaptive sampling), %3 fps at full quality")
                  .arg(what).arg(turning, 0, 'f', 1).arg(still, 0, 'f', 1));
    };
    vr(QStringLiteral("CT bone preset"));
    view.setPreset(VolumePreset::CtSoftTissue);
    vr(QStringLiteral("CT soft-tissue preset"));
    return 0;
}
