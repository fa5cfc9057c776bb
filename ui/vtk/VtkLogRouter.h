#pragma once
// Sends VTK's error and warning text to Qt logging (category telerad.vtk) instead of VTK's
// own output window, so the application logs it and tests can fail on it.

namespace telerad {

void routeVtkOutputToQtLogging();

}  // namespace telerad
