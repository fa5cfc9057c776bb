#pragma once
// The viewports of the main window in a grid (1x1, 1x2, 2x1, 2x2, 3x3): one is active (the
// menus, the keyboard and the study browser act on it); a series dragged from the browser
// opens where it is dropped; with synchronised scrolling, viewports showing the same plane
// follow the one scrolled, by slice position in patient space (a prior beside the current
// study, or two series of one study).

#include <QList>
#include <QWidget>

class QGridLayout;

namespace telerad {

class SliceViewer;
class ViewerPane;

class ViewerArea : public QWidget {
    Q_OBJECT
public:
    explicit ViewerArea(QWidget* parent = nullptr);

    SliceViewer* activeViewer() const;
    /// The viewers on screen, row by row.
    QList<SliceViewer*> viewers() const;
    void setGrid(int rows, int columns);
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    void activate(SliceViewer* viewer);

    void setSynchronised(bool on) { m_synchronised = on; }
    bool synchronised() const { return m_synchronised; }

signals:
    /// A viewport was made (once per viewport): connect to its viewer.
    void viewerCreated(telerad::SliceViewer* viewer);
    void activeViewerChanged(telerad::SliceViewer* viewer);
    void seriesDropped(telerad::SliceViewer* viewer, const QString& seriesUid);

private:
    ViewerPane* makePane();
    void activatePane(ViewerPane* pane);
    void followScrolling(SliceViewer* source);

    QGridLayout* m_grid;
    QList<ViewerPane*> m_panes;  // all made so far; the first rows x columns are shown
    ViewerPane* m_active = nullptr;
    int m_rows = 0, m_columns = 0;
    bool m_synchronised = true;
    bool m_following = false;  // a synchronised scroll in progress: its echoes are ignored
};

}  // namespace telerad
