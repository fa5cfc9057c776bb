#pragma once
// Mouse conventions of a reading workstation on top of VTK's image style: the wheel scrolls
// slices (Ctrl+wheel zooms), left or right drag sets window/level, middle drag pans.

#include <vtkInteractorStyleImage.h>

#include <functional>

namespace telerad {

class ReadingInteractorStyle : public vtkInteractorStyleImage {
public:
    static ReadingInteractorStyle* New();
    vtkTypeMacro(ReadingInteractorStyle, vtkInteractorStyleImage);

    /// Called with +1 / -1 when the wheel asks for the next / previous slice.
    void setScrollHandler(std::function<void(int)> handler) { m_scroll = std::move(handler); }

    void OnMouseWheelForward() override;
    void OnMouseWheelBackward() override;
    void OnRightButtonDown() override;
    void OnRightButtonUp() override;

private:
    ReadingInteractorStyle() = default;
    void wheel(int step);
    std::function<void(int)> m_scroll;
};

}  // namespace telerad
