#include "SliceViewer.h"

#include "CrosshairOverlay.h"
#include "ReadingInteractorStyle.h"

#include "dicom/DicomText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLineF>
#include <QTimer>

#include <vtkActor2D.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkUnsignedCharArray.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace telerad {

namespace {

QString formatDate(const QString& dicomDate) {
    return dicomDate.size() == 8 ? dicomDate.left(4) + QLatin1Char('-') + dicomDate.mid(4, 2) + QLatin1Char('-') + dicomDate.mid(6, 2)
                                 : dicomDate;
}

/// The eight corners of the volume's box (voxel centres), in world millimetres.
std::array<Vec3, 8> corners(const VolumeGeometry& g) {
    std::array<Vec3, 8> points;
    for (int n = 0; n < 8; ++n)
        for (int axis = 0; axis < 3; ++axis) points[n][axis] = (n >> axis & 1) ? (g.dimensions[axis] - 1) * g.spacing[axis] : 0.0;
    return points;
}

/// Smallest and largest projection of the volume's corners on `direction`.
std::pair<double, double> extentAlong(const VolumeGeometry& g, const Vec3& direction) {
    double low = 1e300, high = -1e300;
    for (const Vec3& c : corners(g)) {
        low = std::min(low, dot(c, direction));
        high = std::max(high, dot(c, direction));
    }
    return {low, high};
}

/// A round length (1, 2 or 5 times a power of ten) no longer than `maximum`.
double roundLength(double maximum) {
    const double power = std::pow(10.0, std::floor(std::log10(maximum)));
    for (double factor : {5.0, 2.0, 1.0})
        if (factor * power <= maximum) return factor * power;
    return power;
}

Vec3 normalized(const Vec3& v) {
    const double length = std::sqrt(dot(v, v));
    return length > 0 ? scaled(v, 1 / length) : v;
}

}  // namespace

double Measurement::millimetres() const {
    const Vec3 d{to[0] - from[0], to[1] - from[1], to[2] - from[2]};
    return std::sqrt(dot(d, d));
}

double Measurement::degrees() const {
    const Vec3 a{from[0] - to[0], from[1] - to[1], from[2] - to[2]}, b{third[0] - to[0], third[1] - to[1], third[2] - to[2]};
    const double lengths = std::sqrt(dot(a, a) * dot(b, b));
    return lengths > 0 ? std::acos(std::clamp(dot(a, b) / lengths, -1.0, 1.0)) * 180 / M_PI : 0;
}

QString Measurement::describe(const QString& unit) const {
    if (tool == MeasureTool::Distance) return SliceViewer::tr("%1 mm").arg(millimetres(), 0, 'f', 1);
    if (tool == MeasureTool::Angle) return SliceViewer::tr("%1\u00b0").arg(degrees(), 0, 'f', 1);
    if (tool == MeasureTool::Arrow) return text;
    return SliceViewer::tr("mean %1 %2, SD %3, min %4, max %5, area %6 mm\u00b2")
        .arg(region.mean, 0, 'f', 1).arg(unit).arg(region.standardDeviation, 0, 'f', 1)
        .arg(region.minimum).arg(region.maximum).arg(region.areaMm2, 0, 'f', 1);
}

QString slabModeName(SlabMode mode) {
    switch (mode) {
    case SlabMode::Maximum: return QStringLiteral("MIP");
    case SlabMode::Minimum: return QStringLiteral("MinIP");
    case SlabMode::Mean: return QStringLiteral("average");
    case SlabMode::None: break;
    }
    return {};
}

namespace {

// The file's first window; else CT soft tissue for CT, the full range of values for the rest
// (an MR without a window is unreadable through a CT window), identity for colour.
std::pair<double, double> initialWindow(const ImageVolume& volume) {
    if (volume.isColour()) return {127.5, 255.0};
    const auto& windows = volume.description.windows;
    if (!windows.empty()) return {windows.front().center, windows.front().width};
    if (volume.description.modality == QLatin1String("CT") || volume.voxels.empty()) return {40.0, 400.0};
    const auto [low, high] = std::minmax_element(volume.voxels.begin(), volume.voxels.end());
    return {(double(*low) + *high) / 2, std::max(1.0, double(*high) - *low)};
}

}  // namespace

SliceViewer::SliceViewer(QWidget* parent) : VtkOpenGLWidget(parent), m_cine(new QTimer(this)) {
    m_style = vtkSmartPointer<ReadingInteractorStyle>::New();
    m_style->SetInteractionModeToImage2D();
    m_style->setScrollHandler([this](int step) { setSlice(m_slice + step); });
    interactor()->SetInteractorStyle(m_style);
    vtkNew<vtkCallbackCommand> onInteraction;
    onInteraction->SetClientData(this);
    onInteraction->SetCallback([](vtkObject*, unsigned long, void* self, void*) { static_cast<SliceViewer*>(self)->onInteraction(); });
    m_style->AddObserver(vtkCommand::InteractionEvent, onInteraction);
    m_style->AddObserver(vtkCommand::EndInteractionEvent, onInteraction);

    m_mapper->SetInputData(m_image);
    m_mapper->SliceFacesCameraOn();
    m_mapper->SliceAtFocalPointOn();
    m_imageSlice->SetMapper(m_mapper);
    m_imageSlice->GetProperty()->SetInterpolationTypeToLinear();
    m_imageSlice->VisibilityOff();
    renderer()->AddViewProp(m_imageSlice);
    renderer()->SetBackground(0, 0, 0);

    m_invertedTable->SetValueRange(1, 0);  // white to black: an inverted grey ramp
    m_invertedTable->SetSaturationRange(0, 0);
    m_invertedTable->SetRampToLinear();
    m_invertedTable->Build();

    createOverlayTexts();

    vtkNew<vtkPolyData> bar;
    bar->SetPoints(m_scaleBarPoints);
    vtkNew<vtkCellArray> line;
    const vtkIdType ids[] = {0, 1, 2, 3};
    line->InsertNextCell(4, ids);  // tick, bar, tick
    bar->SetLines(line);
    vtkNew<vtkPolyDataMapper2D> barMapper;
    barMapper->SetInputData(bar);
    m_scaleBar->SetMapper(barMapper);
    m_scaleBar->GetProperty()->SetColor(0.95, 0.95, 0.80);
    m_scaleBar->GetProperty()->SetLineWidth(2);
    m_scaleBarText->GetTextProperty()->SetColor(0.95, 0.95, 0.80);
    m_scaleBarText->GetTextProperty()->SetFontSize(13);
    m_scaleBarText->GetTextProperty()->SetJustificationToCentered();
    m_scaleBarText->GetTextProperty()->ShadowOn();
    renderer()->AddViewProp(m_scaleBar);
    renderer()->AddViewProp(m_scaleBarText);

    vtkNew<vtkPolyData> lines;
    lines->SetPoints(m_measurementPoints);
    lines->SetLines(vtkNew<vtkCellArray>());
    vtkNew<vtkPolyDataMapper2D> linesMapper;
    linesMapper->SetInputData(lines);
    m_measurementLines->SetMapper(linesMapper);
    m_measurementLines->GetProperty()->SetColor(1.0, 0.85, 0.1);
    m_measurementLines->GetProperty()->SetLineWidth(2);
    renderer()->AddViewProp(m_measurementLines);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
    m_crosshair = std::make_unique<CrosshairOverlay>(renderer());

    connect(m_cine, &QTimer::timeout, this, [this] { setSlice(m_slice + 1 < m_sliceCount ? m_slice + 1 : 0); });
    setMouseTracking(true);  // the pixel probe follows the mouse
    showEmpty();
}

SliceViewer::~SliceViewer() = default;

void SliceViewer::setVolume(std::shared_ptr<const ImageVolume> volume) {
    m_volume = std::move(volume);
    setCineRate(0);
    m_measurements.clear();  // they belong to the series they were made on
    m_keyImages.clear();
    m_voiLut = -1;        // the LUTs belong to the series they came with
    setInverted(false);  // the file's own convention (MONOCHROME1 included)
    if (!m_volume) return showEmpty();
    m_emptyHint->VisibilityOff();
    updateScaleBarVisibility();
    const VolumeGeometry& g = m_volume->geometry;
    m_image->SetDimensions(g.dimensions.data());
    m_image->SetSpacing(g.spacing.data());
    m_image->SetOrigin(0, 0, 0);
    // VTK only reads these voxels (save=1: VTK never frees them); m_volume keeps them alive.
    // Colour volumes are shown in their RGB; probes and regions use the luminance in voxels.
    if (m_volume->isColour()) {
        vtkNew<vtkUnsignedCharArray> colours;
        colours->SetNumberOfComponents(3);
        colours->SetArray(const_cast<uint8_t*>(m_volume->rgb.data()), static_cast<vtkIdType>(m_volume->rgb.size()), 1);
        m_image->GetPointData()->SetScalars(colours);
    } else {
        vtkNew<vtkShortArray> scalars;
        scalars->SetArray(const_cast<short*>(m_volume->voxels.data()), static_cast<vtkIdType>(m_volume->voxels.size()), 1);
        m_image->GetPointData()->SetScalars(scalars);
    }
    m_image->Modified();

    std::tie(m_initialCenter, m_initialWidth) = initialWindow(*m_volume);
    m_imageSlice->VisibilityOn();
    setViewPlane(acquisitionPlane(g));
    resetView();
}

ViewPlane SliceViewer::acquisitionPlane(const VolumeGeometry& geometry) {
    ViewPlane best = ViewPlane::Axial;
    double alignment = -1;
    for (ViewPlane plane : {ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal}) {
        const double a = std::abs(dot(viewAxes(plane).lookDirection, geometry.sliceDirection));
        if (a > alignment) std::tie(best, alignment) = std::pair{plane, a};
    }
    return best;
}

Vec3 SliceViewer::toWorld(const Vec3& patientDirection) const {
    const VolumeGeometry& g = m_volume->geometry;
    return {dot(patientDirection, g.rowDirection), dot(patientDirection, g.columnDirection), dot(patientDirection, g.sliceDirection)};
}

Vec3 SliceViewer::directionToPatient(const Vec3& world) const {
    const VolumeGeometry& g = m_volume->geometry;
    Vec3 p{0, 0, 0};
    for (int axis = 0; axis < 3; ++axis)
        p[axis] = world[0] * g.rowDirection[axis] + world[1] * g.columnDirection[axis] + world[2] * g.sliceDirection[axis];
    return p;
}

// World coordinates are the volume's axes in mm from voxel (0,0,0): patient = origin + R * world.
Vec3 SliceViewer::patientToWorld(const Vec3& patient) const {
    const Vec3& o = m_volume->geometry.origin;
    return toWorld({patient[0] - o[0], patient[1] - o[1], patient[2] - o[2]});
}

Vec3 SliceViewer::worldToPatient(const Vec3& world) const {
    const Vec3 offset = directionToPatient(world);
    const Vec3& origin = m_volume->geometry.origin;
    return {origin[0] + offset[0], origin[1] + offset[1], origin[2] + offset[2]};
}

void SliceViewer::setViewPlane(ViewPlane plane) {
    if (!m_volume) return;
    m_plane = plane;
    m_oblique = false;
    const auto [look, up] = planeAxes(plane);
    applyPlaneAxes(look, up);
}

void SliceViewer::setPlaneOrientation(ViewPlane base, const Vec3& lookPatient, const Vec3& upPatient) {
    if (!m_volume) return;
    const Vec3 look = normalized(toWorld(lookPatient));
    Vec3 up = toWorld(upPatient);
    up = normalized({up[0] - dot(up, look) * look[0], up[1] - dot(up, look) * look[1], up[2] - dot(up, look) * look[2]});
    const auto [standardLook, standardUp] = planeAxes(base);
    m_plane = base;
    m_oblique = std::abs(dot(look, standardLook)) < 0.99999 || dot(up, standardUp) < 0.99999;
    applyPlaneAxes(look, up);
}

void SliceViewer::applyPlaneAxes(const Vec3& look, const Vec3& up) {
    m_look = look;
    m_up = up;
    const VolumeGeometry& g = m_volume->geometry;
    const auto [low, high] = extentAlong(g, m_look);
    double inverseSquare = 0;  // distance between lattice planes crossed along the look direction
    for (int axis = 0; axis < 3; ++axis) inverseSquare += std::pow(m_look[axis] / g.spacing[axis], 2);
    m_sliceStep = 1 / std::sqrt(inverseSquare);
    m_firstSlice = low;
    m_sliceCount = static_cast<int>(std::floor((high - low) / m_sliceStep + 0.5)) + 1;
    m_slice = m_sliceCount / 2;
    fitCamera();
    updateOverlay();
    requestRender();
    emit sliceChanged(m_slice, m_sliceCount);
}

Vec3 SliceViewer::lookDirection() const { return m_volume ? directionToPatient(m_look) : Vec3{0, 0, 1}; }
Vec3 SliceViewer::upDirection() const { return m_volume ? directionToPatient(m_up) : Vec3{0, -1, 0}; }

void SliceViewer::setSliceThrough(const Vec3& patient) {
    if (!m_volume) return;
    const Vec3 world = patientToWorld(patient);
    setSlice(static_cast<int>(std::lround((dot(world, m_look) - m_firstSlice) / m_sliceStep)));
}

Vec3 SliceViewer::nearestOnPlane(const Vec3& patient) const {
    if (!m_volume) return patient;
    Vec3 world = patientToWorld(patient);
    const double shift = m_firstSlice + m_slice * m_sliceStep - dot(world, m_look);
    for (int axis = 0; axis < 3; ++axis) world[axis] += shift * m_look[axis];
    return worldToPatient(world);
}

std::pair<Vec3, Vec3> SliceViewer::planeAxes(ViewPlane plane) const {
    const ViewAxes axes = viewAxes(plane);
    return {normalized(toWorld(axes.lookDirection)), normalized(toWorld(axes.up))};
}

void SliceViewer::setSlice(int index) {
    if (!m_volume) return;
    const int clamped = std::clamp(index, 0, m_sliceCount - 1);
    if (clamped == m_slice) return;
    m_slice = clamped;
    placeCamera();
    updateOverlay();
    requestRender();
    emit sliceChanged(m_slice, m_sliceCount);
}

// Moves the focal plane to the current slice; pan and zoom stay.
void SliceViewer::placeCamera() {
    vtkCamera* camera = renderer()->GetActiveCamera();
    Vec3 focal;
    camera->GetFocalPoint(focal.data());
    const double shift = m_firstSlice + m_slice * m_sliceStep - dot(focal, m_look);
    for (int axis = 0; axis < 3; ++axis) focal[axis] += shift * m_look[axis];
    const double distance = 1000 + extentAlong(m_volume->geometry, m_look).second - extentAlong(m_volume->geometry, m_look).first;
    camera->SetFocalPoint(focal.data());
    camera->SetPosition(focal[0] - distance * m_look[0], focal[1] - distance * m_look[1], focal[2] - distance * m_look[2]);
    camera->SetViewUp(m_up.data());
    renderer()->ResetCameraClippingRange();
}

double SliceViewer::slicePosition() const {
    if (!m_volume) return 0;
    vtkCamera* camera = renderer()->GetActiveCamera();
    Vec3 focal;
    camera->GetFocalPoint(focal.data());
    return dot(worldToPatient(focal), viewAxes(m_plane).lookDirection) * (m_plane == ViewPlane::Sagittal ? -1 : 1);
}

// Positions along the view normal are affine in the slice index: patient coordinate =
// sign * (origin . look + first + index * step), the sign being sagittal's (see slicePosition).
void SliceViewer::setSlicePosition(double position) {
    if (!m_volume) return;
    const double sign = m_plane == ViewPlane::Sagittal ? -1 : 1;
    const double alongLook = sign * position - dot(m_volume->geometry.origin, viewAxes(m_plane).lookDirection);
    setSlice(static_cast<int>(std::lround((alongLook - m_firstSlice) / m_sliceStep)));
}

void SliceViewer::fitCamera() {
    if (!m_volume) return;
    const VolumeGeometry& g = m_volume->geometry;
    Vec3 centre;
    for (int axis = 0; axis < 3; ++axis) centre[axis] = (g.dimensions[axis] - 1) * g.spacing[axis] / 2;
    renderer()->GetActiveCamera()->SetFocalPoint(centre.data());
    placeCamera();
    const auto [bottom, top] = extentAlong(g, m_up);
    const auto [left, right] = extentAlong(g, cross(m_look, m_up));
    const double aspect = height() > 0 ? static_cast<double>(width()) / height() : 1.0;
    renderer()->GetActiveCamera()->SetParallelScale(std::max(top - bottom, (right - left) / aspect) / 2 * 1.02);
    updateScaleBar();
}

double SliceViewer::windowCenter() const { return m_imageSlice->GetProperty()->GetColorLevel(); }
double SliceViewer::windowWidth() const { return m_imageSlice->GetProperty()->GetColorWindow(); }

void SliceViewer::setWindow(double center, double width) {
    if (m_voiLut >= 0) {
        m_voiLut = -1;
        applyLookupTable();
    }
    m_imageSlice->GetProperty()->SetColorLevel(center);
    m_imageSlice->GetProperty()->SetColorWindow(std::max(1.0, width));
    updateOverlay();
    requestRender();
    emit windowChanged(windowCenter(), windowWidth());
}

const std::vector<WindowPreset>& SliceViewer::ctPresets() {
    static const std::vector<WindowPreset> presets = {
        {tr("Brain"), 40, 80},         {tr("Subdural"), 75, 215},  {tr("Stroke"), 40, 40},  {tr("Lung"), -600, 1500},
        {tr("Mediastinum"), 50, 350},  {tr("Abdomen"), 50, 400},   {tr("Liver"), 30, 150},     {tr("Bone"), 400, 1800}};
    return presets;
}

std::vector<WindowPreset> SliceViewer::presets() const {
    std::vector<WindowPreset> all;
    if (!m_volume) return all;
    for (const auto& w : m_volume->description.windows)
        all.push_back({w.explanation.isEmpty() ? tr("File window") : w.explanation, w.center, w.width});
    const auto& luts = m_volume->description.voiLuts;
    for (size_t i = 0; i < luts.size(); ++i)
        all.push_back({tr("VOI LUT %1").arg(luts[i].explanation.isEmpty() ? QString::number(i + 1) : luts[i].explanation), 0, 0, static_cast<int>(i)});
    if (m_volume->description.modality == QLatin1String("CT")) all.insert(all.end(), ctPresets().begin(), ctPresets().end());
    return all;
}

// Inverted relative to the file's own convention: MONOCHROME1 images (low values white, as
// on film) are drawn with the inverted ramp unless the reader inverts them.
void SliceViewer::setInverted(bool inverted) {
    m_inverted = inverted;
    applyLookupTable();
    updateOverlay();
    requestRender();
}

void SliceViewer::applyPreset(const WindowPreset& preset) {
    if (preset.voiLut < 0 || !m_volume || preset.voiLut >= static_cast<int>(m_volume->description.voiLuts.size()))
        return setWindow(preset.center, preset.width);
    m_voiLut = preset.voiLut;
    applyLookupTable();
    updateOverlay();
    requestRender();
    emit windowChanged(windowCenter(), windowWidth());
}

// A VOI LUT maps modality values to greys through its table (clamped at both ends); a window
// is a linear ramp, white to black when inverted (MONOCHROME1 shows inverted by default).
void SliceViewer::applyLookupTable() {
    vtkImageProperty* property = m_imageSlice->GetProperty();
    const bool colour = m_volume && m_volume->isColour();  // a grey ramp would replace the colours
    const bool monochrome1 = m_volume && m_volume->description.photometricInterpretation == QLatin1String("MONOCHROME1");
    const bool invert = m_inverted != monochrome1 && !colour;
    if (m_voiLut >= 0 && m_volume) {
        const ImageDescription::VoiLut& lut = m_volume->description.voiLuts[static_cast<size_t>(m_voiLut)];
        const double top = std::ldexp(1.0, lut.bits) - 1;
        m_voiTable->SetNumberOfTableValues(static_cast<vtkIdType>(lut.data.size()));
        for (size_t i = 0; i < lut.data.size(); ++i) {
            const double grey = std::clamp(lut.data[i] / top, 0.0, 1.0);
            const double shown = invert ? 1 - grey : grey;
            m_voiTable->SetTableValue(static_cast<vtkIdType>(i), shown, shown, shown, 1);
        }
        m_voiTable->SetTableRange(lut.firstMapped, lut.firstMapped + std::max<double>(1, double(lut.data.size()) - 1));
        property->SetLookupTable(m_voiTable);
        property->UseLookupTableScalarRangeOn();
        return;
    }
    property->UseLookupTableScalarRangeOff();
    property->SetLookupTable(invert ? m_invertedTable.Get() : nullptr);
}

void SliceViewer::setSlab(SlabMode mode, double thicknessMm) {
    m_slabMode = mode;
    const double depth = m_volume ? (m_sliceCount - 1) * m_sliceStep + m_sliceStep : thicknessMm;  // a slab never exceeds the volume
    m_slabThickness = mode == SlabMode::None ? 0 : std::clamp(thicknessMm, 0.0, depth);
    m_mapper->SetSlabThickness(m_slabThickness);
    // A slab is computed on the CPU for every frame: at the volume's own resolution (the GPU
    // then scales the texture) and one sample per slice spacing, not at every screen pixel
    // and two per spacing (VTK's defaults): 4-8x fewer samples in a 1024x1024 view.
    const bool slab = mode != SlabMode::None;
    m_mapper->SetResampleToScreenPixels(!slab);
    m_mapper->SetSlabSampleFactor(slab ? 1 : 2);
    switch (mode) {
    case SlabMode::Minimum: m_mapper->SetSlabTypeToMin(); break;
    case SlabMode::Mean: m_mapper->SetSlabTypeToMean(); break;
    case SlabMode::Maximum:
    case SlabMode::None: m_mapper->SetSlabTypeToMax(); break;
    }
    updateOverlay();
    requestRender();
}

double SliceViewer::zoomFactor() const {
    if (!m_volume) return 1;
    const double pixelMm = std::min(m_volume->geometry.spacing[0], m_volume->geometry.spacing[1]);
    const double deviceHeight = height() * devicePixelRatioF();
    return deviceHeight * pixelMm / (2 * renderer()->GetActiveCamera()->GetParallelScale());
}

void SliceViewer::setZoomFactor(double factor) {
    if (!m_volume || factor <= 0) return;
    const double pixelMm = std::min(m_volume->geometry.spacing[0], m_volume->geometry.spacing[1]);
    renderer()->GetActiveCamera()->SetParallelScale(height() * devicePixelRatioF() * pixelMm / (2 * factor));
    updateOverlay();
    requestRender();
}

void SliceViewer::resetView() {
    setWindow(m_initialCenter, m_initialWidth);
    // A file with VOI LUTs and no window means its first LUT (PS3.3 C.11.2).
    if (m_volume && m_volume->description.windows.empty() && !m_volume->description.voiLuts.empty()) applyPreset({{}, 0, 0, 0});
    fitCamera();
    updateOverlay();
    requestRender();
}

void SliceViewer::setOverlayVisible(bool visible) {
    m_overlayVisible = visible;
    for (auto& text : m_overlay) text->SetVisibility(visible);
    m_warnings->VisibilityOn();  // a doubtful geometry is never hidden
    updateScaleBarVisibility();
    requestRender();
}

// With the overlay, and only over an image: an empty viewer has nothing to measure.
void SliceViewer::updateScaleBarVisibility() {
    for (vtkProp* prop : std::initializer_list<vtkProp*>{m_scaleBar, m_scaleBarText}) prop->SetVisibility(m_overlayVisible && m_volume);
}

// Eight texts of a fixed size (corners and edge midpoints). Fixed, not fitted to the view
// like vtkCornerAnnotation's: fitting measured every text again at each change, which took
// most of a frame on software OpenGL.
void SliceViewer::createOverlayTexts() {
    struct Place {
        double x, y;
        bool left, right, top, bottom;
    };
    const Place places[kOverlayPlaces] = {{0.006, 0.994, true, false, true, false}, {0.994, 0.994, false, true, true, false},
                                          {0.006, 0.006, true, false, false, true}, {0.994, 0.006, false, true, false, true},
                                          {0.006, 0.5, true, false, false, false},  {0.994, 0.5, false, true, false, false},
                                          {0.5, 0.994, false, false, true, false},  {0.5, 0.006, false, false, false, true}};
    for (int i = 0; i < kOverlayPlaces; ++i) {
        vtkTextProperty* text = m_overlay[i]->GetTextProperty();
        text->SetFontSize(static_cast<int>(14 * devicePixelRatioF()));
        text->SetColor(0.95, 0.95, 0.80);
        text->ShadowOn();
        text->SetJustification(places[i].left ? VTK_TEXT_LEFT : places[i].right ? VTK_TEXT_RIGHT : VTK_TEXT_CENTERED);
        text->SetVerticalJustification(places[i].top ? VTK_TEXT_TOP : places[i].bottom ? VTK_TEXT_BOTTOM : VTK_TEXT_CENTERED);
        m_overlay[i]->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        m_overlay[i]->SetPosition(places[i].x, places[i].y);
        renderer()->AddViewProp(m_overlay[i]);
    }
    vtkTextProperty* warning = m_warnings->GetTextProperty();
    warning->SetFontSize(static_cast<int>(14 * devicePixelRatioF()));
    warning->SetColor(1.0, 0.55, 0.1);
    warning->SetBold(true);
    warning->ShadowOn();
    warning->SetJustificationToCentered();
    warning->SetVerticalJustificationToTop();
    m_warnings->GetPositionCoordinate()->SetCoordinateSystemToViewport();
    placeGeometryWarning();
    renderer()->AddViewProp(m_warnings);
    vtkTextProperty* hint = m_emptyHint->GetTextProperty();
    hint->SetFontSize(static_cast<int>(16 * devicePixelRatioF()));
    hint->SetColor(0.6, 0.6, 0.6);
    hint->SetJustificationToCentered();
    hint->SetVerticalJustificationToCentered();
    m_emptyHint->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m_emptyHint->SetPosition(0.5, 0.5);
    m_emptyHint->VisibilityOff();
    renderer()->AddViewProp(m_emptyHint);
}

// Nothing of the series that was shown stays (its patient's name least of all).
void SliceViewer::showEmpty() {
    m_imageSlice->VisibilityOff();
    for (auto& text : m_overlay) text->SetInput("");
    m_warnings->SetInput("");
    updateMeasurementGraphics();
    updateScaleBarVisibility();
    m_emptyHint->SetInput(tr("Double-click a series in the browser, or drag it here\n(File > Import to add studies)").toUtf8().constData());
    m_emptyHint->VisibilityOn();
    requestRender();
}

QStringList SliceViewer::overlayTexts() const {
    QStringList texts;
    for (const auto& text : m_overlay)
        if (text->GetInput() && *text->GetInput()) texts << QString::fromUtf8(text->GetInput());
    return texts;
}

QString SliceViewer::geometryWarningText() const {
    return m_volume ? m_volume->geometryWarnings.join(QLatin1Char('\n')) : QString();
}

SideLabels SliceViewer::sideLabels() const {
    if (!m_volume || !m_volume->placedInPatient) return {};  // a radiograph: no direction known
    return telerad::sideLabels(directionToPatient(cross(m_look, m_up)), directionToPatient(scaled(m_up, -1)));
}

QString SliceViewer::scaleBarLabel() const { return m_scaleBarLabel; }

void SliceViewer::setCineRate(double framesPerSecond) {
    m_cineRate = std::max(0.0, framesPerSecond);
    if (m_cineRate == 0) return m_cine->stop();
    m_cine->start(static_cast<int>(1000 / m_cineRate));
}

Vec3 SliceViewer::worldPointAt(const QPointF& widgetPosition) const {
    const double ratio = devicePixelRatioF();
    vtkRenderer* r = renderer();
    r->SetDisplayPoint(widgetPosition.x() * ratio, height() * ratio - widgetPosition.y() * ratio, 0);
    r->DisplayToWorld();
    double world[4];
    r->GetWorldPoint(world);
    Vec3 point{world[0] / world[3], world[1] / world[3], world[2] / world[3]};
    const double shift = m_firstSlice + m_slice * m_sliceStep - dot(point, m_look);  // onto the slice plane
    for (int axis = 0; axis < 3; ++axis) point[axis] += shift * m_look[axis];
    return point;
}

Probe SliceViewer::probe(const QPointF& widgetPosition) const {
    Probe probe;
    if (!m_volume) return probe;
    const VolumeGeometry& g = m_volume->geometry;
    const Vec3 world = worldPointAt(widgetPosition);
    probe.patient = worldToPatient(world);
    std::array<int, 3> nearest{};
    probe.inside = true;
    for (int axis = 0; axis < 3; ++axis) {
        probe.voxel[axis] = world[axis] / g.spacing[axis];
        nearest[axis] = static_cast<int>(std::lround(probe.voxel[axis]));
        probe.inside = probe.inside && nearest[axis] >= 0 && nearest[axis] < g.dimensions[axis];
    }
    if (probe.inside) probe.value = m_volume->valueAt(nearest[0], nearest[1], nearest[2]);
    return probe;
}

double SliceViewer::distanceMm(const QPointF& a, const QPointF& b) const {
    if (!m_volume) return 0;
    const Vec3 p = worldPointAt(a), q = worldPointAt(b);
    return std::sqrt(dot({p[0] - q[0], p[1] - q[1], p[2] - q[2]}, {p[0] - q[0], p[1] - q[1], p[2] - q[2]}));
}

QPointF SliceViewer::widgetPositionOf(const Vec3& patient) const {
    if (!m_volume) return {};
    const Vec3 world = patientToWorld(patient);
    vtkRenderer* r = renderer();
    r->SetWorldPoint(world[0], world[1], world[2], 1);
    r->WorldToDisplay();
    double display[3];
    r->GetDisplayPoint(display);
    const double ratio = devicePixelRatioF();
    return {display[0] / ratio, height() - display[1] / ratio};
}

void SliceViewer::setMeasuring(bool on, MeasureTool tool) {
    if (m_angleOpen || m_dragStart) m_measurements.pop_back();  // an unfinished one
    m_angleOpen = false;
    m_measuring = on;
    m_tool = tool;
    m_dragStart.reset();
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

QString SliceViewer::valueUnit() const {
    return m_volume && m_volume->description.modality == QLatin1String("CT") ? QStringLiteral("HU") : QString();
}

void SliceViewer::measure(const QPointF& from, const QPointF& to) {
    if (!m_volume) return;
    Measurement m = newMeasurement(m_tool, worldPointAt(from), worldPointAt(to), worldPointAt(to));
    if (m_tool == MeasureTool::Ellipse || m_tool == MeasureTool::Rectangle) m.region = regionStatistics(m_tool, m_plane, m.from, m.to);
    m_measurements.push_back(m);
    finishMeasurement();
}

void SliceViewer::addArrow(const QPointF& tail, const QPointF& head, const QString& text) {
    if (!m_volume || text.trimmed().isEmpty()) return;
    m_measurements.push_back(newMeasurement(MeasureTool::Arrow, worldPointAt(tail), worldPointAt(head), worldPointAt(head), text.trimmed()));
    finishMeasurement();
}

void SliceViewer::measureAngle(const QPointF& first, const QPointF& vertex, const QPointF& second) {
    if (!m_volume) return;
    m_measurements.push_back(newMeasurement(MeasureTool::Angle, worldPointAt(first), worldPointAt(vertex), worldPointAt(second)));
    finishMeasurement();
}

// The last measurement is complete: shown, said, and to be saved.
void SliceViewer::finishMeasurement() {
    updateMeasurementGraphics();
    requestRender();
    const Measurement& m = m_measurements.back();
    const QString kind = m.tool == MeasureTool::Distance ? tr("Distance") : m.tool == MeasureTool::Ellipse ? tr("Ellipse")
                       : m.tool == MeasureTool::Rectangle ? tr("Rectangle") : m.tool == MeasureTool::Angle ? tr("Angle") : tr("Arrow:");
    emit measured(QStringLiteral("%1 %2").arg(kind, m.describe(valueUnit())));
    emit annotationsChanged();
}

// Samples the slice plane inside the region on a grid of half the finest voxel spacing; each
// sample takes the nearest voxel's stored value. The area is the shape's own (exact).
RegionStatistics SliceViewer::regionStatistics(MeasureTool tool, ViewPlane plane, const Vec3& from, const Vec3& to) const {
    RegionStatistics stats;
    const VolumeGeometry& g = m_volume->geometry;
    const auto [look, up] = planeAxes(plane);
    const Vec3 right = cross(look, up);
    const double u0 = dot(from, right), u1 = dot(to, right), v0 = dot(from, up), v1 = dot(to, up);
    const double halfU = std::abs(u1 - u0) / 2, halfV = std::abs(v1 - v0) / 2, cu = (u0 + u1) / 2, cv = (v0 + v1) / 2;
    stats.areaMm2 = tool == MeasureTool::Ellipse ? M_PI * halfU * halfV : 4 * halfU * halfV;
    const double step = std::min({g.spacing[0], g.spacing[1], g.spacing[2]}) / 2;
    double sum = 0, sumSquares = 0;
    stats.minimum = 1e300, stats.maximum = -1e300;
    for (double u = cu - halfU; u <= cu + halfU; u += step)
        for (double v = cv - halfV; v <= cv + halfV; v += step) {
            if (tool == MeasureTool::Ellipse && std::pow((u - cu) / std::max(halfU, 1e-9), 2) + std::pow((v - cv) / std::max(halfV, 1e-9), 2) > 1) continue;
            Vec3 p = from;
            for (int axis = 0; axis < 3; ++axis) p[axis] += (u - u0) * right[axis] + (v - v0) * up[axis];
            std::array<int, 3> voxel{};
            bool inside = true;
            for (int axis = 0; axis < 3; ++axis) {
                voxel[axis] = static_cast<int>(std::lround(p[axis] / g.spacing[axis]));
                inside = inside && voxel[axis] >= 0 && voxel[axis] < g.dimensions[axis];
            }
            if (!inside) continue;
            const double value = m_volume->valueAt(voxel[0], voxel[1], voxel[2]);
            sum += value, sumSquares += value * value, ++stats.samples;
            stats.minimum = std::min(stats.minimum, value), stats.maximum = std::max(stats.maximum, value);
        }
    if (stats.samples == 0) return RegionStatistics{0, 0, 0, 0, stats.areaMm2, 0};
    stats.mean = sum / stats.samples;
    stats.standardDeviation = std::sqrt(std::max(0.0, sumSquares / stats.samples - stats.mean * stats.mean));
    return stats;
}

// The measurement's outline in world points: a segment, a rectangle or a 64-sided ellipse.
std::vector<Vec3> SliceViewer::outline(const Measurement& m) const {
    if (m.tool == MeasureTool::Distance) return {m.from, m.to};
    if (m.tool == MeasureTool::Angle) return {m.from, m.to, m.third};
    const auto [look, up] = planeAxes(m.plane);
    if (m.tool == MeasureTool::Arrow) {  // the shaft, then a barb on each side of the head
        const Vec3 back = normalized({m.from[0] - m.to[0], m.from[1] - m.to[1], m.from[2] - m.to[2]});
        const Vec3 side = cross(look, back);
        const double barb = std::min(4.0, m.millimetres() / 3);
        Vec3 left = m.to, right = m.to;
        for (int axis = 0; axis < 3; ++axis) {
            left[axis] += barb * (back[axis] * 0.87 + side[axis] * 0.5);
            right[axis] += barb * (back[axis] * 0.87 - side[axis] * 0.5);
        }
        return {m.from, m.to, left, m.to, right};
    }
    const Vec3 right = cross(look, up);
    const double du = dot(m.to, right) - dot(m.from, right), dv = dot(m.to, up) - dot(m.from, up);
    const auto at = [&](double fu, double fv) {  // fractions of the box, 0..1
        Vec3 p = m.from;
        for (int axis = 0; axis < 3; ++axis) p[axis] += fu * du * right[axis] + fv * dv * up[axis];
        return p;
    };
    std::vector<Vec3> points;
    if (m.tool == MeasureTool::Rectangle) return {at(0, 0), at(1, 0), at(1, 1), at(0, 1), at(0, 0)};
    for (int i = 0; i <= 64; ++i) points.push_back(at(0.5 + 0.5 * std::cos(i * M_PI / 32), 0.5 + 0.5 * std::sin(i * M_PI / 32)));
    return points;
}

void SliceViewer::clearMeasurements() {
    m_measurements.clear();
    updateMeasurementGraphics();
    requestRender();
    emit annotationsChanged();
}

namespace {

const std::pair<MeasureTool, const char*> kToolNames[] = {{MeasureTool::Distance, "distance"}, {MeasureTool::Ellipse, "ellipse"},
                                                          {MeasureTool::Rectangle, "rectangle"}, {MeasureTool::Angle, "angle"},
                                                          {MeasureTool::Arrow, "arrow"}};

QJsonArray jsonOf(const Vec3& v) { return {v[0], v[1], v[2]}; }
Vec3 vecOf(const QJsonValue& value) {
    const QJsonArray a = value.toArray();
    return {a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble()};
}
ViewPlane planeOf(const QString& name) {
    for (ViewPlane p : {ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal})
        if (viewPlaneName(p) == name) return p;
    return ViewPlane::Axial;
}

}  // namespace

QByteArray SliceViewer::annotations() const {
    if (m_measurements.empty() && m_keyImages.empty()) return {};
    QJsonArray measurements, keyImages;
    for (const Measurement& m : m_measurements) {
        const auto tool = std::find_if(std::begin(kToolNames), std::end(kToolNames), [&](const auto& t) { return t.first == m.tool; });
        measurements.append(QJsonObject{{QStringLiteral("tool"), QLatin1String(tool->second)}, {QStringLiteral("plane"), viewPlaneName(m.plane)},
                                        {QStringLiteral("slice"), m.slice}, {QStringLiteral("from"), jsonOf(m.from)}, {QStringLiteral("to"), jsonOf(m.to)},
                                        {QStringLiteral("third"), jsonOf(m.third)}, {QStringLiteral("text"), m.text},
                                        {QStringLiteral("obliqueLook"), jsonOf(m.obliqueLook)}});
    }
    for (const KeyImage& k : m_keyImages)
        keyImages.append(QJsonObject{{QStringLiteral("plane"), viewPlaneName(k.plane)}, {QStringLiteral("slice"), k.slice}, {QStringLiteral("location"), k.location}});
    return QJsonDocument(QJsonObject{{QStringLiteral("measurements"), measurements}, {QStringLiteral("keyImages"), keyImages}}).toJson(QJsonDocument::Compact);
}

void SliceViewer::restoreAnnotations(const QByteArray& json) {
    m_measurements.clear();
    m_keyImages.clear();
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    for (const QJsonValue& value : root.value(QStringLiteral("measurements")).toArray()) {
        const QJsonObject o = value.toObject();
        Measurement m{MeasureTool::Distance, planeOf(o.value(QStringLiteral("plane")).toString()), o.value(QStringLiteral("slice")).toInt(),
                      vecOf(o.value(QStringLiteral("from"))), vecOf(o.value(QStringLiteral("to"))), {}, vecOf(o.value(QStringLiteral("third"))),
                      o.value(QStringLiteral("text")).toString()};
        for (const auto& [tool, name] : kToolNames)
            if (o.value(QStringLiteral("tool")).toString() == QLatin1String(name)) m.tool = tool;
        if (o.contains(QStringLiteral("obliqueLook"))) m.obliqueLook = vecOf(o.value(QStringLiteral("obliqueLook")));
        if ((m.tool == MeasureTool::Ellipse || m.tool == MeasureTool::Rectangle) && m_volume) m.region = regionStatistics(m.tool, m.plane, m.from, m.to);
        m_measurements.push_back(m);
    }
    for (const QJsonValue& value : root.value(QStringLiteral("keyImages")).toArray()) {
        const QJsonObject o = value.toObject();
        m_keyImages.push_back({planeOf(o.value(QStringLiteral("plane")).toString()), o.value(QStringLiteral("slice")).toInt(),
                               o.value(QStringLiteral("location")).toDouble()});
    }
    updateOverlay();
    requestRender();
}

void SliceViewer::toggleKeyImage() {
    if (!m_volume) return;
    const auto same = [this](const KeyImage& k) { return k.plane == m_plane && k.slice == m_slice; };
    if (std::erase_if(m_keyImages, same) == 0) m_keyImages.push_back({m_plane, m_slice, slicePosition()});
    updateOverlay();
    requestRender();
    emit annotationsChanged();
}

QStringList SliceViewer::findingsText() const {
    QStringList lines;
    for (const Measurement& m : m_measurements) {
        const QString kind = m.tool == MeasureTool::Distance ? tr("Distance") : m.tool == MeasureTool::Ellipse ? tr("Ellipse ROI:")
                           : m.tool == MeasureTool::Rectangle ? tr("Rectangle ROI:") : m.tool == MeasureTool::Angle ? tr("Angle") : tr("Arrow:");
        lines << tr("%1 %2 (%3 image %4)").arg(kind, m.describe(valueUnit()), viewPlaneName(m.plane)).arg(m.slice + 1);
    }
    for (const KeyImage& k : m_keyImages)
        lines << tr("Key image: %1 image %2, location %3 mm").arg(viewPlaneName(k.plane)).arg(k.slice + 1).arg(k.location, 0, 'f', 1);
    return lines;
}

Vec3 SliceViewer::displayOf(const Vec3& world) const {
    vtkRenderer* r = renderer();
    r->SetWorldPoint(world[0], world[1], world[2], 1);
    r->WorldToDisplay();
    Vec3 display;
    r->GetDisplayPoint(display.data());
    return display;
}

// The measurements of the slice on screen, as lines and labels in display coordinates:
// recomputed after every pan, zoom or scroll so they stay on their anatomy.
void SliceViewer::updateMeasurementGraphics() {
    auto* lines = vtkPolyData::SafeDownCast(m_measurementLines->GetMapper()->GetInputDataObject(0, 0));
    vtkNew<vtkCellArray> cells;
    m_measurementPoints->Reset();
    for (auto& label : m_measurementLabels) label->VisibilityOff();
    size_t shown = 0;
    for (const Measurement& m : m_measurements) {
        if (!onScreen(m)) continue;
        std::vector<vtkIdType> ids;
        for (const Vec3& world : outline(m)) {
            const Vec3 d = displayOf(world);
            ids.push_back(m_measurementPoints->InsertNextPoint(d[0], d[1], 0));
        }
        cells->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
        const Vec3 b = displayOf(m.tool == MeasureTool::Arrow ? m.from : m.to);  // an arrow's text sits at its tail
        if (shown == m_measurementLabels.size()) {
            m_measurementLabels.push_back(vtkSmartPointer<vtkTextActor>::New());
            m_measurementLabels.back()->GetTextProperty()->SetColor(1.0, 0.85, 0.1);
            m_measurementLabels.back()->GetTextProperty()->SetFontSize(static_cast<int>(14 * devicePixelRatioF()));
            m_measurementLabels.back()->GetTextProperty()->ShadowOn();
            renderer()->AddViewProp(m_measurementLabels.back());
        }
        vtkTextActor* label = m_measurementLabels[shown++];
        const bool region = m.tool == MeasureTool::Ellipse || m.tool == MeasureTool::Rectangle;
        const QString text = !region
                                 ? m.describe(valueUnit())
                                 : QStringLiteral("%1 \u00b1 %2 %3\n%4 mm\u00b2").arg(m.region.mean, 0, 'f', 1).arg(m.region.standardDeviation, 0, 'f', 1)
                                       .arg(valueUnit()).arg(m.region.areaMm2, 0, 'f', 1);  // short on the image; the status bar has it all
        label->SetInput(text.toUtf8().constData());
        label->SetDisplayPosition(static_cast<int>(b[0] + 6), static_cast<int>(b[1] + 6));
        label->VisibilityOn();
    }
    if (lines) {
        lines->SetLines(cells);
        lines->Modified();
    }
    m_measurementPoints->Modified();
}

Measurement SliceViewer::newMeasurement(MeasureTool tool, const Vec3& from, const Vec3& to, const Vec3& third, const QString& text) const {
    Measurement m{tool, m_plane, m_slice, from, to, {}, third, text};
    if (m_oblique) m.obliqueLook = m_look;
    return m;
}

// Shown on the slice it was made on: same plane and index, and for oblique planes the same
// orientation (an oblique slice 40 is not the standard slice 40).
bool SliceViewer::onScreen(const Measurement& m) const {
    if (m.plane != m_plane || m.slice != m_slice) return false;
    const bool madeOblique = dot(m.obliqueLook, m.obliqueLook) > 0;
    return madeOblique == m_oblique && (!m_oblique || dot(m.obliqueLook, m_look) > 0.99999);
}

void SliceViewer::setCrosshair(const Vec3& centre, const std::vector<std::pair<Vec3, QColor>>& directions) {
    m_crosshairCentre = centre;
    m_crosshairDirections = directions;
    updateCrosshairGraphics();
    requestRender();
}

void SliceViewer::updateCrosshairGraphics() {
    if (!m_volume) return m_crosshair->show({});
    const Vec3 centreWorld = patientToWorld(m_crosshairCentre);
    const Vec3 c = displayOf(centreWorld);
    std::vector<CrosshairOverlay::Line> lines;
    for (const auto& [direction, colour] : m_crosshairDirections) {
        const Vec3 along = toWorld(direction);
        const Vec3 end = displayOf({centreWorld[0] + 100 * along[0], centreWorld[1] + 100 * along[1], centreWorld[2] + 100 * along[2]});
        lines.push_back({{c[0], c[1]}, {end[0] - c[0], end[1] - c[1]}, colour});
    }
    m_crosshair->show(lines);
}

// Crosshair mode: a press or drag moves the centre; with Ctrl, the drag turns the other planes
// by the angle the mouse sweeps around the centre.
bool SliceViewer::handleCrosshairMouse(QMouseEvent* event) {
    if (!m_crosshairMode || !m_volume) return false;
    const bool press = event->type() == QEvent::MouseButtonPress && event->button() == Qt::LeftButton;
    const bool drag = event->type() == QEvent::MouseMove && (event->buttons() & Qt::LeftButton) && m_crosshairDrag;
    if (event->type() == QEvent::MouseButtonRelease && event->button() == Qt::LeftButton && m_crosshairDrag) {
        m_crosshairDrag.reset();
        return true;
    }
    if (!press && !drag) return false;
    if (event->modifiers() & Qt::ControlModifier) {
        if (drag) {
            const QPointF centre = widgetPositionOf(m_crosshairCentre);
            const QPointF a = *m_crosshairDrag - centre, b = event->position() - centre;
            // Widget y grows downwards: the screen's counter-clockwise is the negated angle.
            const double turn = -(std::atan2(b.y(), b.x()) - std::atan2(a.y(), a.x()));
            emit crosshairTurned(std::remainder(turn, 2 * M_PI));
        }
    } else {
        emit crosshairMoved(worldToPatient(worldPointAt(event->position())));
    }
    m_crosshairDrag = event->position();
    return true;
}

void SliceViewer::mousePressEvent(QMouseEvent* event) {
    if (handleCrosshairMouse(event)) return;
    if (!m_measuring || event->button() != Qt::LeftButton || !m_volume) return VtkOpenGLWidget::mousePressEvent(event);
    if (m_angleOpen) {  // this click ends the angle's second arm
        m_angleOpen = false;
        m_measurements.back().third = worldPointAt(event->position());
        return finishMeasurement();
    }
    m_dragStart = event->position();
    const Vec3 at = worldPointAt(event->position());
    m_measurements.push_back(newMeasurement(m_tool, at, at, at));
}

void SliceViewer::mouseReleaseEvent(QMouseEvent* event) {
    if (handleCrosshairMouse(event)) return;
    if (!m_dragStart || event->button() != Qt::LeftButton) return VtkOpenGLWidget::mouseReleaseEvent(event);
    const QPointF start = *m_dragStart;
    m_dragStart.reset();
    const bool dragged = QLineF(start, event->position()).length() >= 3;  // a click is not a measurement
    if (m_tool == MeasureTool::Arrow && dragged) {
        m_measurements.pop_back();
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Arrow"), tr("Text of the arrow:"), QLineEdit::Normal, QString(), &ok);
        if (ok) addArrow(start, event->position(), text);
        updateMeasurementGraphics();
        return requestRender();
    }
    if (m_tool == MeasureTool::Angle && dragged) {
        m_angleOpen = true;  // the second arm follows the mouse until the next click
        m_measurements.back().to = m_measurements.back().third = worldPointAt(event->position());
        return;
    }
    m_measurements.pop_back();  // the line drawn while dragging
    if (dragged) measure(start, event->position());
    updateMeasurementGraphics();
    requestRender();
}

void SliceViewer::onInteraction() {
    updateOverlay();
    emit windowChanged(windowCenter(), windowWidth());
}

void SliceViewer::resizeGL(int width, int height) {
    VtkOpenGLWidget::resizeGL(width, height);
    updateScaleBar();
    placeGeometryWarning();
}

// Centred under the top corners' three lines (patient; study and series), which a long
// warning overwrote in a narrow viewport (a 2x2 or 3x3 layout, or in French).
void SliceViewer::placeGeometryWarning() {
    const double ratio = devicePixelRatioF(), deviceHeight = height() * ratio;
    const double line = 14 * ratio * 1.25;
    m_warnings->SetPosition(width() * ratio / 2, deviceHeight * 0.994 - 3.4 * line);
}

// A bar of a round length, about a fifth of the view wide, centred at the bottom.
void SliceViewer::updateScaleBar() {
    const double deviceWidth = width() * devicePixelRatioF(), deviceHeight = height() * devicePixelRatioF();
    if (!m_volume || deviceHeight <= 0) return;
    const double mmPerPixel = 2 * renderer()->GetActiveCamera()->GetParallelScale() / deviceHeight;
    const double lengthMm = roundLength(deviceWidth * mmPerPixel / 5);
    const double pixels = lengthMm / mmPerPixel, x0 = (deviceWidth - pixels) / 2, y0 = 28 * devicePixelRatioF(), tick = 6 * devicePixelRatioF();
    m_scaleBarPoints->SetNumberOfPoints(4);
    m_scaleBarPoints->SetPoint(0, x0, y0 + tick, 0);
    m_scaleBarPoints->SetPoint(1, x0, y0, 0);
    m_scaleBarPoints->SetPoint(2, x0 + pixels, y0, 0);
    m_scaleBarPoints->SetPoint(3, x0 + pixels, y0 + tick, 0);
    m_scaleBarPoints->Modified();
    m_scaleBarLabel = lengthMm >= 10 ? QStringLiteral("%1 cm").arg(lengthMm / 10) : QStringLiteral("%1 mm").arg(lengthMm);
    m_scaleBarText->SetInput(m_scaleBarLabel.toUtf8().constData());
    m_scaleBarText->SetDisplayPosition(static_cast<int>(deviceWidth / 2), static_cast<int>(y0 + tick));
}

void SliceViewer::updateOverlay() {
    if (!m_volume) return;
    updateScaleBar();
    const ImageDescription& d = m_volume->description;
    const QString topLeft = QStringLiteral("%1\nID: %2\n%3 %4").arg(displayPersonName(d.patientName), d.patientId, d.patientSex, d.patientAge);
    const QString topRight = QStringLiteral("%1\n%2\n%3").arg(d.studyDescription, formatDate(d.studyDate), d.seriesDescription);
    QString bottomLeft = QStringLiteral("%1 %2  Im: %3/%4\nLoc: %5 mm")
                             .arg(d.modality, !m_volume->placedInPatient ? QString()
                                              : m_oblique ? tr("%1 oblique").arg(viewPlaneName(m_plane)) : viewPlaneName(m_plane))
                             .arg(m_slice + 1)
                             .arg(m_sliceCount)
                             .arg(slicePosition(), 0, 'f', 1);
    if (m_slabMode != SlabMode::None) bottomLeft += QStringLiteral("\n%1 %2 mm").arg(slabModeName(m_slabMode)).arg(m_slabThickness, 0, 'f', 1);
    if (std::any_of(m_keyImages.begin(), m_keyImages.end(), [this](const KeyImage& k) { return k.plane == m_plane && k.slice == m_slice; }))
        bottomLeft += tr("\nKEY IMAGE");
    updateMeasurementGraphics();
    updateCrosshairGraphics();
    const QString windowText = m_voiLut >= 0 ? tr("VOI LUT %1").arg(m_volume->description.voiLuts[static_cast<size_t>(m_voiLut)].explanation)
                                             : QStringLiteral("W: %1  L: %2").arg(windowWidth(), 0, 'f', 0).arg(windowCenter(), 0, 'f', 0);
    const QString bottomRight = QStringLiteral("%1%2\nZoom: %3")
                                    .arg(windowText)
                                    .arg(m_inverted ? QStringLiteral("  INV") : QString())
                                    .arg(zoomFactor(), 0, 'f', 2);
    m_warnings->SetInput(geometryWarningText().toUtf8().constData());
    const SideLabels sides = sideLabels();
    const QString texts[kOverlayPlaces] = {topLeft, topRight, bottomLeft, bottomRight, sides.left, sides.right, sides.top, sides.bottom};
    for (int i = 0; i < kOverlayPlaces; ++i) {
        const QByteArray utf8 = texts[i].toUtf8();
        if (utf8 != m_overlay[i]->GetInput()) m_overlay[i]->SetInput(utf8.constData());  // unchanged text is not drawn again
    }
}

void SliceViewer::applyPresetByKey(int index) {
    const std::vector<WindowPreset> all = presets();
    if (index >= 0 && index < static_cast<int>(all.size())) applyPreset(all[static_cast<size_t>(index)]);
}

void SliceViewer::mouseMoveEvent(QMouseEvent* event) {
    const bool crosshairDrag = handleCrosshairMouse(event);  // the probe below follows the mouse in any case
    if (!crosshairDrag && (m_dragStart || m_angleOpen)) {
        (m_angleOpen ? m_measurements.back().third : m_measurements.back().to) = worldPointAt(event->position());
        updateMeasurementGraphics();
        requestRender();
    } else if (!crosshairDrag) {
        VtkOpenGLWidget::mouseMoveEvent(event);
    }
    if (!m_volume) return;
    const Probe p = probe(event->position());
    if (!p.inside) return emit probed(QString());
    emit probed(tr("%1 %2 at (%3, %4, %5) mm")
                    .arg(m_volume->description.modality == QLatin1String("CT") ? QStringLiteral("HU") : tr("value"))
                    .arg(p.value)
                    .arg(p.patient[0], 0, 'f', 1)
                    .arg(p.patient[1], 0, 'f', 1)
                    .arg(p.patient[2], 0, 'f', 1));
}

void SliceViewer::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    if (key >= Qt::Key_0 && key <= Qt::Key_9) return applyPresetByKey(key - Qt::Key_0);  // 0: the file's window
    switch (key) {
    case Qt::Key_Up: return setSlice(m_slice + 1);
    case Qt::Key_Down: return setSlice(m_slice - 1);
    case Qt::Key_PageUp: return setSlice(m_slice + 10);
    case Qt::Key_PageDown: return setSlice(m_slice - 10);
    case Qt::Key_Home: return setSlice(0);
    case Qt::Key_End: return setSlice(m_sliceCount - 1);
    case Qt::Key_A: return setViewPlane(ViewPlane::Axial);
    case Qt::Key_C: return setViewPlane(ViewPlane::Coronal);
    case Qt::Key_S: return setViewPlane(ViewPlane::Sagittal);
    case Qt::Key_M: return setSlab(static_cast<SlabMode>((static_cast<int>(m_slabMode) + 1) % 4), 10);
    case Qt::Key_I: return setInverted(!m_inverted);
    case Qt::Key_D: return setMeasuring(!(m_measuring && m_tool == MeasureTool::Distance), MeasureTool::Distance);
    case Qt::Key_E: return setMeasuring(!(m_measuring && m_tool == MeasureTool::Ellipse), MeasureTool::Ellipse);
    case Qt::Key_B: return setMeasuring(!(m_measuring && m_tool == MeasureTool::Rectangle), MeasureTool::Rectangle);
    case Qt::Key_N: return setMeasuring(!(m_measuring && m_tool == MeasureTool::Angle), MeasureTool::Angle);
    case Qt::Key_T: return setMeasuring(!(m_measuring && m_tool == MeasureTool::Arrow), MeasureTool::Arrow);
    case Qt::Key_K: return toggleKeyImage();
    case Qt::Key_Delete: return clearMeasurements();
    case Qt::Key_F: fitCamera(); updateOverlay(); return requestRender();
    case Qt::Key_Z: return setZoomFactor(1);
    case Qt::Key_Space: return setCineRate(m_cineRate > 0 ? 0 : 10);
    case Qt::Key_Plus: return setCineRate(std::min(60.0, m_cineRate + 5));
    case Qt::Key_Minus: return setCineRate(std::max(1.0, m_cineRate - 5));
    case Qt::Key_O: return setOverlayVisible(!m_overlayVisible);
    case Qt::Key_R: return resetView();
    default: VtkOpenGLWidget::keyPressEvent(event);
    }
}

}  // namespace telerad
