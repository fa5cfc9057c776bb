#include "NetworkSettingsDialog.h"

#include "ListTable.h"
#include "NetworkService.h"
#include "net/Pki.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace telerad {

namespace {

const QString kNotSecureStyle = QStringLiteral("color: #b00000; font-weight: bold");

QSpinBox* portBox(quint16 value, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(1, 65535);
    box->setValue(value);
    return box;
}

// What the dialog says of the site's certificate, and whether to say it in red (near its
// end or past it).
std::pair<QString, bool> siteCertificateText(const SiteIdentity& site) {
    if (!site.hasCertificate())
        return {NetworkSettingsDialog::tr("No certificate yet: create one with \"telerad-cli tls init\" or import your "
                                          "network's with \"telerad-cli tls import\". Without it the DICOM service stays off."),
                false};
    auto info = pki::describeCertificateFile(site.certificateFile);
    if (!info.ok()) return {NetworkSettingsDialog::tr("Certificate unreadable: %1").arg(info.error()), false};
    const QString summary = NetworkSettingsDialog::tr("Certificate: %1, issued by %2, valid until %3").arg(info->subject, info->issuer, info->notAfter);
    const QString expiry = pki::expiryWarning(info.value(), QDateTime::currentDateTimeUtc());
    if (expiry.isEmpty()) return {summary, false};
    return {summary + QStringLiteral("\n") +
                NetworkSettingsDialog::tr("This certificate %1: TLS associations fail once it has expired. Renew it (\"telerad-cli tls init\", or a new one from your network's CA with \"telerad-cli tls import\").").arg(expiry),
            true};
}

}  // namespace

NodeEditorDialog::NodeEditorDialog(const Node& node, QWidget* parent) : QDialog(parent), m_original(node) {
    setWindowTitle(node.name.isEmpty() ? tr("New DICOM node") : tr("DICOM node %1").arg(node.name));
    name = new QLineEdit(node.name, this);
    aeTitle = new QLineEdit(node.aeTitle, this);
    aeTitle->setMaxLength(16);
    host = new QLineEdit(node.host, this);
    port = portBox(node.port, this);
    tls = new QCheckBox(tr("TLS with certificates (BCP 195)"), this);
    tls->setChecked(node.tls);
    notSecure = new QLabel(tr("Plain TCP: NOT SECURE. Patient data crosses the network unencrypted and the peer is not authenticated."), this);
    notSecure->setStyleSheet(kNotSecureStyle);
    notSecure->setWordWrap(true);
    notSecure->setVisible(!node.tls);
    connect(tls, &QCheckBox::toggled, notSecure, [this](bool on) { notSecure->setVisible(!on); });
    certificate = new QLineEdit(this);
    certificate->setPlaceholderText(node.certificateFile.isEmpty() ? tr("none: any certificate from a trusted CA")
                                                                   : tr("pinned: %1").arg(node.certificateFile));
    auto* browse = new QPushButton(tr("Choose..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Peer certificate or its CA (PEM)"));
        if (!file.isEmpty()) certificate->setText(file);
    });
    auto* certificateRow = new QHBoxLayout;
    certificateRow->addWidget(certificate);
    certificateRow->addWidget(browse);

    mayStore = new QCheckBox(tr("send us studies"), this);
    mayFind = new QCheckBox(tr("query us"), this);
    mayMove = new QCheckBox(tr("retrieve (C-MOVE)"), this);
    mayGet = new QCheckBox(tr("retrieve (C-GET)"), this);
    mayStore->setChecked(node.allowed.testFlag(Operation::Store));
    mayFind->setChecked(node.allowed.testFlag(Operation::Find));
    mayMove->setChecked(node.allowed.testFlag(Operation::Move));
    mayGet->setChecked(node.allowed.testFlag(Operation::Get));
    auto* allowed = new QHBoxLayout;
    for (QCheckBox* box : {mayStore, mayFind, mayMove, mayGet}) allowed->addWidget(box);

    lowBandwidth = new QCheckBox(tr("slow link: send with lossless compression"), this);
    lowBandwidth->setChecked(node.lowBandwidth);
    retrieve = new QComboBox(this);
    retrieve->addItem(tr("C-GET (works behind NAT)"));
    retrieve->addItem(tr("C-MOVE (the node must reach our port)"));
    retrieve->setCurrentIndex(node.retrieve == RetrieveMethod::Get ? 0 : 1);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), name);
    form->addRow(tr("AE title"), aeTitle);
    form->addRow(tr("Host"), host);
    form->addRow(tr("Port"), port);
    form->addRow(tr("Security"), tls);
    form->addRow(QString(), notSecure);
    form->addRow(tr("Certificate"), certificateRow);
    form->addRow(tr("It may"), allowed);
    form->addRow(tr("Bandwidth"), lowBandwidth);
    form->addRow(tr("Retrieve by"), retrieve);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Node NodeEditorDialog::node() const {
    Node n = m_original;
    n.name = name->text().trimmed();
    n.aeTitle = aeTitle->text().trimmed();
    n.host = host->text().trimmed();
    n.port = static_cast<quint16>(port->value());
    n.tls = tls->isChecked();
    n.allowed = {};
    if (mayStore->isChecked()) n.allowed |= Operation::Store;
    if (mayFind->isChecked()) n.allowed |= Operation::Find;
    if (mayMove->isChecked()) n.allowed |= Operation::Move;
    if (mayGet->isChecked()) n.allowed |= Operation::Get;
    n.lowBandwidth = lowBandwidth->isChecked();
    n.retrieve = retrieve->currentIndex() == 0 ? RetrieveMethod::Get : RetrieveMethod::Move;
    return n;
}

QString NodeEditorDialog::certificateToPin() const { return certificate->text().trimmed(); }

NetworkSettingsDialog::NetworkSettingsDialog(NodeBook book, NetworkService* network, QWidget* parent)
    : QDialog(parent), m_book(std::move(book)), m_network(network) {
    setWindowTitle(tr("Network settings"));
    resize(900, 520);
    m_aeTitle = new QLineEdit(m_book.site().aeTitle, this);
    m_aeTitle->setMaxLength(16);
    m_port = portBox(m_book.site().port, this);
    const auto [certificateText, certificateEnding] = siteCertificateText(m_book.site());
    auto* certificate = new QLabel(certificateText, this);
    certificate->setObjectName(QStringLiteral("siteCertificate"));
    certificate->setWordWrap(true);
    if (certificateEnding) certificate->setStyleSheet(kNotSecureStyle);
    auto* site = new QGroupBox(tr("This site"), this);
    auto* siteForm = new QFormLayout(site);
    siteForm->addRow(tr("AE title"), m_aeTitle);
    m_plainPort = portBox(m_book.site().plainPort, this);
    m_plainPort->setObjectName(QStringLiteral("plainPort"));
    m_plainPort->setMinimum(0);
    m_plainPort->setSpecialValueText(tr("off"));
    m_plainPort->setValue(m_book.site().plainPort);
    m_plainPort->setToolTip(tr("A second port without TLS, for nodes marked plain (older modalities on the hospital "
                               "network). NOT SECURE: never open it to the internet."));
    siteForm->addRow(tr("Listening port (TLS)"), m_port);
    siteForm->addRow(tr("Plain-TCP port for plain nodes"), m_plainPort);
    siteForm->addRow(tr("Identity"), certificate);

    m_nodes = makeListTable({tr("Name"), tr("AE title"), tr("Host"), tr("Port"), tr("Security"), tr("May"), tr("Bandwidth"),
                             tr("Retrieve")}, this);
    m_nodes->setObjectName(QStringLiteral("nodesTable"));
    connect(m_nodes, &QTableWidget::cellDoubleClicked, this, [this] {
        if (auto node = m_book.find(selectedNode())) editNode(*node);
    });

    auto* add = new QPushButton(tr("Add..."), this);
    auto* edit = new QPushButton(tr("Edit..."), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* test = new QPushButton(tr("Test (C-ECHO)"), this);
    m_echoResult = new QLabel(this);
    m_echoResult->setObjectName(QStringLiteral("echoResult"));
    m_echoResult->setWordWrap(true);
    connect(add, &QPushButton::clicked, this, [this] { editNode(Node{}); });
    connect(edit, &QPushButton::clicked, this, [this] {
        if (auto node = m_book.find(selectedNode())) editNode(*node);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_book.remove(selectedNode()).ok()) showNodes();
    });
    // The echo uses the saved book: test after saving the node you just edited.
    connect(test, &QPushButton::clicked, this, [this] {
        m_echoResult->setText(tr("Testing %1...").arg(selectedNode()));
        m_network->echo(selectedNode());
    });
    connect(m_network, &NetworkService::echoed, this, [this](const QString& node, bool ok, const QString& text) {
        m_echoResult->setText(ok ? text : tr("%1: %2").arg(node, text));
        m_echoResult->setStyleSheet(ok ? QString() : kNotSecureStyle);
    });
    auto* nodeButtons = new QHBoxLayout;
    for (QPushButton* b : {add, edit, remove, test}) nodeButtons->addWidget(b);
    nodeButtons->addStretch();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &NetworkSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(site);
    layout->addWidget(new QLabel(tr("Address book: the only nodes that may connect to us, and where we send"), this));
    layout->addWidget(m_nodes);
    layout->addLayout(nodeButtons);
    layout->addWidget(m_echoResult);
    layout->addWidget(buttons);
    showNodes();
}

void NetworkSettingsDialog::showNodes() {
    m_nodes->setRowCount(0);
    for (const Node& n : m_book.nodes()) {
        const int row = m_nodes->rowCount();
        m_nodes->insertRow(row);
        const QStringList texts{n.name, n.aeTitle, n.host, QString::number(n.port),
                                n.tls ? tr("TLS") : tr("NOT SECURE (plain TCP)"), operationsToString(n.allowed),
                                n.lowBandwidth ? tr("slow link") : tr("normal"),
                                n.retrieve == RetrieveMethod::Get ? QStringLiteral("C-GET") : QStringLiteral("C-MOVE")};
        for (int column = 0; column < kColumnCount; ++column) m_nodes->setItem(row, column, new QTableWidgetItem(texts[column]));
        if (!n.tls) {
            m_nodes->item(row, kSecurity)->setForeground(QColor(0xb0, 0, 0));
            m_nodes->item(row, kSecurity)->setToolTip(tr("Patient data to and from this node is not encrypted"));
        }
    }
}

bool NetworkSettingsDialog::putNode(const Node& node, const QString& certificateFile) {
    Node toPut = node;
    if (!certificateFile.isEmpty()) {
        auto pinned = m_book.pinCertificate(node.name, certificateFile);
        if (!pinned.ok()) {
            QMessageBox::warning(this, tr("Certificate"), pinned.error());
            return false;
        }
        toPut.certificateFile = pinned.value();
    }
    if (Status s = m_book.put(toPut); !s.ok()) {
        QMessageBox::warning(this, tr("DICOM node"), s.error());
        return false;
    }
    showNodes();
    return true;
}

void NetworkSettingsDialog::editNode(const Node& node) {
    NodeEditorDialog editor(node, this);
    while (editor.exec() == QDialog::Accepted) {
        const Node edited = editor.node();
        if (!node.name.isEmpty() && edited.name != node.name) (void)m_book.remove(node.name);  // renamed; it exists
        if (putNode(edited, editor.certificateToPin())) return;
    }
}

QString NetworkSettingsDialog::selectedNode() const {
    const QList<QTableWidgetItem*> selected = m_nodes->selectedItems();
    return selected.isEmpty() ? QString() : m_nodes->item(selected.front()->row(), kName)->text();
}

QString NetworkSettingsDialog::save() {
    m_book.site().aeTitle = m_aeTitle->text().trimmed();
    m_book.site().port = static_cast<quint16>(m_port->value());
    m_book.site().plainPort = static_cast<quint16>(m_plainPort->value());
    if (m_book.site().plainPort == m_book.site().port) return tr("The plain-TCP port must differ from the TLS port.");
    if (Status s = validateAeTitle(m_book.site().aeTitle); !s.ok()) return s.error();
    if (Status s = m_book.save(); !s.ok()) return s.error();
    m_network->restartService();
    return {};
}

void NetworkSettingsDialog::accept() {
    const QString error = save();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Network settings"), error);
        return;
    }
    QDialog::accept();
}

}  // namespace telerad
