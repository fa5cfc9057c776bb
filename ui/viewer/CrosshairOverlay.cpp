#include "CrosshairOverlay.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <cmath>

namespace telerad {

CrosshairOverlay::CrosshairOverlay(vtkRenderer* renderer) {
    m_colours->SetNumberOfComponents(3);
    vtkNew<vtkPolyData> lines;
    lines->SetPoints(m_points);
    lines->SetLines(vtkNew<vtkCellArray>());
    lines->GetCellData()->SetScalars(m_colours);
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(lines);
    mapper->SetScalarModeToUseCellData();
    mapper->SetColorModeToDirectScalars();
    m_actor->SetMapper(mapper);
    m_actor->GetProperty()->SetLineWidth(1.5);
    m_actor->GetProperty()->SetOpacity(0.8);
    m_actor->VisibilityOff();
    renderer->AddViewProp(m_actor);
}

CrosshairOverlay::~CrosshairOverlay() = default;

void CrosshairOverlay::show(const std::vector<Line>& lines) {
    auto* data = vtkPolyData::SafeDownCast(m_actor->GetMapper()->GetInputDataObject(0, 0));
    vtkNew<vtkCellArray> cells;
    m_points->Reset();
    m_colours->Reset();
    constexpr double kReach = 1e5;  // far beyond any screen: the line crosses the viewport
    for (const Line& line : lines) {
        const double length = std::hypot(line.direction[0], line.direction[1]);
        if (length < 1e-9) continue;  // the other plane is parallel to this one: no line
        const double dx = line.direction[0] / length * kReach, dy = line.direction[1] / length * kReach;
        const vtkIdType ids[2] = {m_points->InsertNextPoint(line.centre[0] - dx, line.centre[1] - dy, 0),
                                  m_points->InsertNextPoint(line.centre[0] + dx, line.centre[1] + dy, 0)};
        cells->InsertNextCell(2, ids);
        m_colours->InsertNextTuple3(line.colour.red(), line.colour.green(), line.colour.blue());
    }
    data->SetLines(cells);
    data->Modified();
    m_points->Modified();
    m_actor->SetVisibility(!lines.empty());
}

}  // namespace telerad
