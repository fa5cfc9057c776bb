#include "StudyTree.h"

#include "viewer/ViewerPane.h"

#include <QMimeData>

namespace telerad {

StudyTree::StudyTree(QWidget* parent) : QTreeWidget(parent) {
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
}

QStringList StudyTree::mimeTypes() const { return {QString::fromLatin1(kSeriesMimeType)}; }

// Series items keep their UID in Qt::UserRole; patients and studies drag nothing.
QMimeData* StudyTree::mimeData(const QList<QTreeWidgetItem*>& items) const {
    if (items.isEmpty() || items.front()->data(0, Qt::UserRole).toString().isEmpty()) return nullptr;
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(kSeriesMimeType), items.front()->data(0, Qt::UserRole).toString().toUtf8());
    return data;
}

}  // namespace telerad
