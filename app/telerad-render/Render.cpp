// telerad-cli render SERIES_UID --out FILE.png [--slice N] [--view axial|coronal|sagittal|mip|vr]
//                    [--wl CENTER/WIDTH] [--size WxH]
// Draws an archived series through the viewer's own widgets (SliceViewer, VolumeView) in a
// window never shown on screen, and writes the picture as PNG.

#include "RenderCommands.h"

#include "archive/Archive.h"
#include "dicom/VolumeLoader.h"
#include "security/AuditTrail.h"
#include "viewer/SliceViewer.h"
#include "viewer/VolumeView.h"
#include "vtk/FrameInspector.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>

namespace telerad::render {
namespace {

struct RenderRequest {
    QString seriesUid, out, view;
    int slice = 0;  ///< 1-based as the overlay shows it; 0: the middle
    bool hasWindow = false;
    double center = 0, width = 0;
    QSize size{512, 512};
};

Result<RenderRequest> parseRequest(QCommandLineParser& parser, const QStringList& arguments) {
    parser.addPositionalArgument(QStringLiteral("SERIES_UID"), QStringLiteral("An archived series."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("PNG file to write."), QStringLiteral("FILE.png"));
    const QCommandLineOption slice(QStringLiteral("slice"), QStringLiteral("Slice number, 1 to the count the overlay shows (default: the middle)."),
                                   QStringLiteral("N"));
    const QCommandLineOption view(QStringLiteral("view"), QStringLiteral("axial, coronal, sagittal, mip (coronal, whole thickness) or vr (default: the acquisition plane)."),
                                  QStringLiteral("VIEW"));
    const QCommandLineOption wl(QStringLiteral("wl"), QStringLiteral("Window centre/width (default: the file's first window)."), QStringLiteral("C/W"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Picture size (default 512x512)."), QStringLiteral("WxH"), QStringLiteral("512x512"));
    parser.addOptions({out, slice, view, wl, size});
    parser.addHelpOption();
    if (!parser.parse(arguments)) return failure(parser.errorText());
    RenderRequest request;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(out)) return failure(QStringLiteral("usage: render SERIES_UID --out FILE.png [options]"));
    request.seriesUid = parser.positionalArguments()[0];
    request.out = parser.value(out);
    request.view = parser.value(view);
    if (!request.view.isEmpty() && !QStringList{QStringLiteral("axial"), QStringLiteral("coronal"), QStringLiteral("sagittal"), QStringLiteral("mip"),
                                                QStringLiteral("vr")}.contains(request.view))
        return failure(QStringLiteral("--view must be axial, coronal, sagittal, mip or vr, got %1").arg(request.view));
    if (parser.isSet(slice) && (request.slice = parser.value(slice).toInt()) < 1) return failure(QStringLiteral("--slice counts from 1"));
    if (parser.isSet(wl)) {
        const QStringList parts = parser.value(wl).split(QLatin1Char('/'));
        bool centreOk = false, widthOk = false;
        request.center = parts.value(0).toDouble(&centreOk);
        request.width = parts.value(1).toDouble(&widthOk);
        if (parts.size() != 2 || !centreOk || !widthOk || request.width <= 0) return failure(QStringLiteral("--wl must be CENTER/WIDTH, e.g. 40/400"));
        request.hasWindow = true;
    }
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    request.size = QSize(wh.value(0).toInt(), wh.value(1).toInt());
    if (wh.size() != 2 || request.size.width() < 16 || request.size.height() < 16 || request.size.width() > 8192 || request.size.height() > 8192)
        return failure(QStringLiteral("--size must be WxH between 16 and 8192, got %1").arg(parser.value(size)));
    return request;
}

Result<std::shared_ptr<const ImageVolume>> loadSeries(const QString& home, const QString& seriesUid) {
    auto archive = Archive::open(home);
    if (!archive.ok()) return failure(archive.error());
    auto files = archive->openSeriesForViewing(seriesUid, QStringLiteral("command-line renderer"));
    if (!files.ok()) return failure(files.error());
    return VolumeLoader::load(files.value());
}

/// Sizes `widget` to the picture and shows it in a window that never reaches the screen.
void showOffscreen(QWidget& widget, const QSize& size) {
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(size);
    widget.show();
}

/// The slice view of `request`; returns the description of what was drawn.
QString drawSlices(const RenderRequest& request, std::shared_ptr<const ImageVolume> volume, QImage* frame) {
    SliceViewer viewer;
    showOffscreen(viewer, request.size);
    viewer.setVolume(std::move(volume));
    if (request.view == QLatin1String("coronal") || request.view == QLatin1String("mip")) viewer.setViewPlane(ViewPlane::Coronal);
    if (request.view == QLatin1String("sagittal")) viewer.setViewPlane(ViewPlane::Sagittal);
    if (request.view == QLatin1String("axial")) viewer.setViewPlane(ViewPlane::Axial);
    if (request.view == QLatin1String("mip")) viewer.setSlab(SlabMode::Maximum, viewer.sliceCount() * 10.0);  // more than the volume's depth
    if (request.slice > 0) viewer.setSlice(request.slice - 1);
    if (request.hasWindow) viewer.setWindow(request.center, request.width);
    *frame = viewer.grabFramebuffer();
    return QStringLiteral("%1 slice %2/%3 (W %4 L %5)")
        .arg(request.view == QLatin1String("mip") ? QStringLiteral("coronal MIP") : viewPlaneName(viewer.viewPlane()))
        .arg(viewer.slice() + 1)
        .arg(viewer.sliceCount())
        .arg(viewer.windowWidth(), 0, 'f', 0)
        .arg(viewer.windowCenter(), 0, 'f', 0);
}

QString drawVolume(const RenderRequest& request, std::shared_ptr<const ImageVolume> volume, QImage* frame) {
    VolumeView view;
    showOffscreen(view, request.size);
    view.setVolume(std::move(volume));
    *frame = view.grabFramebuffer();
    return QStringLiteral("volume rendering (%1)").arg(volumePresetName(view.preset()));
}

}  // namespace

int runRender(const QString& home, const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Render an archived series through the viewer's pipeline and write it as PNG."));
    auto request = parseRequest(parser, arguments);
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return kSuccess;
    }
    if (!request.ok()) {
        printError(QStringLiteral("render: %1").arg(request.error()));
        return kFatal;
    }
    auto volume = loadSeries(home, request->seriesUid);
    if (!volume.ok()) {
        printError(QStringLiteral("render: %1").arg(volume.error()));
        return kFatal;
    }
    QImage frame;
    const QString drawn = request->view == QLatin1String("vr") ? drawVolume(request.value(), volume.value(), &frame)
                                                               : drawSlices(request.value(), volume.value(), &frame);
    if (isBlankFrame(frame)) {
        printError(QStringLiteral("render: the picture of %1 is blank").arg(request->seriesUid));
        return kPartialFailure;
    }
    QDir().mkpath(QFileInfo(request->out).absolutePath());
    if (!frame.save(request->out, "PNG")) {
        printError(QStringLiteral("render: cannot write %1").arg(request->out));
        return kFatal;
    }
    // A picture of the patient's images leaves the archive: an export, audited as one.
    const auto& shown = volume.value()->description;
    (void)recordAudit(home, {QString(audit::kStudyExported), true, shown.patientId, shown.studyInstanceUid, {},
                             QStringLiteral("%1 of series %2 rendered to %3").arg(drawn, request->seriesUid, QFileInfo(request->out).absoluteFilePath())});
    printLine(QStringLiteral("rendered %1 of %2 at %3x%4, written to %5").arg(drawn, request->seriesUid).arg(frame.width()).arg(frame.height()).arg(request->out));
    return kSuccess;
}

}  // namespace telerad::render
