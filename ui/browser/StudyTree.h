#pragma once
// The study browser's tree (patient > study > series): a series can be dragged into a
// viewport (it carries the series UID as kSeriesMimeType).

#include <QTreeWidget>

namespace telerad {

/// Study and series items carry the UID that "Send to", export and delete act on.
inline constexpr int kSendableUidRole = Qt::UserRole + 1;

class StudyTree : public QTreeWidget {
    Q_OBJECT
public:
    explicit StudyTree(QWidget* parent = nullptr);

protected:
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
    QStringList mimeTypes() const override;
};

}  // namespace telerad
