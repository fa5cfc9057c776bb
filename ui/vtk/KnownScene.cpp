#include "KnownScene.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>

namespace telerad {

void KnownScene::build(vtkRenderer* renderer) {
    vtkNew<vtkSphereSource> sphere;
    sphere->SetRadius(1.0);
    sphere->SetThetaResolution(64);
    sphere->SetPhiResolution(64);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(sphere->GetOutputPort());
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    // Ambient light only: every pixel of the sphere has exactly the object colour.
    const QColor o = object();
    actor->GetProperty()->SetColor(o.redF(), o.greenF(), o.blueF());
    actor->GetProperty()->SetAmbient(1.0);
    actor->GetProperty()->SetDiffuse(0.0);
    actor->GetProperty()->SetSpecular(0.0);
    renderer->AddActor(actor);

    const QColor b = background();
    renderer->SetBackground(b.redF(), b.greenF(), b.blueF());
    renderer->GradientBackgroundOff();
    renderer->ResetCamera();
    // Sphere fills about half the height of the view.
    renderer->GetActiveCamera()->Zoom(0.8);
}

}  // namespace telerad
