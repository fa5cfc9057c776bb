#include "QueryRetrieveDialog.h"

#include "ListTable.h"
#include "NetworkService.h"
#include "dicom/DicomText.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace telerad {

QueryRetrieveDialog::QueryRetrieveDialog(const QStringList& nodeNames, NetworkService* network, QWidget* parent)
    : QDialog(parent), m_network(network) {
    setWindowTitle(tr("Query / Retrieve"));
    resize(900, 560);
    node = new QComboBox(this);
    node->addItems(nodeNames);
    patientName = new QLineEdit(this);
    patientName->setPlaceholderText(tr("DOE* (wildcards * and ?)"));
    patientId = new QLineEdit(this);
    studyDate = new QLineEdit(this);
    studyDate->setPlaceholderText(tr("20260101-20261231"));
    modality = new QLineEdit(this);
    modality->setPlaceholderText(tr("CT, MR..."));
    accession = new QLineEdit(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Node"), node);
    form->addRow(tr("Patient name"), patientName);
    form->addRow(tr("Patient ID"), patientId);
    form->addRow(tr("Study date"), studyDate);
    form->addRow(tr("Modality"), modality);
    form->addRow(tr("Accession number"), accession);

    search = new QPushButton(tr("Search"), this);
    search->setDefault(true);
    retrieveButton = new QPushButton(tr("Retrieve selected study"), this);
    retrieveButton->setEnabled(false);
    results = makeListTable({tr("Patient"), tr("ID"), tr("Date"), tr("Modalities"), tr("Description"), tr("Images")}, this);
    status = new QLabel(this);
    status->setWordWrap(true);
    status->setObjectName(QStringLiteral("queryStatus"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(search);
    layout->addWidget(results);
    layout->addWidget(retrieveButton);
    layout->addWidget(status);

    connect(search, &QPushButton::clicked, this, &QueryRetrieveDialog::startSearch);
    connect(retrieveButton, &QPushButton::clicked, this, &QueryRetrieveDialog::retrieveSelected);
    connect(results, &QTableWidget::itemSelectionChanged, this, [this] { retrieveButton->setEnabled(!results->selectedItems().isEmpty()); });
    connect(m_network, &NetworkService::studiesFound, this, &QueryRetrieveDialog::showStudies);
    connect(m_network, &NetworkService::retrieved, this, [this](const QString& from, const QString&, bool ok, const QString& text) {
        status->setText(tr("%1: %2").arg(from, text));
        status->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00000"));
    });
}

void QueryRetrieveDialog::startSearch() {
    if (node->currentText().isEmpty()) {
        status->setText(tr("No node in the address book yet (Settings > Network)."));
        return;
    }
    status->setText(tr("Searching %1...").arg(node->currentText()));
    search->setEnabled(false);
    m_network->findStudies(node->currentText(), {{QStringLiteral("PatientName"), patientName->text()},
                                                 {QStringLiteral("PatientID"), patientId->text()},
                                                 {QStringLiteral("StudyDate"), studyDate->text()},
                                                 {QStringLiteral("ModalitiesInStudy"), modality->text()},
                                                 {QStringLiteral("AccessionNumber"), accession->text()}});
}

void QueryRetrieveDialog::showStudies(const QString& from, const QList<RemoteStudy>& studies, const QString& error) {
    search->setEnabled(true);
    results->setRowCount(0);
    if (!error.isEmpty()) {
        status->setText(tr("%1: %2").arg(from, error));
        status->setStyleSheet(QStringLiteral("color: #b00000"));
        return;
    }
    status->setStyleSheet(QString());
    status->setText(tr("%n study(ies) at %1", nullptr, static_cast<int>(studies.size())).arg(from));
    for (const RemoteStudy& s : studies) {
        const int row = results->rowCount();
        results->insertRow(row);
        const QStringList texts{displayPersonName(s.patientName), s.patientId, s.date, s.modalities, s.description, QString::number(s.instances)};
        for (int column = 0; column < texts.size(); ++column) results->setItem(row, column, new QTableWidgetItem(texts[column]));
        results->item(row, 0)->setData(Qt::UserRole, s.studyUid);
        results->item(row, 0)->setToolTip(s.studyUid);
    }
}

void QueryRetrieveDialog::retrieveSelected() {
    const QList<QTableWidgetItem*> selected = results->selectedItems();
    if (selected.isEmpty()) return;
    const QString studyUid = results->item(selected.front()->row(), 0)->data(Qt::UserRole).toString();
    status->setText(tr("Retrieving %1 from %2...").arg(studyUid, node->currentText()));
    m_network->retrieve(node->currentText(), studyUid);
}

}  // namespace telerad
