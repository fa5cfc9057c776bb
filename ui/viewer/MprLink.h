#pragma once
// Three slice viewers of one volume as a 3-plane MPR: axial, coronal and sagittal share a
// crosshair centre. Picking a point in one view moves the other two through it; scrolling one
// moves the centre along its normal; Ctrl+drag in one view turns the other two planes about
// its normal (oblique MPR). Each view draws the other planes' lines in their colours (axial
// red, coronal green, sagittal yellow).

#include "dicom/ImageVolume.h"
#include "dicom/Orientation.h"

#include <QColor>
#include <QObject>
#include <QPointer>

#include <array>

namespace telerad {

class SliceViewer;

class MprLink : public QObject {
    Q_OBJECT
public:
    /// The viewers must show the same volume; they are set to their planes, crosshair mode
    /// on, centred on the middle of the volume.
    MprLink(SliceViewer* axial, SliceViewer* coronal, SliceViewer* sagittal, QObject* parent = nullptr);
    /// Leaves the viewers as they are, without crosshair.
    ~MprLink() override;

    Vec3 centre() const { return m_centre; }
    void setCentre(const Vec3& patient);
    /// Turns the two planes other than `about` (0 axial, 1 coronal, 2 sagittal) by `radians`
    /// about its normal, counter-clockwise as seen in that view.
    void turn(int about, double radians);
    /// Back to the three standard planes through the centre.
    void resetOrientations();

private:
    struct Plane {
        QPointer<SliceViewer> viewer;
        ViewPlane base;
        Vec3 look, up;  // patient space
        QColor colour;
    };
    void onScrolled(int plane);
    void shareAnnotations(int from);
    void showAll();

    std::array<Plane, 3> m_planes;
    Vec3 m_centre{0, 0, 0};
    bool m_moving = false;  // our own slice changes are not the reader's scrolling
};

}  // namespace telerad
