#include "GeometryPhantom.h"

#include <QDir>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cmath>

namespace telerad::test {
namespace {

QString uid() {
    char buffer[100];
    return QString::fromLatin1(dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT));
}

// Partial volume, as a scanner sees an edge: a linear ramp `edge` mm wide centred on the
// surface, so the half-way value lies exactly on the sphere whatever the sampling grid.
int valueAt(const Vec3& p, double edge) {
    double value = -1000;
    for (const Sphere& s : phantomSpheres()) {
        const Vec3 d{p[0] - s.centre[0], p[1] - s.centre[1], p[2] - s.centre[2]};
        const double inside = std::clamp(0.5 - (std::sqrt(dot(d, d)) - s.radius) / edge, 0.0, 1.0);
        value = std::max(value, -1000 + inside * (s.value + 1000));
    }
    return static_cast<int>(std::lround(value));
}

Vec3 rotated(const Vec3& v, double degreesAboutZ, double degreesAboutX) {
    const double a = degreesAboutZ * M_PI / 180, b = degreesAboutX * M_PI / 180;
    const Vec3 z{v[0] * std::cos(a) - v[1] * std::sin(a), v[0] * std::sin(a) + v[1] * std::cos(a), v[2]};
    return {z[0], z[1] * std::cos(b) - z[2] * std::sin(b), z[1] * std::sin(b) + z[2] * std::cos(b)};
}

}  // namespace

const std::vector<Sphere>& phantomSpheres() {
    static const std::vector<Sphere> spheres = {{{20, -10, 15}, 8, 300}, {{-25, -10, 15}, 8, 600}, {{20, 25, -20}, 8, 900}};
    return spheres;
}

std::vector<PhantomGrid> phantomGrids() {
    return {{QStringLiteral("axial"), {1, 0, 0}, {0, 1, 0}, 0.8, 0.8, 1.0, 140, 140, 100},
            {QStringLiteral("coronal"), {1, 0, 0}, {0, 0, -1}, 0.8, 0.8, 1.0, 140, 140, 100},
            {QStringLiteral("oblique"), rotated({1, 0, 0}, 20, 15), rotated({0, 1, 0}, 20, 15), 0.8, 0.8, 1.0, 150, 150, 110},
            {QStringLiteral("non-square"), {1, 0, 0}, {0, 1, 0}, 1.1, 0.6, 1.3, 110, 190, 80}};
}

QStringList writeGeometryPhantom(const PhantomGrid& g, const QString& folder) {
    QDir().mkpath(folder);
    const Vec3 normal = cross(g.rowDirection, g.columnDirection);
    // The grid is centred on the patient origin region that holds the spheres.
    const Vec3 centre{0, 7.5, -2.5};
    const double halfWidth = (g.columns - 1) * g.columnSpacing / 2, halfHeight = (g.rows - 1) * g.rowSpacing / 2,
                 halfDepth = (g.slices - 1) * g.sliceSpacing / 2;
    Vec3 first;
    for (int axis = 0; axis < 3; ++axis)
        first[axis] = centre[axis] - halfWidth * g.rowDirection[axis] - halfHeight * g.columnDirection[axis] - halfDepth * normal[axis];
    const QString study = uid(), series = uid(), frame = uid();
    QStringList files;
    std::vector<Sint16> pixels(static_cast<size_t>(g.rows) * g.columns);
    const double edge = 2 * std::max({g.rowSpacing, g.columnSpacing, g.sliceSpacing});
    for (int k = 0; k < g.slices; ++k) {
        Vec3 origin;
        const double shift = k * g.sliceSpacing * std::tan(g.tiltDegrees * M_PI / 180);
        for (int axis = 0; axis < 3; ++axis) origin[axis] = first[axis] + k * g.sliceSpacing * normal[axis] + shift * g.columnDirection[axis];
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i) {
                Vec3 p;
                for (int axis = 0; axis < 3; ++axis)
                    p[axis] = origin[axis] + i * g.columnSpacing * g.rowDirection[axis] + j * g.rowSpacing * g.columnDirection[axis];
                pixels[static_cast<size_t>(j) * g.columns + i] = static_cast<Sint16>(valueAt(p, edge));
            }
        DcmFileFormat file;
        DcmDataset& ds = *file.getDataset();
        const auto put = [&](const DcmTagKey& tag, const QString& value) { ds.putAndInsertString(tag, value.toLatin1().constData()); };
        const auto triple = [](const Vec3& v) { return QStringLiteral("%1\\%2\\%3").arg(v[0], 0, 'f', 6).arg(v[1], 0, 'f', 6).arg(v[2], 0, 'f', 6); };
        put(DCM_SOPClassUID, QString::fromLatin1(UID_CTImageStorage));
        put(DCM_SOPInstanceUID, uid());
        put(DCM_StudyInstanceUID, study);
        put(DCM_SeriesInstanceUID, series);
        put(DCM_FrameOfReferenceUID, frame);
        put(DCM_PatientName, QStringLiteral("PHANTOM^GEOMETRY"));
        put(DCM_PatientID, QStringLiteral("GEOM-") + g.name);
        put(DCM_Modality, QStringLiteral("CT"));
        put(DCM_SeriesDescription, g.name);
        put(DCM_InstanceNumber, QString::number(k + 1));
        put(DCM_ImagePositionPatient, triple(origin));
        put(DCM_ImageOrientationPatient, triple(g.rowDirection) + QLatin1Char('\\') + triple(g.columnDirection));
        put(DCM_PixelSpacing, QStringLiteral("%1\\%2").arg(g.rowSpacing).arg(g.columnSpacing));
        put(DCM_SliceThickness, QString::number(g.sliceSpacing));
        put(DCM_PhotometricInterpretation, QStringLiteral("MONOCHROME2"));
        put(DCM_RescaleIntercept, QStringLiteral("0"));
        put(DCM_RescaleSlope, QStringLiteral("1"));
        put(DCM_WindowCenter, QStringLiteral("150"));
        put(DCM_WindowWidth, QStringLiteral("1"));
        for (const auto& [tag, value] : {std::pair{DCM_SamplesPerPixel, 1}, std::pair{DCM_Rows, g.rows}, std::pair{DCM_Columns, g.columns},
                                         std::pair{DCM_BitsAllocated, 16}, std::pair{DCM_BitsStored, 16}, std::pair{DCM_HighBit, 15},
                                         std::pair{DCM_PixelRepresentation, 1}})
            ds.putAndInsertUint16(tag, static_cast<Uint16>(value));
        ds.putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(pixels.data()), static_cast<unsigned long>(pixels.size()));
        const QString path = QStringLiteral("%1/%2-%3.dcm").arg(folder, g.name).arg(k, 4, 10, QLatin1Char('0'));
        if (file.saveFile(path.toLocal8Bit().constData(), EXS_LittleEndianExplicit).bad()) return {};
        files << path;
    }
    return files;
}

}  // namespace telerad::test
