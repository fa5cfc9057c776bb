#pragma once
// An analytic thorax-abdomen phantom in patient coordinates (LPS, millimetres) that returns
// Hounsfield units: air, table, fat, muscle, lungs, heart, contrast-filled aorta, liver,
// spleen, kidneys, spine with discs and ribs. Deterministic, so tests can check values.

namespace telerad {

class CtPhantom {
public:
    /// Extent covered along the patient's feet-head axis, in mm (z from 0 to this).
    static constexpr double kLengthMm = 318.0;

    /// HU at a point, without noise.
    static double huAt(double x, double y, double z);
    /// HU at a point plus deterministic pseudo-noise of a few HU, as a scanner shows.
    static double noisyHuAt(double x, double y, double z);
};

}  // namespace telerad
