#pragma once
// 3D volume rendering of a volume (VTK's smart volume mapper: GPU ray casting, which Mesa's
// software OpenGL runs too), with presets for CT bone, soft tissue and angiography and for
// MR, a crop box, and a trackball to rotate, zoom and pan. Shown from the front, head up.

#include "vtk/VtkOpenGLWidget.h"

#include "dicom/ImageVolume.h"

#include <array>
#include <memory>

class vtkImageData;
class vtkSmartVolumeMapper;
class vtkVolume;

namespace telerad {

enum class VolumePreset { CtBone, CtSoftTissue, CtAngio, MrDefault };
QString volumePresetName(VolumePreset preset);  ///< ct-bone, ct-soft-tissue, ct-angio, mr-default

class VolumeView : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit VolumeView(QWidget* parent = nullptr);
    ~VolumeView() override;

    /// Shows `volume` (voxels shared, not copied) with the preset its modality suggests.
    void setVolume(std::shared_ptr<const ImageVolume> volume);
    void setPreset(VolumePreset preset);
    VolumePreset preset() const { return m_preset; }
    /// Keeps only the box between `low` and `high`, fractions (0..1) of each volume axis.
    void setCrop(const std::array<double, 3>& low, const std::array<double, 3>& high);
    /// Cuts away the front `fraction` (0..1) of the patient, to look inside from the front.
    void cutAwayFront(double fraction);
    /// Front view, head up, the whole volume in view.
    void resetCamera();
    /// Turns the camera around the volume's vertical axis (degrees), as a drag would.
    void rotate(double degrees);

private:
    std::shared_ptr<const ImageVolume> m_volume;
    vtkNew<vtkImageData> m_image;
    vtkNew<vtkSmartVolumeMapper> m_mapper;
    vtkNew<vtkVolume> m_actor;
    VolumePreset m_preset = VolumePreset::CtBone;
};

}  // namespace telerad
