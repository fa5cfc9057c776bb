#pragma once
// Local user accounts of a data folder (users.sqlite): roles, scrypt password hashes (a
// memory-hard KDF, from OpenSSL), an optional TOTP second factor, and a lock after
// repeated failures. A data folder without accounts is a single-user workstation: all
// actions are allowed and audited under the operating-system user.

#include "common/Result.h"
#include "common/SqliteDatabase.h"
#include "security/AuditTrail.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace telerad {

enum class Role { Radiologist, Staff, Admin };
QString roleName(Role role);  ///< "radiologist", "staff", "admin"
std::optional<Role> roleFromName(const QString& name);

/// What only some roles may do; everything else any account may do.
enum class Permission {
    SignReports,         ///< write and sign reports, claim worklist entries: radiologists
    ManageNodes,         ///< address book, site identity: administrators
    ManageUsers,         ///< accounts: administrators
    ManageCertificates,  ///< site key, certificates, trust: administrators
    ReadAuditTrail,      ///< the audit trail holds every patient's accesses: administrators
    DeleteStudies,       ///< remove studies from the archive for good: administrators
};
bool roleAllows(Role role, Permission permission);
/// Who may, in words: "only a radiologist writes and signs reports".
QString permissionHolders(Permission permission);

struct UserAccount {
    QString name;
    Role role = Role::Staff;
    bool secondFactor = false;
    int failedLogins = 0;
    QDateTime lockedUntil;  ///< invalid when not locked
};

struct LoginPolicy {
    int failuresBeforeLock = 5;
    int lockMinutes = 15;
};

class UserAccounts {
public:
    static Result<UserAccounts> open(const QString& dataFolderRoot);

    /// True when the folder has at least one account (then logins are required).
    Result<bool> any() const;
    Result<QList<UserAccount>> list() const;
    /// Adds an account; the first account of a folder is made an administrator whatever
    /// `role` says, so that someone can always manage the others.
    Result<UserAccount> add(const QString& name, Role role, const QString& password) const;
    /// Refuses to remove the last administrator.
    Status remove(const QString& name) const;
    Status setPassword(const QString& name, const QString& password) const;

    /// Checks the password (and the TOTP code when enrolled); counts failures, locks after
    /// `policy.failuresBeforeLock` of them in a row. Errors say why, without telling an
    /// outsider whether the name exists.
    Result<UserAccount> authenticate(const QString& name, const QString& password, const QString& totpCode,
                                     const LoginPolicy& policy = {}) const;

    /// Enrols a new TOTP secret for `name`; returns the otpauth:// URI to show as a QR code.
    Result<QString> enrolSecondFactor(const QString& name) const;

private:
    explicit UserAccounts(SqliteDatabase database) : m_database(std::move(database)) {}
    Result<UserAccount> find(const QString& name) const;
    SqliteDatabase m_database;
};

/// Who asks to act on a data folder, as a command line or a login dialog gives it.
struct Credentials {
    QString user, password, totpCode;
};

/// The first line of `path` (its newline is not part of a password); warns when the file
/// can be read by others.
Result<QString> readSecretFile(const QString& path);
/// Credentials from command-line values, falling back to $TELERAD_PASSWORD and $TELERAD_TOTP;
/// `error` is set when the password file cannot be read.
Credentials credentialsFrom(const QString& user, const QString& passwordFile, const QString& totpCode, QString* error);

/// What a sign-in decided: the actor audit records are made under, and its role when the
/// folder has accounts (none on a single-user workstation, where everything is allowed).
struct SignedIn {
    AuditActor actor;
    std::optional<Role> role;
    bool allows(Permission permission) const { return !role || roleAllows(*role, permission); }
};

/// Signs in to `dataFolderRoot`: without accounts, the system user (a user name given is
/// then an error, so nobody believes they acted under an account); with accounts, the
/// credentials are checked (failures audited as login-failed). On success the process's
/// audit actor is set.
Result<SignedIn> signIn(const QString& dataFolderRoot, const Credentials& credentials);

/// An scrypt hash of `password` in our stored form, and its check (constant time).
Result<QString> hashPassword(const QString& password);
bool passwordMatches(const QString& password, const QString& stored);

}  // namespace telerad
