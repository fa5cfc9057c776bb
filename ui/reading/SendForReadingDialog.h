#pragma once
// "Send for reading" on a study: the reading node, the clinical indication and question,
// urgency, requesting physician, contact phone and where the report comes back.

#include "net/NodeBook.h"
#include "report/ReadRequest.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace telerad {

class SendForReadingDialog : public QDialog {
    Q_OBJECT
public:
    SendForReadingDialog(const NodeBook& book, const QString& patient, QWidget* parent = nullptr);

    QString readingNode() const;
    ReadRequest request() const;

    QComboBox* nodeBox() const { return m_node; }
    QPlainTextEdit* indicationEdit() const { return m_indication; }
    QComboBox* urgencyBox() const { return m_urgency; }

    /// Refuses (and says why) without a reading node or an indication.
    void accept() override;

private:
    QString m_siteAe;
    QComboBox* m_node;
    QPlainTextEdit* m_indication;
    QLineEdit* m_question;
    QComboBox* m_urgency;
    QLineEdit* m_physician;
    QLineEdit* m_phone;
    QComboBox* m_replyTo;
};

}  // namespace telerad
