#include "SliceViewer.h"

#include "ReadingInteractorStyle.h"

#include "dicom/DicomText.h"

#include <QKeyEvent>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCornerAnnotation.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkTextProperty.h>

#include <algorithm>

namespace telerad {

namespace {

QString formatDate(const QString& dicomDate) {
    return dicomDate.size() == 8 ? dicomDate.left(4) + QLatin1Char('-') + dicomDate.mid(4, 2) +
                                       QLatin1Char('-') + dicomDate.mid(6, 2)
                                 : dicomDate;
}

}  // namespace

SliceViewer::SliceViewer(QWidget* parent) : VtkOpenGLWidget(parent) {
    m_style = vtkSmartPointer<ReadingInteractorStyle>::New();
    m_style->SetInteractionModeToImage2D();
    m_style->setScrollHandler([this](int step) { setSlice(m_slice + step); });
    interactor()->SetInteractorStyle(m_style);
    vtkNew<vtkCallbackCommand> onInteraction;
    onInteraction->SetClientData(this);
    onInteraction->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        static_cast<SliceViewer*>(self)->onInteraction();
    });
    m_style->AddObserver(vtkCommand::InteractionEvent, onInteraction);

    m_mapper->SetInputData(m_image);
    m_mapper->SetOrientationToZ();
    m_mapper->SliceAtFocalPointOff();
    m_mapper->SliceFacesCameraOff();
    m_imageSlice->SetMapper(m_mapper);
    m_imageSlice->GetProperty()->SetInterpolationTypeToLinear();
    m_imageSlice->VisibilityOff();
    renderer()->AddViewProp(m_imageSlice);
    renderer()->SetBackground(0, 0, 0);

    m_overlay->SetMaximumFontSize(15);
    m_overlay->SetMinimumFontSize(9);
    m_overlay->GetTextProperty()->SetColor(0.95, 0.95, 0.80);
    m_overlay->GetTextProperty()->ShadowOn();
    renderer()->AddViewProp(m_overlay);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
}

SliceViewer::~SliceViewer() = default;

void SliceViewer::setVolume(std::shared_ptr<const ImageVolume> volume) {
    m_volume = std::move(volume);
    if (!m_volume) {
        m_imageSlice->VisibilityOff();
        requestRender();
        return;
    }
    const VolumeGeometry& g = m_volume->geometry;
    m_image->SetDimensions(g.dimensions.data());
    m_image->SetSpacing(g.spacing.data());
    m_image->SetOrigin(0, 0, 0);
    vtkNew<vtkShortArray> scalars;
    // VTK only reads these voxels (save=1: VTK never frees them); m_volume keeps them alive.
    scalars->SetArray(const_cast<short*>(m_volume->voxels.data()),
                      static_cast<vtkIdType>(m_volume->voxels.size()), 1);
    m_image->GetPointData()->SetScalars(scalars);
    m_image->Modified();

    const auto& windows = m_volume->description.windows;
    m_initialCenter = windows.empty() ? 40.0 : windows.front().center;
    m_initialWidth = windows.empty() ? 400.0 : windows.front().width;
    m_imageSlice->VisibilityOn();
    m_slice = -1;
    setSlice(g.dimensions[2] / 2);
    resetView();
}

int SliceViewer::sliceCount() const { return m_volume ? m_volume->geometry.dimensions[2] : 0; }

void SliceViewer::setSlice(int index) {
    if (!m_volume) return;
    const int clamped = std::clamp(index, 0, sliceCount() - 1);
    if (clamped == m_slice) return;
    m_slice = clamped;
    m_mapper->SetSliceNumber(m_slice);
    updateOverlay();
    requestRender();
    emit sliceChanged(m_slice, sliceCount());
}

double SliceViewer::windowCenter() const { return m_imageSlice->GetProperty()->GetColorLevel(); }
double SliceViewer::windowWidth() const { return m_imageSlice->GetProperty()->GetColorWindow(); }

void SliceViewer::setWindow(double center, double width) {
    m_imageSlice->GetProperty()->SetColorLevel(center);
    m_imageSlice->GetProperty()->SetColorWindow(std::max(1.0, width));
    updateOverlay();
    requestRender();
    emit windowChanged(windowCenter(), windowWidth());
}

void SliceViewer::setOverlayVisible(bool visible) {
    m_overlayVisible = visible;
    m_overlay->SetVisibility(visible);
    requestRender();
}

void SliceViewer::resetView() {
    setWindow(m_initialCenter, m_initialWidth);
    fitCamera();
    requestRender();
}

// Looks along +z with -y up, so columns run left to right and rows top to bottom as in the
// file: for an axial slice the patient's right is on the viewer's left (radiological view).
void SliceViewer::fitCamera() {
    if (!m_volume) return;
    const VolumeGeometry& g = m_volume->geometry;
    const double width = (g.dimensions[0] - 1) * g.spacing[0];
    const double height = (g.dimensions[1] - 1) * g.spacing[1];
    const double depth = g.dimensions[2] * g.spacing[2];
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetFocalPoint(width / 2, height / 2, depth / 2);
    camera->SetPosition(width / 2, height / 2, -depth - 100);
    camera->SetViewUp(0, -1, 0);
    const double aspect = this->height() > 0 ? static_cast<double>(this->width()) / this->height() : 1.0;
    camera->SetParallelScale(std::max(height, width / aspect) / 2 * 1.02);
    renderer()->ResetCameraClippingRange();
}

void SliceViewer::onInteraction() {
    updateOverlay();
    emit windowChanged(windowCenter(), windowWidth());
}

void SliceViewer::updateOverlay() {
    if (!m_volume) return;
    const ImageDescription& d = m_volume->description;
    const Vec3 position = m_volume->geometry.patientPosition(0, 0, m_slice);
    const QString topLeft = QStringLiteral("%1\nID: %2\n%3 %4")
                                .arg(displayPersonName(d.patientName), d.patientId, d.patientSex, d.patientAge);
    const QString topRight =
        QStringLiteral("%1\n%2\n%3").arg(d.studyDescription, formatDate(d.studyDate), d.seriesDescription);
    const QString bottomLeft = QStringLiteral("%1  Im: %2/%3\nLoc: %4 mm")
                                   .arg(d.modality)
                                   .arg(m_slice + 1)
                                   .arg(sliceCount())
                                   .arg(position[2], 0, 'f', 1);
    const QString bottomRight =
        QStringLiteral("W: %1  L: %2").arg(windowWidth(), 0, 'f', 0).arg(windowCenter(), 0, 'f', 0);
    m_overlay->SetText(vtkCornerAnnotation::UpperLeft, topLeft.toUtf8().constData());
    m_overlay->SetText(vtkCornerAnnotation::UpperRight, topRight.toUtf8().constData());
    m_overlay->SetText(vtkCornerAnnotation::LowerLeft, bottomLeft.toUtf8().constData());
    m_overlay->SetText(vtkCornerAnnotation::LowerRight, bottomRight.toUtf8().constData());
}

void SliceViewer::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Up: setSlice(m_slice + 1); return;
        case Qt::Key_Down: setSlice(m_slice - 1); return;
        case Qt::Key_PageUp: setSlice(m_slice + 10); return;
        case Qt::Key_PageDown: setSlice(m_slice - 10); return;
        case Qt::Key_Home: setSlice(0); return;
        case Qt::Key_End: setSlice(sliceCount() - 1); return;
        case Qt::Key_O: setOverlayVisible(!m_overlayVisible); return;
        case Qt::Key_R: resetView(); return;
        default: VtkOpenGLWidget::keyPressEvent(event);
    }
}

}  // namespace telerad
