#include "LoginDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace telerad {

LoginDialog::LoginDialog(QString dataFolderRoot, QString lockedUser, QWidget* parent)
    : QDialog(parent), m_root(std::move(dataFolderRoot)), m_lockedUser(std::move(lockedUser)) {
    const bool unlocking = !m_lockedUser.isEmpty();
    setWindowTitle(unlocking ? tr("Telerad is locked") : tr("Sign in to Telerad"));
    m_user = new QLineEdit(m_lockedUser, this);
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_user->setReadOnly(unlocking);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("loginCode"));
    m_code->setPlaceholderText(tr("6 digits, when your account has a second factor"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Code (TOTP)"), m_code);
    auto* buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(unlocking ? tr("Unlock") : tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("loginButton"));
    m_signIn->setDefault(true);
    // A locked session cannot be closed from here: only the password opens it again.
    if (!unlocking) buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    if (unlocking)
        layout->addWidget(new QLabel(tr("The session of %1 was locked after a period without activity.").arg(m_lockedUser), this));
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(460);  // the error and the code's hint on one or two lines, not five
    m_pool.setMaxThreadCount(1);
    (unlocking ? m_password : m_user)->setFocus();
}

LoginDialog::~LoginDialog() { m_pool.waitForDone(); }

void LoginDialog::signIn() {
    m_signIn->setEnabled(false);
    m_error->setText(tr("Checking..."));
    const Credentials credentials{m_user->text().trimmed(), m_password->text(), m_code->text().trimmed()};
    const QString root = m_root, detail = m_lockedUser.isEmpty() ? QStringLiteral("Telerad workstation") : QStringLiteral("unlocked the workstation");
    (void)QtConcurrent::run(&m_pool, [this, root, credentials, detail] {
        Result<SignedIn> result = telerad::signIn(root, credentials);
        if (result.ok()) (void)recordAudit(root, {QString(audit::kLogin), true, {}, {}, {}, detail});
        QMetaObject::invokeMethod(this, [this, result] { onChecked(result); }, Qt::QueuedConnection);
    });
}

void LoginDialog::onChecked(const Result<SignedIn>& result) {
    m_signIn->setEnabled(true);
    m_password->clear();
    m_code->clear();
    if (!result.ok()) {
        m_error->setText(result.error());
        m_password->setFocus();
        return;
    }
    if (!m_lockedUser.isEmpty() && result->actor.user != m_lockedUser) {
        m_error->setText(tr("Only %1 can unlock this session.").arg(m_lockedUser));
        return;
    }
    m_session = result.value();
    m_error->clear();
    accept();
}

}  // namespace telerad
