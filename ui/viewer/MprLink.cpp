#include "MprLink.h"

#include "SliceViewer.h"

#include <cmath>

namespace telerad {

namespace {

// Rodrigues: `v` turned by `radians` about the unit axis `k`.
Vec3 rotated(const Vec3& v, const Vec3& k, double radians) {
    const double c = std::cos(radians), s = std::sin(radians);
    const Vec3 kxv = cross(k, v);
    const double kv = dot(k, v) * (1 - c);
    return {v[0] * c + kxv[0] * s + k[0] * kv, v[1] * c + kxv[1] * s + k[1] * kv, v[2] * c + kxv[2] * s + k[2] * kv};
}

}  // namespace

MprLink::MprLink(SliceViewer* axial, SliceViewer* coronal, SliceViewer* sagittal, QObject* parent) : QObject(parent) {
    m_planes = {Plane{axial, ViewPlane::Axial, {}, {}, QColor(230, 60, 60)}, Plane{coronal, ViewPlane::Coronal, {}, {}, QColor(80, 200, 80)},
                Plane{sagittal, ViewPlane::Sagittal, {}, {}, QColor(230, 210, 60)}};
    for (int i = 0; i < 3; ++i) {
        SliceViewer* viewer = m_planes[i].viewer;
        viewer->setCrosshairMode(true);
        connect(viewer, &SliceViewer::crosshairMoved, this, &MprLink::setCentre);
        connect(viewer, &SliceViewer::crosshairTurned, this, [this, i](double radians) { turn(i, radians); });
        connect(viewer, &SliceViewer::sliceChanged, this, [this, i] { onScrolled(i); });
        // One series, one set of measurements: what is added in one view is in the others'
        // too, so that whichever saves next saves them all.
        connect(viewer, &SliceViewer::annotationsChanged, this, [this, i] { shareAnnotations(i); });
    }
    for (int i = 1; i < 3; ++i) {
        const QSignalBlocker quiet(m_planes[i].viewer.data());
        m_planes[i].viewer->restoreAnnotations(axial->annotations());
    }
    const VolumeGeometry& g = axial->volume()->geometry;
    m_centre = g.patientPosition((g.dimensions[0] - 1) / 2.0, (g.dimensions[1] - 1) / 2.0, (g.dimensions[2] - 1) / 2.0);
    resetOrientations();
}

MprLink::~MprLink() {
    for (Plane& p : m_planes)
        if (p.viewer) {
            p.viewer->disconnect(this);
            p.viewer->setCrosshairMode(false);
            p.viewer->setCrosshair({0, 0, 0}, {});
        }
}

void MprLink::resetOrientations() {
    for (Plane& p : m_planes) {
        const ViewAxes axes = viewAxes(p.base);
        p.look = axes.lookDirection;
        p.up = axes.up;
        const QSignalBlocker quiet(p.viewer.data());
        if (p.viewer) p.viewer->setViewPlane(p.base);
    }
    showAll();
}

void MprLink::setCentre(const Vec3& patient) {
    m_centre = patient;
    showAll();
}

void MprLink::turn(int about, double radians) {
    // Counter-clockwise on the screen of a view that looks along `look` is a turn about -look.
    const Vec3 axis = scaled(m_planes[about].look, -1);
    for (int i = 0; i < 3; ++i) {
        if (i == about || !m_planes[i].viewer) continue;
        Plane& p = m_planes[i];
        p.look = rotated(p.look, axis, radians);
        p.up = rotated(p.up, axis, radians);
        const QSignalBlocker quiet(p.viewer.data());
        p.viewer->setPlaneOrientation(p.base, p.look, p.up);
    }
    showAll();
}

void MprLink::shareAnnotations(int from) {
    const QByteArray annotations = m_planes[from].viewer->annotations();
    for (int i = 0; i < 3; ++i)
        if (i != from && m_planes[i].viewer) {
            const QSignalBlocker quiet(m_planes[i].viewer.data());
            m_planes[i].viewer->restoreAnnotations(annotations);
        }
}

// The reader scrolled one view: the centre follows onto its new plane.
void MprLink::onScrolled(int plane) {
    if (m_moving || !m_planes[plane].viewer) return;
    m_centre = m_planes[plane].viewer->nearestOnPlane(m_centre);
    showAll();
}

void MprLink::showAll() {
    m_moving = true;
    for (int i = 0; i < 3; ++i) {
        Plane& p = m_planes[i];
        if (!p.viewer) continue;
        p.viewer->setSliceThrough(m_centre);
        std::vector<std::pair<Vec3, QColor>> lines;
        for (int j = 0; j < 3; ++j)
            if (j != i) lines.emplace_back(cross(p.look, m_planes[j].look), m_planes[j].colour);  // where plane j cuts plane i
        p.viewer->setCrosshair(m_centre, lines);
    }
    m_moving = false;
}

}  // namespace telerad
