#include "StudyBrowser.h"

#include "StudyTree.h"
#include "dicom/DicomText.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>

namespace telerad {

namespace {

const QDate kAnyDate(1900, 1, 1);                    // a date edit at its minimum shows "any"

QDateEdit* dateFilter(const QString& objectName, QWidget* parent) {
    auto* edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(QObject::tr("any"));
    edit->setDate(kAnyDate);
    return edit;
}

}  // namespace

StudyBrowser::StudyBrowser(QWidget* parent)
    : QWidget(parent), m_tree(new StudyTree(this)), m_text(new QLineEdit(this)), m_modality(new QComboBox(this)),
      m_from(dateFilter(QStringLiteral("fromDate"), this)), m_to(dateFilter(QStringLiteral("toDate"), this)) {
    m_text->setPlaceholderText(tr("Name, patient ID or accession"));
    m_text->setClearButtonEnabled(true);
    m_text->setObjectName(QStringLiteral("studySearch"));
    m_modality->setObjectName(QStringLiteral("modalityFilter"));
    m_modality->addItem(tr("All modalities"));
    m_tree->setHeaderLabels({tr("Patient / Study / Series"), tr("Images")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setIconSize(QSize(48, 48));
    m_tree->setObjectName(QStringLiteral("studyBrowser"));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 0, 0, 1, 4);
    layout->addWidget(new QLabel(tr("From"), this), 1, 0);
    layout->addWidget(m_from, 1, 1);
    layout->addWidget(new QLabel(tr("to"), this), 1, 2);
    layout->addWidget(m_to, 1, 3);
    layout->addWidget(m_modality, 2, 0, 1, 4);
    layout->addWidget(m_tree, 3, 0, 1, 4);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(3, 1);

    connect(m_text, &QLineEdit::textChanged, this, &StudyBrowser::rebuild);
    connect(m_modality, &QComboBox::currentIndexChanged, this, &StudyBrowser::rebuild);
    connect(m_from, &QDateEdit::dateChanged, this, &StudyBrowser::rebuild);
    connect(m_to, &QDateEdit::dateChanged, this, &StudyBrowser::rebuild);
}

void StudyBrowser::setRows(const QList<BrowserRow>& rows) {
    m_rows = rows;
    updateModalities();
    rebuild();
}

// A series without a Modality is listed but offers no choice here: an empty entry would be
// found as "all modalities" (the empty choice) and hide every other series.
void StudyBrowser::updateModalities() {
    QSet<QString> present;
    for (const BrowserRow& row : m_rows)
        if (!row.modality.isEmpty()) present.insert(row.modality);
    QStringList sorted(present.begin(), present.end());
    sorted.sort();
    const QString chosen = m_modality->currentIndex() > 0 ? m_modality->currentText() : QString();
    const QSignalBlocker quiet(m_modality);
    while (m_modality->count() > 1) m_modality->removeItem(1);
    m_modality->addItems(sorted);
    m_modality->setCurrentIndex(chosen.isEmpty() ? 0 : std::max(0, m_modality->findText(chosen)));
}

// Study dates are DICOM DA (YYYYMMDD); a study without a date passes only open ranges.
bool StudyBrowser::matches(const BrowserRow& row) const {
    const QString text = m_text->text().trimmed();
    if (!text.isEmpty() && !row.patientName.contains(text, Qt::CaseInsensitive) && !displayPersonName(row.patientName).contains(text, Qt::CaseInsensitive) &&
        !row.patientId.contains(text, Qt::CaseInsensitive) && !row.accession.contains(text, Qt::CaseInsensitive))
        return false;
    if (m_modality->currentIndex() > 0 && row.modality != m_modality->currentText()) return false;
    const QDate date = QDate::fromString(row.studyDate, QStringLiteral("yyyyMMdd"));
    if (m_from->date() != kAnyDate && (!date.isValid() || date < m_from->date())) return false;
    if (m_to->date() != kAnyDate && (!date.isValid() || date > m_to->date())) return false;
    return true;
}

QList<BrowserRow> StudyBrowser::visibleRows() const {
    QList<BrowserRow> shown;
    for (const BrowserRow& row : m_rows)
        if (matches(row)) shown << row;
    return shown;
}

namespace {

// Labels that never show an empty pair of brackets or a dangling dash: real archives hold
// anonymous patients, studies without a date and series without a description.
QString patientLabel(const BrowserRow& row) {
    const QString name = displayPersonName(row.patientName);
    return QStringLiteral("%1 (%2)").arg(name.isEmpty() ? StudyBrowser::tr("no name") : name,
                                         row.patientId.isEmpty() ? StudyBrowser::tr("no ID") : row.patientId);
}

QString studyLabel(const BrowserRow& row) {
    const QDate date = QDate::fromString(row.studyDate, QStringLiteral("yyyyMMdd"));
    const QString when = date.isValid() ? date.toString(Qt::ISODate) : row.studyDate.isEmpty() ? StudyBrowser::tr("no date") : row.studyDate;
    return row.studyDescription.isEmpty() ? when : when + QLatin1Char(' ') + row.studyDescription;
}

// "CT - Axial 2 mm": the modality first (the browser menu reads it from there).
QString seriesLabel(const BrowserRow& row) {
    if (row.modality.isEmpty()) return row.seriesDescription.isEmpty() ? StudyBrowser::tr("no description") : row.seriesDescription;
    return row.seriesDescription.isEmpty() ? row.modality : row.modality + QStringLiteral(" - ") + row.seriesDescription;
}

}  // namespace

void StudyBrowser::rebuild() {
    m_tree->clear();
    QHash<QString, QTreeWidgetItem*> patients, studies;
    for (const BrowserRow& row : visibleRows()) {
        QTreeWidgetItem*& patient = patients[row.patientId + QLatin1Char('\n') + row.patientName];
        if (!patient) patient = new QTreeWidgetItem(m_tree, {patientLabel(row)});
        QTreeWidgetItem*& study = studies[row.studyUid];
        if (!study) {
            study = new QTreeWidgetItem(patient, {studyLabel(row)});
            study->setToolTip(0, row.accession.isEmpty() ? row.studyUid : tr("%1\naccession %2").arg(row.studyUid, row.accession));
            study->setData(0, kSendableUidRole, row.studyUid);
        }
        auto* series = new QTreeWidgetItem(study, {seriesLabel(row), QString::number(row.instances)});
        series->setData(0, Qt::UserRole, row.seriesUid);
        series->setToolTip(0, row.seriesUid);
        series->setData(0, kSendableUidRole, row.seriesUid);
        series->setIcon(0, m_thumbnails.value(row.seriesUid));
    }
    m_tree->expandAll();
}

void StudyBrowser::setThumbnail(const QString& seriesUid, const QImage& thumbnail) {
    const QIcon icon(QPixmap::fromImage(thumbnail));
    m_thumbnails.insert(seriesUid, icon);
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == seriesUid) (*it)->setIcon(0, icon);
}

QStringList StudyBrowser::takeThumbnailRequests() {
    QStringList wanted;
    for (const BrowserRow& row : m_rows) {
        if (row.modality == QLatin1String("SR") || row.modality == QLatin1String("DOC")) continue;  // reports have no image
        int& asked = m_thumbnailAsked[row.seriesUid];
        if (asked == row.instances) continue;
        asked = row.instances;
        wanted << row.seriesUid;
    }
    return wanted;
}

}  // namespace telerad
