// Telerad GUI: opens the main window on the data folder (--home, $TELERAD_HOME or the XDG
// default) and shows the demo study, generated on first start.

#include "common/DataFolder.h"
#include "common/Version.h"
#include "dicom/DicomErrors.h"
#include "mainwindow/MainWindow.h"
#include "vtk/VtkLogRouter.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSurfaceFormat>

int main(int argc, char* argv[]) {
    telerad::quietDicomToolkitLog();
    // VTK needs an OpenGL 3.2 core context: this must precede the QApplication.
    QSurfaceFormat::setDefaultFormat(telerad::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    telerad::routeVtkOutputToQtLogging();
    QApplication::setApplicationName(QString::fromLatin1(telerad::kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(telerad::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/telerad/icons/telerad.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Telerad teleradiology workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption home(QStringLiteral("home"), QStringLiteral("Data folder to use."),
                                  QStringLiteral("DIR"));
    parser.addOption(home);
    parser.process(app);

    auto dataFolder = telerad::DataFolder::open(parser.value(home));
    if (!dataFolder.ok()) {
        QMessageBox::critical(nullptr, QStringLiteral("Telerad"), dataFolder.error());
        return 2;
    }
    telerad::MainWindow window(dataFolder.value());
    window.show();
    window.openDemoStudy();
    return QApplication::exec();
}
