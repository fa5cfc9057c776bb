// telerad-render SUBCOMMAND [options]: run by `telerad-cli SUBCOMMAND` for the subcommands
// that render (see RenderCommands.h); works on its own too.

#include "RenderCommands.h"

#include "common/DataFolder.h"
#include "dicom/DicomErrors.h"
#include "security/UserAccounts.h"
#include "vtk/VtkLogRouter.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QApplication>
#include <QSurfaceFormat>

#include <cstdio>

namespace telerad::render {

void printLine(const QString& text) {
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString& text) { std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stderr); }

}  // namespace telerad::render

int main(int argc, char* argv[]) {
    using namespace telerad::render;
    telerad::quietDicomToolkitLog();
    QStringList arguments;
    for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    // telerad-cli's global options, passed on before the subcommand.
    QString home, user, passwordFile, totpCode;
    const std::pair<const char*, QString*> globals[] = {{"--home", &home}, {"--user", &user}, {"--password-file", &passwordFile}, {"--totp", &totpCode}};
    for (bool found = true; found;) {
        found = false;
        for (const auto& [name, target] : globals)
            if (arguments.value(0) == QLatin1String(name) && arguments.size() > 1) {
                *target = arguments.value(1);
                arguments = arguments.mid(2);
                found = true;
            }
    }
    const QString command = arguments.value(0);
    if (command != QLatin1String("render-test") && command != QLatin1String("render")) {
        printError(QStringLiteral("usage: telerad-render [--home DIR] render-test|render [options]"));
        return kFatal;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {  // else Qt aborts with a long message
        printError(QStringLiteral("%1: needs a display for OpenGL: run it under xvfb-run on a server").arg(command));
        return kFatal;
    }
    QSurfaceFormat::setDefaultFormat(telerad::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("telerad-cli"));
    telerad::routeVtkOutputToQtLogging();
    if (command == QLatin1String("render")) {
        auto root = telerad::DataFolder::open(home);
        if (!root.ok()) {
            printError(QStringLiteral("render: %1").arg(root.error()));
            return kFatal;
        }
        QString unreadable;
        const auto credentials = telerad::credentialsFrom(user, passwordFile, totpCode, &unreadable);
        auto signedIn = unreadable.isEmpty() ? telerad::signIn(root->root(), credentials) : telerad::Result<telerad::SignedIn>(telerad::failure(unreadable));
        if (!signedIn.ok()) {
            printError(QStringLiteral("render: %1").arg(signedIn.error()));
            return kFatal;
        }
        return runRender(root->root(), arguments);
    }
    return runRenderTest(arguments);
}
