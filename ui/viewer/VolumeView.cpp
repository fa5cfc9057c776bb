#include "VolumeView.h"

#include "dicom/Orientation.h"

#include <vtkCamera.h>

#include <cmath>
#include <vtkColorTransferFunction.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

namespace telerad {
namespace {

struct ControlPoint {
    double value, opacity, red, green, blue;
};

// Transfer functions in modality values (HU for CT): where tissue starts to show and in
// what colour. Classic values of the field, tuned on the demo phantom.
std::vector<ControlPoint> controlPoints(VolumePreset preset) {
    switch (preset) {
    case VolumePreset::CtSoftTissue:
        return {{-1000, 0, 0, 0, 0}, {-200, 0, 0.55, 0.25, 0.15}, {-50, 0.10, 0.85, 0.55, 0.40}, {60, 0.25, 0.90, 0.60, 0.45},
                {300, 0.40, 1, 0.95, 0.85}, {3000, 0.60, 1, 1, 1}};
    case VolumePreset::CtAngio:
        return {{-1000, 0, 0, 0, 0}, {120, 0, 0.60, 0.10, 0.05}, {200, 0.45, 0.90, 0.25, 0.15}, {400, 0.70, 1, 0.85, 0.75},
                {3000, 0.85, 1, 1, 1}};
    case VolumePreset::MrDefault:
        return {{0, 0, 0, 0, 0}, {100, 0, 0.40, 0.30, 0.25}, {400, 0.25, 0.85, 0.75, 0.65}, {1500, 0.70, 1, 1, 1}};
    case VolumePreset::CtBone: break;
    }
    return {{-1000, 0, 0, 0, 0}, {150, 0, 0.55, 0.25, 0.15}, {300, 0.35, 0.90, 0.80, 0.60}, {700, 0.80, 1, 0.95, 0.85},
            {3000, 0.90, 1, 1, 1}};
}

}  // namespace

QString volumePresetName(VolumePreset preset) {
    switch (preset) {
    case VolumePreset::CtSoftTissue: return QStringLiteral("ct-soft-tissue");
    case VolumePreset::CtAngio: return QStringLiteral("ct-angio");
    case VolumePreset::MrDefault: return QStringLiteral("mr-default");
    case VolumePreset::CtBone: break;
    }
    return QStringLiteral("ct-bone");
}

VolumeView::VolumeView(QWidget* parent) : VtkOpenGLWidget(parent) {
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    interactor()->SetInteractorStyle(style);
    m_mapper->SetInputData(m_image);
    m_mapper->SetRequestedRenderModeToRayCast();
    m_actor->SetMapper(m_mapper);
    m_actor->GetProperty()->ShadeOn();
    m_actor->GetProperty()->SetInterpolationTypeToLinear();
    m_actor->GetProperty()->SetAmbient(0.3);
    m_actor->GetProperty()->SetDiffuse(0.7);
    m_actor->GetProperty()->SetSpecular(0.2);
    m_actor->VisibilityOff();
    renderer()->AddVolume(m_actor);
    renderer()->SetBackground(0, 0, 0);
}

VolumeView::~VolumeView() = default;

void VolumeView::setVolume(std::shared_ptr<const ImageVolume> volume) {
    m_volume = std::move(volume);
    if (!m_volume) {
        m_actor->VisibilityOff();
        return requestRender();
    }
    const VolumeGeometry& g = m_volume->geometry;
    m_image->SetDimensions(g.dimensions.data());
    m_image->SetSpacing(g.spacing.data());
    m_image->SetOrigin(0, 0, 0);
    vtkNew<vtkShortArray> scalars;
    scalars->SetArray(const_cast<short*>(m_volume->voxels.data()), static_cast<vtkIdType>(m_volume->voxels.size()), 1);  // VTK only reads
    m_image->GetPointData()->SetScalars(scalars);
    m_image->Modified();
    m_actor->VisibilityOn();
    setPreset(m_volume->description.modality == QLatin1String("MR") ? VolumePreset::MrDefault : VolumePreset::CtBone);
    resetCamera();
}

void VolumeView::setPreset(VolumePreset preset) {
    m_preset = preset;
    vtkNew<vtkColorTransferFunction> colours;
    vtkNew<vtkPiecewiseFunction> opacity;
    for (const ControlPoint& p : controlPoints(preset)) {
        colours->AddRGBPoint(p.value, p.red, p.green, p.blue);
        opacity->AddPoint(p.value, p.opacity);
    }
    m_actor->GetProperty()->SetColor(colours);
    m_actor->GetProperty()->SetScalarOpacity(opacity);
    requestRender();
}

void VolumeView::setCrop(const std::array<double, 3>& low, const std::array<double, 3>& high) {
    if (!m_volume) return;
    const VolumeGeometry& g = m_volume->geometry;
    double planes[6];
    for (int axis = 0; axis < 3; ++axis) {
        const double length = (g.dimensions[axis] - 1) * g.spacing[axis];
        planes[2 * axis] = low[static_cast<size_t>(axis)] * length;
        planes[2 * axis + 1] = high[static_cast<size_t>(axis)] * length;
    }
    m_mapper->SetCroppingRegionPlanes(planes);
    m_mapper->SetCroppingRegionFlagsToSubVolume();
    m_mapper->CroppingOn();
    requestRender();
}

void VolumeView::cutAwayFront(double fraction) {
    if (!m_volume) return;
    const VolumeGeometry& g = m_volume->geometry;
    // The volume axis closest to the patient's front-back axis, and which end is anterior (-y).
    const Vec3 alignment{g.rowDirection[1], g.columnDirection[1], g.sliceDirection[1]};
    int axis = 0;
    for (int a = 1; a < 3; ++a)
        if (std::abs(alignment[a]) > std::abs(alignment[axis])) axis = a;
    std::array<double, 3> low{0, 0, 0}, high{1, 1, 1};
    if (alignment[axis] > 0) low[static_cast<size_t>(axis)] = fraction;  // index grows toward posterior: the front is at 0
    else high[static_cast<size_t>(axis)] = 1 - fraction;
    setCrop(low, high);
}

void VolumeView::resetCamera() {
    if (!m_volume) return;
    const VolumeGeometry& g = m_volume->geometry;
    const ViewAxes front = viewAxes(ViewPlane::Coronal);  // from the front, head up
    const auto toWorld = [&](const Vec3& v) { return Vec3{dot(v, g.rowDirection), dot(v, g.columnDirection), dot(v, g.sliceDirection)}; };
    const Vec3 look = toWorld(front.lookDirection), up = toWorld(front.up);
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetFocalPoint(0, 0, 0);
    camera->SetPosition(-look[0], -look[1], -look[2]);
    camera->SetViewUp(up.data());
    renderer()->ResetCamera();
    camera->Zoom(1.3);
    requestRender();
}

void VolumeView::rotate(double degrees) {
    renderer()->GetActiveCamera()->Azimuth(degrees);
    renderer()->ResetCameraClippingRange();
    requestRender();
}

}  // namespace telerad
