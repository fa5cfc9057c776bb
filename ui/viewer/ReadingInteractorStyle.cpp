#include "ReadingInteractorStyle.h"

#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

namespace telerad {

vtkStandardNewMacro(ReadingInteractorStyle);

void ReadingInteractorStyle::wheel(int step) {
    if (GetInteractor()->GetControlKey() || !m_scroll) {
        step > 0 ? Superclass::OnMouseWheelForward() : Superclass::OnMouseWheelBackward();
        return;
    }
    m_scroll(step);
}

void ReadingInteractorStyle::OnMouseWheelForward() { wheel(+1); }
void ReadingInteractorStyle::OnMouseWheelBackward() { wheel(-1); }

// The image style's left button does window/level; the right button does the same here,
// as radiologists expect, instead of VTK's default zoom.
void ReadingInteractorStyle::OnRightButtonDown() { Superclass::OnLeftButtonDown(); }
void ReadingInteractorStyle::OnRightButtonUp() { Superclass::OnLeftButtonUp(); }

}  // namespace telerad
