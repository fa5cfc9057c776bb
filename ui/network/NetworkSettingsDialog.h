#pragma once
// Settings > Network: this site's AE title and port, its certificate, and the address book
// of nodes (add, edit, remove, test with C-ECHO). Plain-TCP nodes are marked NOT SECURE.
// The book is written when the dialog is accepted; the DICOM service then restarts.

#include "net/NodeBook.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace telerad {

class NetworkService;

/// Edits one node. The certificate field names a PEM file to pin (copied on accept).
class NodeEditorDialog : public QDialog {
    Q_OBJECT
public:
    NodeEditorDialog(const Node& node, QWidget* parent = nullptr);
    Node node() const;
    QString certificateToPin() const;  ///< empty: keep the current one

    QLineEdit *name = nullptr, *aeTitle = nullptr, *host = nullptr, *certificate = nullptr;
    QSpinBox* port = nullptr;
    QCheckBox *tls = nullptr, *lowBandwidth = nullptr;
    QCheckBox *mayStore = nullptr, *mayFind = nullptr, *mayMove = nullptr, *mayGet = nullptr;
    QComboBox* retrieve = nullptr;
    QLabel* notSecure = nullptr;

private:
    Node m_original;
};

class NetworkSettingsDialog : public QDialog {
    Q_OBJECT
public:
    NetworkSettingsDialog(NodeBook book, NetworkService* network, QWidget* parent = nullptr);

    const NodeBook& book() const { return m_book; }
    QTableWidget* nodesTable() const { return m_nodes; }
    /// Puts `node` in the book (pinning `certificateFile` when given); false with a message box on error.
    bool putNode(const Node& node, const QString& certificateFile = {});
    /// Writes the book and restarts the service; the error in words, empty on success.
    QString save();

    enum Column { kName, kAeTitle, kHost, kPort, kSecurity, kAllowed, kBandwidth, kRetrieve, kColumnCount };

private:
    void showNodes();
    void editNode(const Node& node);
    QString selectedNode() const;
    void accept() override;

    NodeBook m_book;
    NetworkService* m_network;
    QLineEdit* m_aeTitle = nullptr;
    QSpinBox* m_port = nullptr;
    QSpinBox* m_plainPort = nullptr;  ///< 0 (shown as "off") or the port for plain nodes
    QTableWidget* m_nodes = nullptr;
    QLabel* m_echoResult = nullptr;
};

}  // namespace telerad
