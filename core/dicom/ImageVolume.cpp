#include "ImageVolume.h"

namespace telerad {

Vec3 VolumeGeometry::patientPosition(double i, double j, double k) const {
    Vec3 p = origin;
    for (int axis = 0; axis < 3; ++axis) {
        p[axis] += i * spacing[0] * rowDirection[axis] + j * spacing[1] * columnDirection[axis] +
                   k * spacing[2] * sliceDirection[axis];
    }
    return p;
}

}  // namespace telerad
