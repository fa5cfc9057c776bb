#pragma once
// 2D reading view of a volume: one slice at a time with window/level, scrolling, zoom and
// pan, and the patient/study/slice text a radiologist expects in the corners.

#include "vtk/VtkOpenGLWidget.h"

#include "dicom/ImageVolume.h"

#include <memory>

class vtkCornerAnnotation;
class vtkImageData;
class vtkImageSlice;
class vtkImageSliceMapper;

namespace telerad {

class ReadingInteractorStyle;

class SliceViewer : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SliceViewer(QWidget* parent = nullptr);
    ~SliceViewer() override;

    /// Shows `volume` (kept alive by the viewer; its voxels are shared with VTK, not copied),
    /// at its middle slice with the file's first window, or a CT soft-tissue window.
    void setVolume(std::shared_ptr<const ImageVolume> volume);
    bool hasVolume() const { return static_cast<bool>(m_volume); }

    int slice() const { return m_slice; }
    int sliceCount() const;
    void setSlice(int index);

    double windowCenter() const;
    double windowWidth() const;
    void setWindow(double center, double width);

    void setOverlayVisible(bool visible);
    bool overlayVisible() const { return m_overlayVisible; }

    /// Fits the whole slice into the view and restores the initial window.
    void resetView();

signals:
    void sliceChanged(int index, int count);
    void windowChanged(double center, double width);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateOverlay();
    void onInteraction();
    void fitCamera();

    std::shared_ptr<const ImageVolume> m_volume;
    vtkNew<vtkImageData> m_image;
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageSlice> m_imageSlice;
    vtkNew<vtkCornerAnnotation> m_overlay;
    vtkSmartPointer<ReadingInteractorStyle> m_style;
    int m_slice = 0;
    bool m_overlayVisible = true;
    double m_initialCenter = 40;
    double m_initialWidth = 400;
};

}  // namespace telerad
