#pragma once
// The study browser: patient > study > series with a thumbnail per series, and a search bar
// (name, patient ID or accession; study dates from/to; modality) that filters as one types.

#include "ArchiveJobs.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTreeWidgetItem;

namespace telerad {

class StudyTree;

class StudyBrowser : public QWidget {
    Q_OBJECT
public:
    explicit StudyBrowser(QWidget* parent = nullptr);

    StudyTree* tree() const { return m_tree; }
    /// Replaces the listing (keeps the search and the thumbnails already made).
    void setRows(const QList<BrowserRow>& rows);
    /// The rows the search lets through.
    QList<BrowserRow> visibleRows() const;
    void setThumbnail(const QString& seriesUid, const QImage& thumbnail);
    /// Series whose thumbnail has not been asked for yet at their present instance count
    /// (each is asked once: a series without an image is not decoded again at every refresh);
    /// marks them asked.
    QStringList takeThumbnailRequests();

    QLineEdit* searchField() const { return m_text; }
    QComboBox* modalityFilter() const { return m_modality; }
    QDateEdit* fromDate() const { return m_from; }
    QDateEdit* toDate() const { return m_to; }

private:
    bool matches(const BrowserRow& row) const;
    void rebuild();
    void updateModalities();

    StudyTree* m_tree;
    QLineEdit* m_text;
    QComboBox* m_modality;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QList<BrowserRow> m_rows;
    QHash<QString, QIcon> m_thumbnails;  // by series UID
    QHash<QString, int> m_thumbnailAsked;  // series UID -> instance count when asked
};

}  // namespace telerad
