#pragma once
// A 3D image in patient space: one contiguous buffer of modality values (HU for CT) plus the
// geometry that places voxel (i, j, k) in patient coordinates (LPS, millimetres).

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

namespace telerad {

using Vec3 = std::array<double, 3>;

inline double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
inline Vec3 scaled(const Vec3& v, double factor) { return {v[0] * factor, v[1] * factor, v[2] * factor}; }

struct VolumeGeometry {
    std::array<int, 3> dimensions{0, 0, 0};  ///< columns, rows, slices
    Vec3 spacing{1, 1, 1};                     ///< mm between columns, rows, slices
    Vec3 origin{0, 0, 0};                      ///< centre of voxel (0,0,0)
    Vec3 rowDirection{1, 0, 0};                ///< direction of increasing column index
    Vec3 columnDirection{0, 1, 0};             ///< direction of increasing row index
    Vec3 sliceDirection{0, 0, 1};              ///< direction of increasing slice index

    size_t voxelCount() const {
        return static_cast<size_t>(dimensions[0]) * dimensions[1] * dimensions[2];
    }
    /// Patient coordinates of the centre of voxel (i, j, k).
    Vec3 patientPosition(double i, double j, double k) const;
};

/// The descriptive attributes shown next to the image (from the series' first instance).
struct ImageDescription {
    QString patientName, patientId, patientSex, patientAge, patientBirthDate;
    QString studyDate, studyDescription, seriesDescription, modality;
    QString studyInstanceUid, seriesInstanceUid;
    QString photometricInterpretation;  ///< MONOCHROME1: the lowest value is white
    struct Window {
        double center = 0;
        double width = 0;
        QString explanation;
    };
    std::vector<Window> windows;  ///< the file's own VOI windows, first is the default
    /// The file's VOI LUTs (mammography, some CR): modality value -> displayed grey.
    struct VoiLut {
        QString explanation;
        double firstMapped = 0;       ///< the modality value of data[0]; below it data[0], above the last entry data.back()
        int bits = 16;                ///< output range 0 .. 2^bits - 1
        std::vector<uint16_t> data;
    };
    std::vector<VoiLut> voiLuts;
};

struct ImageVolume {
    VolumeGeometry geometry;
    ImageDescription description;
    /// False when the files give no Image Position/Orientation (Patient) (radiographs,
    /// secondary captures): then no anatomical direction or plane can be told.
    bool placedInPatient = true;
    /// Why the geometry may not be what it seems (missing slices, irregular spacing, gantry
    /// tilt, images of another orientation left out): shown on the image, never hidden.
    QStringList geometryWarnings;
    std::vector<int16_t> voxels;  ///< x fastest, then y, then slice; for colour, the luminance
    /// Colour images only (RGB, YBR, palette): R, G, B per voxel in the order of `voxels`.
    std::vector<uint8_t> rgb;
    bool isColour() const { return !rgb.empty(); }

    int16_t valueAt(int i, int j, int k) const {
        const auto& d = geometry.dimensions;
        return voxels[(static_cast<size_t>(k) * d[1] + j) * d[0] + i];
    }
};

}  // namespace telerad
