#pragma once
// main() for GUI test executables: the OpenGL format VTK needs (before the QApplication),
// and VTK's errors and warnings routed into Qt logging so that they fail the test.

#include "vtk/VtkLogRouter.h"
#include "vtk/VtkOpenGLWidget.h"

#include <QApplication>
#include <QSettings>
#include <QSurfaceFormat>
#include <QTest>

#define TELERAD_GUI_TEST_MAIN(TestClass)                                                  \
    int main(int argc, char* argv[]) {                                                    \
        QSurfaceFormat::setDefaultFormat(telerad::VtkOpenGLWidget::defaultFormat());      \
        QApplication app(argc, argv);                                                     \
        telerad::routeVtkOutputToQtLogging();                                             \
        QSettings().remove(QStringLiteral("window")); /* each run from the default layout */ \
        TestClass test;                                                                   \
        return QTest::qExec(&test, argc, argv);                                           \
    }
