#pragma once
// The MPR crosshair drawn over a slice view: lines through the shared centre along which the
// other planes cut this one, each in its plane's colour, in display coordinates (so they
// stay one pixel sharp at any zoom).

#include <vtkNew.h>

#include <QColor>

#include <array>
#include <vector>

class vtkActor2D;
class vtkPoints;
class vtkRenderer;
class vtkUnsignedCharArray;

namespace telerad {

class CrosshairOverlay {
public:
    explicit CrosshairOverlay(vtkRenderer* renderer);
    ~CrosshairOverlay();

    struct Line {
        std::array<double, 2> centre;     ///< display coordinates
        std::array<double, 2> direction;  ///< display coordinates, any length
        QColor colour;
    };
    /// Draws `lines` across the whole viewport (none: hidden).
    void show(const std::vector<Line>& lines);

private:
    vtkNew<vtkPoints> m_points;
    vtkNew<vtkUnsignedCharArray> m_colours;
    vtkNew<vtkActor2D> m_actor;
};

}  // namespace telerad
