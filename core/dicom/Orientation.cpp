#include "Orientation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace telerad {

QString orientationLabel(const Vec3& direction) {
    const double length = std::sqrt(dot(direction, direction));
    if (length == 0) return {};
    std::array<int, 3> axes{0, 1, 2};
    std::sort(axes.begin(), axes.end(), [&](int a, int b) { return std::abs(direction[a]) > std::abs(direction[b]); });
    static const char* kPositive = "LPH";
    static const char* kNegative = "RAF";
    QString label;
    for (int axis : axes) {
        const double component = direction[axis] / length;
        if (std::abs(component) < 0.25 && !label.isEmpty()) continue;
        label += QLatin1Char(component > 0 ? kPositive[axis] : kNegative[axis]);
    }
    return label;
}

QString viewPlaneName(ViewPlane plane) {
    switch (plane) {
    case ViewPlane::Coronal: return QStringLiteral("coronal");
    case ViewPlane::Sagittal: return QStringLiteral("sagittal");
    case ViewPlane::Axial: break;
    }
    return QStringLiteral("axial");
}

ViewAxes viewAxes(ViewPlane plane) {
    switch (plane) {
    case ViewPlane::Coronal: return {{0, 1, 0}, {0, 0, 1}};
    case ViewPlane::Sagittal: return {{-1, 0, 0}, {0, 0, 1}};
    case ViewPlane::Axial: break;
    }
    return {{0, 0, 1}, {0, -1, 0}};
}

Vec3 ViewAxes::right() const { return cross(lookDirection, up); }

SideLabels sideLabels(const Vec3& right, const Vec3& down) {
    return {orientationLabel(scaled(right, -1)), orientationLabel(right), orientationLabel(scaled(down, -1)), orientationLabel(down)};
}

}  // namespace telerad
