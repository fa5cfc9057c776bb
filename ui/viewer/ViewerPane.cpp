#include "ViewerPane.h"

#include "SliceViewer.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalBlocker>

namespace telerad {

ViewerPane::ViewerPane(QWidget* parent) : QFrame(parent), m_viewer(new SliceViewer(this)), m_sliceBar(new QScrollBar(Qt::Vertical, this)) {
    setFrameShape(QFrame::Box);
    setLineWidth(2);
    setActive(false);
    setAcceptDrops(true);
    m_sliceBar->setObjectName(QStringLiteral("sliceBar"));
    m_sliceBar->setRange(0, 0);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(0);
    layout->addWidget(m_viewer, 1);
    layout->addWidget(m_sliceBar);
    connect(m_sliceBar, &QScrollBar::valueChanged, m_viewer, &SliceViewer::setSlice);
    connect(m_viewer, &SliceViewer::sliceChanged, m_sliceBar, [this](int index, int count) {
        const QSignalBlocker quiet(m_sliceBar);
        m_sliceBar->setRange(0, std::max(0, count - 1));
        m_sliceBar->setPageStep(std::max(1, count / 10));
        m_sliceBar->setValue(index);
    });
    m_viewer->installEventFilter(this);
}

void ViewerPane::setActive(bool active) {
    QPalette p = palette();
    p.setColor(QPalette::WindowText, active ? QColor(230, 170, 30) : QColor(60, 60, 60));
    setPalette(p);
}

bool ViewerPane::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_viewer && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::FocusIn)) emit activated(this);
    return QFrame::eventFilter(watched, event);
}

void ViewerPane::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(QLatin1String(kSeriesMimeType))) event->acceptProposedAction();
}

void ViewerPane::dropEvent(QDropEvent* event) {
    const QString uid = QString::fromUtf8(event->mimeData()->data(QLatin1String(kSeriesMimeType)));
    if (uid.isEmpty()) return;
    event->acceptProposedAction();
    emit activated(this);
    emit seriesDropped(this, uid);
}

}  // namespace telerad
