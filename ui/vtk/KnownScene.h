#pragma once
// A scene whose picture is known in advance: a flat-shaded orange sphere centred on a
// dark blue background. render-test and the host-widget tests draw it and read pixels back.

#include <QColor>

class vtkRenderer;

namespace telerad {

struct KnownScene {
    static QColor background() { return QColor(26, 51, 102); }
    static QColor object() { return QColor(255, 153, 26); }

    /// Adds the sphere to `renderer`, sets the background and frames the camera on it.
    static void build(vtkRenderer* renderer);
};

}  // namespace telerad
