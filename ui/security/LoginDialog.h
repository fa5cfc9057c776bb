#pragma once
// The login of a data folder that has user accounts: user name, password and, when the
// account has one, the TOTP code. The check (scrypt, SQLite) runs off the GUI thread. The
// same dialog unlocks a session locked after inactivity, for the signed-in user only.

#include "security/UserAccounts.h"

#include <QDialog>
#include <QThreadPool>

class QLabel;
class QLineEdit;
class QPushButton;

namespace telerad {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    /// Login at start: any account. With `lockedUser`, unlocking: only that user.
    explicit LoginDialog(QString dataFolderRoot, QString lockedUser = {}, QWidget* parent = nullptr);
    ~LoginDialog() override;

    /// Valid once the dialog was accepted.
    const SignedIn& session() const { return m_session; }

    QLineEdit* userEdit() const { return m_user; }
    QLineEdit* passwordEdit() const { return m_password; }
    QLineEdit* codeEdit() const { return m_code; }
    QLabel* errorLabel() const { return m_error; }
    /// Signs in with what the fields hold (the button).
    void signIn();

private:
    void onChecked(const Result<SignedIn>& result);

    QString m_root, m_lockedUser;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_code;
    QLabel* m_error;
    QPushButton* m_signIn;
    SignedIn m_session;
    QThreadPool m_pool;  // one check at a time; joined before the dialog goes
};

}  // namespace telerad
