#include "VtkLogRouter.h"

#include <QLoggingCategory>

#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>

Q_LOGGING_CATEGORY(lcVtk, "telerad.vtk")

namespace telerad {

namespace {

class QtLoggingOutputWindow : public vtkOutputWindow {
public:
    static QtLoggingOutputWindow* New();
    vtkTypeMacro(QtLoggingOutputWindow, vtkOutputWindow);

    void DisplayErrorText(const char* text) override { qCWarning(lcVtk, "VTK error: %s", text); }
    void DisplayWarningText(const char* text) override { qCWarning(lcVtk, "VTK warning: %s", text); }
    void DisplayGenericWarningText(const char* text) override { qCWarning(lcVtk, "VTK warning: %s", text); }
    void DisplayText(const char* text) override { qCDebug(lcVtk, "%s", text); }
    void DisplayDebugText(const char* text) override { qCDebug(lcVtk, "%s", text); }
};

vtkStandardNewMacro(QtLoggingOutputWindow);

}  // namespace

void routeVtkOutputToQtLogging() {
    vtkNew<QtLoggingOutputWindow> window;
    vtkOutputWindow::SetInstance(window);
}

}  // namespace telerad
