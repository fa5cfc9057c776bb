#pragma once
// Anatomical orientation of directions in patient space (DICOM LPS: +x toward the patient's
// left, +y posterior, +z head) and the standard radiological views of a volume.

#include "ImageVolume.h"

#include <QString>

namespace telerad {

/// The letters of the patient side a direction points to, strongest first: (1,0,0) -> "L",
/// (0,-1,0) -> "A", a 30 degree oblique between right and anterior -> "RA". Components under
/// a quarter of the length are left out, so a slight tilt does not clutter the label.
QString orientationLabel(const Vec3& direction);

enum class ViewPlane { Axial, Coronal, Sagittal };
QString viewPlaneName(ViewPlane plane);  ///< axial, coronal, sagittal

/// How a view looks at the patient: the direction the viewer looks along and the screen's
/// up, in patient space. Radiological convention: axial from the feet with anterior up,
/// coronal from the front with the head up (patient's right on the viewer's left in both),
/// sagittal from the patient's left with the head up (anterior on the left).
struct ViewAxes {
    Vec3 lookDirection, up;
    Vec3 right() const;  ///< screen right = look x up
};
ViewAxes viewAxes(ViewPlane plane);

/// The four letters around an image whose screen right and screen down point along
/// `right` and `down` in patient space.
struct SideLabels {
    QString left, right, top, bottom;
};
SideLabels sideLabels(const Vec3& right, const Vec3& down);

}  // namespace telerad
