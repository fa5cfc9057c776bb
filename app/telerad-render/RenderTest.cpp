// telerad-cli render-test --out FILE.png [--size WxH]
// Renders KnownScene through VtkOpenGLWidget (the viewer's code path) in a window that is
// never shown on screen, checks the picture is not blank, and writes it as PNG.

#include "RenderCommands.h"

#include "vtk/FrameInspector.h"
#include "vtk/KnownScene.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>

namespace telerad::render {

int runRenderTest(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Render a known scene and write it as PNG."));
    parser.addHelpOption();
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("PNG file to write."),
                                 QStringLiteral("FILE.png"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Picture size (default 512x512)."),
                                  QStringLiteral("WxH"), QStringLiteral("512x512"));
    parser.addOptions({out, size});
    if (!parser.parse(arguments)) {
        printError(QStringLiteral("render-test: %1").arg(parser.errorText()));
        return kFatal;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return kSuccess;
    }
    if (!parser.isSet(out)) {
        printError(QStringLiteral("render-test: --out FILE.png is required"));
        return kFatal;
    }
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    const int width = wh.size() == 2 ? wh[0].toInt() : 0;
    const int height = wh.size() == 2 ? wh[1].toInt() : 0;
    if (width < 16 || height < 16 || width > 8192 || height > 8192) {
        printError(QStringLiteral("render-test: --size must be WxH between 16 and 8192, got %1")
                       .arg(parser.value(size)));
        return kFatal;
    }

    VtkOpenGLWidget widget;
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(width, height);
    KnownScene::build(widget.renderer());
    widget.show();
    const QImage frame = widget.grabFramebuffer();
    if (isBlankFrame(frame)) {
        printError(QStringLiteral("render-test: the rendered picture is blank (OpenGL context: %1)")
                       .arg(frame.isNull() ? QStringLiteral("none") : QStringLiteral("present")));
        return kPartialFailure;
    }
    QDir().mkpath(QFileInfo(parser.value(out)).absolutePath());  // a fresh build has no screenshots/ yet
    if (!frame.save(parser.value(out), "PNG")) {
        printError(QStringLiteral("render-test: cannot write %1").arg(parser.value(out)));
        return kFatal;
    }
    const FrameStatistics stats = inspectFrame(frame);
    printLine(QStringLiteral("rendered %1x%2, %3% object pixels, written to %4")
                  .arg(frame.width())
                  .arg(frame.height())
                  .arg(stats.fractionUnlikeCorner * 100, 0, 'f', 1)
                  .arg(parser.value(out)));
    return kSuccess;
}

}  // namespace telerad::render
