#include "ViewerArea.h"

#include "SliceViewer.h"
#include "ViewerPane.h"

#include <QGridLayout>

namespace telerad {

ViewerArea::ViewerArea(QWidget* parent) : QWidget(parent), m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
}

SliceViewer* ViewerArea::activeViewer() const { return m_active ? m_active->viewer() : nullptr; }

QList<SliceViewer*> ViewerArea::viewers() const {
    QList<SliceViewer*> shown;
    for (int i = 0; i < m_rows * m_columns && i < m_panes.size(); ++i) shown << m_panes[i]->viewer();
    return shown;
}

ViewerPane* ViewerArea::makePane() {
    auto* pane = new ViewerPane(this);
    pane->viewer()->setObjectName(m_panes.isEmpty() ? QStringLiteral("sliceViewer") : QStringLiteral("sliceViewer%1").arg(m_panes.size() + 1));
    connect(pane, &ViewerPane::activated, this, &ViewerArea::activatePane);
    connect(pane, &ViewerPane::seriesDropped, this, [this](ViewerPane* target, const QString& uid) { emit seriesDropped(target->viewer(), uid); });
    SliceViewer* viewer = pane->viewer();
    connect(viewer, &SliceViewer::sliceChanged, this, [this, viewer] { followScrolling(viewer); });
    m_panes << pane;
    emit viewerCreated(viewer);
    return pane;
}

void ViewerArea::setGrid(int rows, int columns) {
    m_rows = std::clamp(rows, 1, 4);
    m_columns = std::clamp(columns, 1, 4);
    while (m_panes.size() < m_rows * m_columns) makePane();
    for (ViewerPane* pane : m_panes) m_grid->removeWidget(pane);
    for (int i = 0; i < m_panes.size(); ++i) {
        const bool shown = i < m_rows * m_columns;
        if (shown) m_grid->addWidget(m_panes[i], i / m_columns, i % m_columns);
        m_panes[i]->setVisible(shown);
    }
    if (!m_active || !m_active->isVisibleTo(this)) activatePane(m_panes.front());
}

void ViewerArea::activate(SliceViewer* viewer) {
    for (ViewerPane* pane : m_panes)
        if (pane->viewer() == viewer) activatePane(pane);
}

void ViewerArea::activatePane(ViewerPane* pane) {
    if (pane == m_active) return;
    for (ViewerPane* p : m_panes) p->setActive(p == pane);
    m_active = pane;
    emit activeViewerChanged(pane->viewer());
}

void ViewerArea::followScrolling(SliceViewer* source) {
    if (!m_synchronised || m_following || !source->hasVolume()) return;
    m_following = true;
    for (SliceViewer* other : viewers())
        if (other != source && other->hasVolume() && other->viewPlane() == source->viewPlane()) other->setSlicePosition(source->slicePosition());
    m_following = false;
}

}  // namespace telerad
