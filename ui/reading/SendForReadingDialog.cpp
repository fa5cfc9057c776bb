#include "SendForReadingDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>

namespace telerad {

SendForReadingDialog::SendForReadingDialog(const NodeBook& book, const QString& patient, QWidget* parent)
    : QDialog(parent), m_siteAe(book.site().aeTitle), m_node(new QComboBox(this)), m_indication(new QPlainTextEdit(this)),
      m_question(new QLineEdit(this)), m_urgency(new QComboBox(this)), m_physician(new QLineEdit(this)), m_phone(new QLineEdit(this)),
      m_replyTo(new QComboBox(this)) {
    setWindowTitle(tr("Send for reading"));
    for (const Node& node : book.nodes()) {
        m_node->addItem(node.tls ? node.name : tr("%1 (NOT SECURE)").arg(node.name), node.name);
        m_replyTo->addItem(tr("%1 (AE %2)").arg(node.name, node.aeTitle), node.aeTitle);
    }
    m_replyTo->insertItem(0, tr("This workstation (AE %1)").arg(m_siteAe), m_siteAe);
    m_replyTo->setCurrentIndex(0);
    for (Urgency u : {Urgency::Routine, Urgency::Urgent, Urgency::Emergency}) m_urgency->addItem(urgencyName(u), static_cast<int>(u));
    m_urgency->setItemText(0, tr("Routine (48 h)"));
    m_urgency->setItemText(1, tr("Urgent (4 h)"));
    m_urgency->setItemText(2, tr("Emergency (1 h)"));
    m_indication->setPlaceholderText(tr("Clinical indication: symptoms, history, why this examination"));
    m_indication->setFixedHeight(80);
    m_question->setPlaceholderText(tr("The question for the radiologist"));
    auto* form = new QFormLayout(this);
    form->addRow(new QLabel(tr("Patient: <b>%1</b>").arg(patient.toHtmlEscaped()), this));
    form->addRow(tr("Reading site"), m_node);
    form->addRow(tr("Indication"), m_indication);
    form->addRow(tr("Question"), m_question);
    form->addRow(tr("Urgency"), m_urgency);
    form->addRow(tr("Requesting physician"), m_physician);
    form->addRow(tr("Contact phone"), m_phone);
    form->addRow(tr("Report comes back to"), m_replyTo);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Send for reading"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SendForReadingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString SendForReadingDialog::readingNode() const { return m_node->currentData().toString(); }

ReadRequest SendForReadingDialog::request() const {
    return ReadRequest{m_indication->toPlainText().trimmed(), m_question->text().trimmed(),
                       static_cast<Urgency>(m_urgency->currentData().toInt()), m_physician->text().trimmed(), m_phone->text().trimmed(),
                       m_siteAe, m_replyTo->currentData().toString()};
}

void SendForReadingDialog::accept() {
    if (readingNode().isEmpty())
        return (void)QMessageBox::warning(this, windowTitle(), tr("There is no reading site in the address book yet (Settings > Network)."));
    if (m_indication->toPlainText().trimmed().isEmpty())
        return (void)QMessageBox::warning(this, windowTitle(), tr("Give the clinical indication: the radiologist reads for a reason."));
    QDialog::accept();
}

}  // namespace telerad
