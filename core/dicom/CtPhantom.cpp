#include "CtPhantom.h"

#include <cmath>
#include <cstdint>

namespace telerad {

namespace {

// Region boundaries along z (mm from the pelvis up).
constexpr double kChestStart = 140.0;
constexpr double kLiverTop = 150.0;
constexpr double kLiverBottom = 70.0;

bool insideEllipse(double x, double y, double cx, double cy, double a, double b) {
    const double dx = (x - cx) / a;
    const double dy = (y - cy) / b;
    return dx * dx + dy * dy <= 1.0;
}

bool insideCircle(double x, double y, double cx, double cy, double r) {
    return insideEllipse(x, y, cx, cy, r, r);
}

double spineHu(double x, double y, double z) {
    // Vertebral bodies 24 mm high separated by 6 mm discs.
    const bool disc = std::fmod(z, 30.0) < 6.0;
    if (insideCircle(x, y, 0, 88, 8)) return 12;  // spinal canal (CSF)
    if (insideCircle(x, y, 0, 60, 18)) {
        if (disc) return 85;
        return insideCircle(x, y, 0, 60, 15) ? 260 : 750;  // cancellous inside cortical shell
    }
    // Posterior arch around the canal.
    if (!disc && insideEllipse(x, y, 0, 92, 20, 14) && !insideCircle(x, y, 0, 88, 8)) return 650;
    return NAN;
}

double chestHu(double x, double y, double z) {
    // Ribs: thin bony arcs every 28 mm, 9 mm thick, along an ellipse inside the body wall.
    if (std::fmod(z, 28.0) < 9.0 && insideEllipse(x, y, 0, 10, 146, 98) &&
        !insideEllipse(x, y, 0, 10, 138, 90) && y > -80)
        return 600;
    if (insideCircle(x, y, 25, 45, 12)) return 280;               // descending aorta
    if (z < 250 && insideEllipse(x, y, 15, -25, 55, 45)) return 40;  // heart
    if (insideEllipse(x, y, -70, 5, 55, 75) || insideEllipse(x, y, 72, 5, 52, 75)) {
        // Lung parenchyma with faint vessels.
        const double vessels = std::sin(x * 0.35) * std::sin(y * 0.31) * std::sin(z * 0.27);
        return vessels > 0.93 ? -150 : -860;
    }
    return NAN;
}

double abdomenHu(double x, double y, double z) {
    if (insideCircle(x, y, 20, 40, 11)) return 260;  // abdominal aorta
    if (z > kLiverBottom && z < kLiverTop && insideEllipse(x, y, -65, -5, 72, 62)) {
        return insideCircle(x, y, -55, 10, 6) ? 180 : 62;  // liver with portal vein
    }
    if (z > 80 && z < 140 && insideEllipse(x, y, 80, 25, 32, 45)) return 48;    // spleen
    if (z > 25 && z < 85 && (insideEllipse(x, y, -72, 55, 24, 34) ||
                              insideEllipse(x, y, 72, 55, 24, 34)))
        return 155;  // kidneys (enhancing cortex)
    if (z < 70 && insideCircle(x, y, 30 * std::sin(z * 0.05), -40, 14)) return -900;  // bowel gas
    if (z < 25 && (insideEllipse(x, y, -95, 40, 30, 50) || insideEllipse(x, y, 95, 40, 30, 50)) &&
        !insideEllipse(x, y, -95, 40, 24, 44) && !insideEllipse(x, y, 95, 40, 24, 44))
        return 700;  // iliac wings
    return NAN;
}

// A small integer hash mapped to a roughly Gaussian value (sum of uniforms).
double pseudoNoise(double x, double y, double z) {
    uint32_t h = static_cast<uint32_t>(std::lround(x * 13.0)) * 73856093u ^
                 static_cast<uint32_t>(std::lround(y * 13.0)) * 19349663u ^
                 static_cast<uint32_t>(std::lround(z * 7.0)) * 83492791u;
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        h ^= h >> 13;
        h *= 0x5bd1e995u;
        h ^= h >> 15;
        sum += (h & 0xffff) / 65535.0;
    }
    return (sum - 1.5) * 2.0;  // about unit variance
}

}  // namespace

double CtPhantom::huAt(double x, double y, double z) {
    if (y > 135 && y < 145 && std::abs(x) < 210) return 120;  // carbon table top
    if (!insideEllipse(x, y, 0, 10, 165, 115)) return -1000;   // air
    if (!insideEllipse(x, y, 0, 10, 152, 103)) return -100;    // subcutaneous fat
    const double spine = spineHu(x, y, z);
    if (!std::isnan(spine)) return spine;
    const double organ = z >= kChestStart ? chestHu(x, y, z) : abdomenHu(x, y, z);
    if (!std::isnan(organ)) return organ;
    return 42;  // muscle and soft tissue
}

double CtPhantom::noisyHuAt(double x, double y, double z) {
    const double hu = huAt(x, y, z);
    if (hu <= -1000) return hu;  // air outside the patient is flat, like reconstructed CT
    return hu + 6.0 * pseudoNoise(x, y, z);
}

}  // namespace telerad
