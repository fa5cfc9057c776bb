#pragma once
// One viewport of the layout: a SliceViewer with its slice scroll bar, a frame that shows
// which viewport is active (menus and the browser act on it), and a drop target for a
// series dragged from the study browser.

#include <QFrame>

class QScrollBar;

namespace telerad {

class SliceViewer;

class ViewerPane : public QFrame {
    Q_OBJECT
public:
    explicit ViewerPane(QWidget* parent = nullptr);

    SliceViewer* viewer() const { return m_viewer; }
    QScrollBar* sliceBar() const { return m_sliceBar; }
    void setActive(bool active);

signals:
    /// The user clicked into this viewport.
    void activated(ViewerPane* pane);
    /// A series (its UID) was dropped here.
    void seriesDropped(ViewerPane* pane, const QString& seriesUid);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    SliceViewer* m_viewer;
    QScrollBar* m_sliceBar;
};

/// The MIME type the study browser drags series with (the series UID as UTF-8).
inline constexpr const char* kSeriesMimeType = "application/x-telerad-series-uid";

}  // namespace telerad
