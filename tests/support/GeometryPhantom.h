#pragma once
// A CT series of known geometry for the viewer's tests: spheres of known size and place in
// patient space, sampled on any grid (axial, coronal, oblique, non-square pixels), written
// as real DICOM files with DCMTK.

#include "dicom/ImageVolume.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace telerad::test {

struct Sphere {
    Vec3 centre;  ///< patient coordinates, mm
    double radius;
    int value;  ///< HU inside (the surface is a partial-volume ramp)
};

struct PhantomGrid {
    QString name;
    Vec3 rowDirection, columnDirection;  ///< Image Orientation (Patient)
    double rowSpacing, columnSpacing;      ///< Pixel Spacing: between rows, between columns
    double sliceSpacing;
    int rows, columns, slices;
    double tiltDegrees = 0;  ///< gantry tilt: each slice shifted along the column direction
};

/// A and B share an axial and a coronal plane (45 mm apart); A and C share a sagittal
/// plane (49.5 mm apart). Air (-1000 HU) around them.
const std::vector<Sphere>& phantomSpheres();

/// The grids of the tests: axial, coronal acquisition, oblique, non-square pixels; each
/// centred on the spheres.
std::vector<PhantomGrid> phantomGrids();

/// Writes the series into `folder` (one file per slice); returns the files, empty on failure.
QStringList writeGeometryPhantom(const PhantomGrid& grid, const QString& folder);

}  // namespace telerad::test
