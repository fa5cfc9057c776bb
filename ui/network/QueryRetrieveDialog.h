#pragma once
// File > Query/Retrieve: search a node's studies (C-FIND) and bring one into the archive
// with the node's retrieve method (C-GET by default, which works behind NAT). Not modal:
// the radiologist keeps reading while priors arrive.

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace telerad {

class NetworkService;
struct RemoteStudy;

class QueryRetrieveDialog : public QDialog {
    Q_OBJECT
public:
    QueryRetrieveDialog(const QStringList& nodeNames, NetworkService* network, QWidget* parent = nullptr);

    QComboBox* node = nullptr;
    QLineEdit *patientName = nullptr, *patientId = nullptr, *studyDate = nullptr, *modality = nullptr, *accession = nullptr;
    QPushButton *search = nullptr, *retrieveButton = nullptr;
    QTableWidget* results = nullptr;
    QLabel* status = nullptr;

private:
    void startSearch();
    void showStudies(const QString& node, const QList<RemoteStudy>& studies, const QString& error);
    void retrieveSelected();

    NetworkService* m_network;
};

}  // namespace telerad
