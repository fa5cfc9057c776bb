#include "UserAccounts.h"

#include "Totp.h"
#include "common/UtcTime.h"

#include "common/Logging.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace telerad {

namespace {

// scrypt at N = 2^15, r = 8, p = 1: 32 MiB and about 0.1 s per check here, the cost OWASP
// suggests; a stolen users.sqlite then costs an attacker as much per guess.
constexpr quint64 kScryptN = 1u << 15;
constexpr quint64 kScryptR = 8, kScryptP = 1;
constexpr int kKeyBytes = 32, kSaltBytes = 16;
// CNIL's minimum for a password guarded by a lock after repeated failures.
constexpr int kMinimumPasswordLength = 8;

Result<QByteArray> scrypt(const QString& password, const QByteArray& salt, quint64 n, quint64 r, quint64 p) {
    const QByteArray secret = password.toUtf8();
    QByteArray key(kKeyBytes, '\0');
    const quint64 memory = 128 * n * r * p + (1u << 20);
    if (EVP_PBE_scrypt(secret.constData(), size_t(secret.size()), reinterpret_cast<const unsigned char*>(salt.constData()),
                       size_t(salt.size()), n, r, p, memory, reinterpret_cast<unsigned char*>(key.data()), size_t(key.size())) != 1)
        return failure(QStringLiteral("scrypt failed (OpenSSL)"));
    return key;
}

Status checkName(const QString& name) {
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!allowed.match(name).hasMatch())
        return failure(QStringLiteral("'%1' is not a valid user name (1 to 64 letters, digits, '.', '_', '@', '-')").arg(name));
    return success();
}

Status checkPassword(const QString& password) {
    if (password.size() < kMinimumPasswordLength)
        return failure(QStringLiteral("the password is too short: at least %1 characters").arg(kMinimumPasswordLength));
    return success();
}

// The code is accepted for the step before and after now (clocks drift), once only.
std::optional<qint64> acceptedTotpStep(const QByteArray& secret, const QString& code, qint64 lastUsedStep) {
    const qint64 now = totp::stepAt(QDateTime::currentSecsSinceEpoch());
    for (qint64 step = now - 1; step <= now + 1; ++step)
        if (step > lastUsedStep && totp::code(secret, step) == code.trimmed()) return step;
    return std::nullopt;
}

}  // namespace

QString roleName(Role role) {
    switch (role) {
    case Role::Radiologist: return QStringLiteral("radiologist");
    case Role::Staff: return QStringLiteral("staff");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name) {
    for (Role role : {Role::Radiologist, Role::Staff, Role::Admin})
        if (roleName(role) == name) return role;
    return std::nullopt;
}

bool roleAllows(Role role, Permission permission) {
    switch (permission) {
    case Permission::SignReports: return role == Role::Radiologist;
    case Permission::ManageNodes:
    case Permission::ManageUsers:
    case Permission::ManageCertificates:
    case Permission::ReadAuditTrail:
    case Permission::DeleteStudies: return role == Role::Admin;
    }
    return false;
}

QString permissionHolders(Permission permission) {
    switch (permission) {
    case Permission::SignReports: return QStringLiteral("only a radiologist writes and signs reports");
    case Permission::ManageNodes: return QStringLiteral("only an administrator changes the nodes and the site identity");
    case Permission::ManageUsers: return QStringLiteral("only an administrator manages user accounts");
    case Permission::ManageCertificates: return QStringLiteral("only an administrator changes keys and certificates");
    case Permission::ReadAuditTrail: return QStringLiteral("only an administrator reads the audit trail");
    case Permission::DeleteStudies: return QStringLiteral("only an administrator deletes studies from the archive");
    }
    return {};
}

Result<QString> hashPassword(const QString& password) {
    QByteArray salt(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), kSaltBytes) != 1) return failure(QStringLiteral("no random salt (OpenSSL)"));
    auto key = scrypt(password, salt, kScryptN, kScryptR, kScryptP);
    if (!key.ok()) return failure(key.error());
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(kScryptN).arg(kScryptR).arg(kScryptP)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key->toBase64()));
}

// The parameters are read from the stored form, so raising the cost later keeps old hashes valid.
bool passwordMatches(const QString& password, const QString& stored) {
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String("scrypt")) return false;
    const QByteArray expected = QByteArray::fromBase64(parts[5].toLatin1());
    auto key = scrypt(password, QByteArray::fromBase64(parts[4].toLatin1()), parts[1].toULongLong(), parts[2].toULongLong(),
                      parts[3].toULongLong());
    return key.ok() && key->size() == expected.size() && CRYPTO_memcmp(key->constData(), expected.constData(), size_t(expected.size())) == 0;
}

Result<UserAccounts> UserAccounts::open(const QString& dataFolderRoot) {
    auto database = SqliteDatabase::open(dataFolderRoot + QStringLiteral("/users.sqlite"),
                                         QStringLiteral(":/telerad/core/security/users-v1.sql"), 1);
    if (!database.ok()) return failure(QStringLiteral("user accounts: %1").arg(database.error()));
    return UserAccounts(database.value());
}

Result<bool> UserAccounts::any() const {
    auto rows = m_database.select(QStringLiteral("SELECT 1 FROM users LIMIT 1"));
    if (!rows.ok()) return failure(rows.error());
    return !rows->isEmpty();
}

namespace {
const QString kAccountColumns = QStringLiteral("name, role, totp_secret != '', failed_logins, locked_until");
UserAccount accountOfRow(const QStringList& row) {
    return {row[0], roleFromName(row[1]).value_or(Role::Staff), row[2] == QLatin1String("1"), row[3].toInt(), fromIso(row[4])};
}
}  // namespace

Result<QList<UserAccount>> UserAccounts::list() const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM users ORDER BY name").arg(kAccountColumns));
    if (!rows.ok()) return failure(rows.error());
    QList<UserAccount> accounts;
    for (const QStringList& row : rows.value()) accounts << accountOfRow(row);
    return accounts;
}

Result<UserAccount> UserAccounts::find(const QString& name) const {
    auto rows = m_database.select(QStringLiteral("SELECT %1 FROM users WHERE name = ?").arg(kAccountColumns), {name});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("no user account named '%1'").arg(name));
    return accountOfRow(rows->first());
}

Result<UserAccount> UserAccounts::add(const QString& name, Role role, const QString& password) const {
    if (Status s = checkName(name); !s.ok()) return failure(s.error());
    if (Status s = checkPassword(password); !s.ok()) return failure(s.error());
    auto hash = hashPassword(password);
    if (!hash.ok()) return failure(hash.error());
    UserAccount account{name, role, false, 0, {}};
    Status added = m_database.writeTransaction([&](QSqlDatabase& db) -> Status {
        QSqlQuery existing(db);
        if (Status s = runQuery(existing, QStringLiteral("SELECT name FROM users")); !s.ok()) return s;
        bool first = true;
        while (existing.next()) {
            first = false;
            if (existing.value(0).toString() == name) return failure(QStringLiteral("a user account named '%1' already exists").arg(name));
        }
        if (first) account.role = Role::Admin;
        QSqlQuery insert(db);
        return runQuery(insert, QStringLiteral("INSERT INTO users(name, role, password, created_at) VALUES(?,?,?,?)"),
                        {name, roleName(account.role), hash.value(), isoNow()});
    });
    if (!added.ok()) return failure(added.error());
    return account;
}

Status UserAccounts::remove(const QString& name) const {
    return m_database.writeTransaction([&](QSqlDatabase& db) -> Status {
        QSqlQuery admins(db);
        if (Status s = runQuery(admins, QStringLiteral("SELECT COUNT(*), SUM(name = ?) FROM users WHERE role = 'admin'"), {name}); !s.ok()) return s;
        if (admins.next() && admins.value(0).toInt() == 1 && admins.value(1).toInt() == 1)
            return failure(QStringLiteral("'%1' is the last administrator: add another administrator first").arg(name));
        QSqlQuery removal(db);
        if (Status s = runQuery(removal, QStringLiteral("DELETE FROM users WHERE name = ?"), {name}); !s.ok()) return s;
        if (removal.numRowsAffected() == 0) return failure(QStringLiteral("no user account named '%1'").arg(name));
        return success();
    });
}

Status UserAccounts::setPassword(const QString& name, const QString& password) const {
    if (Status s = checkPassword(password); !s.ok()) return s;
    auto hash = hashPassword(password);
    if (!hash.ok()) return failure(hash.error());
    auto changed = m_database.update(QStringLiteral("UPDATE users SET password = ?, failed_logins = 0, locked_until = '' WHERE name = ?"),
                                     {hash.value(), name});
    if (!changed.ok()) return failure(changed.error());
    if (changed.value() == 0) return failure(QStringLiteral("no user account named '%1'").arg(name));
    return success();
}

Result<UserAccount> UserAccounts::authenticate(const QString& name, const QString& password, const QString& totpCode,
                                               const LoginPolicy& policy) const {
    auto rows = m_database.select(
        QStringLiteral("SELECT %1, password, totp_secret, last_totp_step FROM users WHERE name = ?").arg(kAccountColumns), {name});
    if (!rows.ok()) return failure(rows.error());
    const QString refused = QStringLiteral("login refused for '%1': wrong user name, password or code").arg(name);
    if (rows->isEmpty()) {
        (void)passwordMatches(password, QStringLiteral("scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$"));  // same time as a real check
        return failure(refused);
    }
    const QStringList& row = rows->first();
    const UserAccount account = accountOfRow(row);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (account.lockedUntil.isValid() && account.lockedUntil > now)
        return failure(QStringLiteral("the account '%1' is locked until %2 UTC after %3 failed logins")
                           .arg(name, account.lockedUntil.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                           .arg(account.failedLogins));
    std::optional<qint64> step;
    bool ok = passwordMatches(password, row[5]);
    if (ok && !row[6].isEmpty()) ok = (step = acceptedTotpStep(totp::fromBase32(row[6]), totpCode, row[7].toLongLong())).has_value();
    if (!ok) {
        const int failures = account.failedLogins + 1;
        const bool lock = failures >= policy.failuresBeforeLock;
        (void)m_database.update(QStringLiteral("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?"),
                                {failures, lock ? now.addSecs(policy.lockMinutes * 60).toString(Qt::ISODateWithMs) : QString(), name});
        if (lock) return failure(refused + QStringLiteral("; the account is now locked for %1 minutes").arg(policy.lockMinutes));
        return failure(refused);
    }
    auto reset = m_database.update(QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = '', last_totp_step = MAX(last_totp_step, ?) WHERE name = ?"),
                                   {step.value_or(0), name});
    if (!reset.ok()) return failure(reset.error());
    UserAccount loggedIn = account;
    loggedIn.failedLogins = 0;
    loggedIn.lockedUntil = {};
    return loggedIn;
}

Result<QString> UserAccounts::enrolSecondFactor(const QString& name) const {
    auto account = find(name);
    if (!account.ok()) return failure(account.error());
    const QByteArray secret = totp::newSecret();
    if (secret.isEmpty()) return failure(QStringLiteral("no random secret (OpenSSL)"));
    auto changed = m_database.update(QStringLiteral("UPDATE users SET totp_secret = ?, last_totp_step = 0 WHERE name = ?"),
                                     {totp::toBase32(secret), name});
    if (!changed.ok()) return failure(changed.error());
    return totp::enrolmentUri(QStringLiteral("Telerad"), name, secret);
}

Result<QString> readSecretFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return failure(QStringLiteral("cannot read the password file %1: %2").arg(path, file.errorString()));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        qCWarning(lcAudit).noquote() << path << "can be read by other users; keep password files mode 600";
    QString secret = QString::fromUtf8(file.readLine());
    while (secret.endsWith(QLatin1Char('\n')) || secret.endsWith(QLatin1Char('\r'))) secret.chop(1);
    return secret;
}

Credentials credentialsFrom(const QString& user, const QString& passwordFile, const QString& totpCode, QString* error) {
    Credentials c{user, qEnvironmentVariable("TELERAD_PASSWORD"), totpCode.isEmpty() ? qEnvironmentVariable("TELERAD_TOTP") : totpCode};
    if (!passwordFile.isEmpty()) {
        auto secret = readSecretFile(passwordFile);
        if (secret.ok()) c.password = secret.value();
        else *error = secret.error();
    }
    return c;
}

Result<SignedIn> signIn(const QString& dataFolderRoot, const Credentials& credentials) {
    auto accounts = UserAccounts::open(dataFolderRoot);
    if (!accounts.ok()) return failure(accounts.error());
    auto any = accounts->any();
    if (!any.ok()) return failure(any.error());
    if (!any.value()) {
        if (!credentials.user.isEmpty())
            return failure(QStringLiteral("this data folder has no user accounts, so there is no '%1' to act as; "
                                          "leave out the user name, or create the account first (users add)").arg(credentials.user));
        setAuditActor({});
        return SignedIn{auditActor(), std::nullopt};
    }
    if (credentials.user.isEmpty())
        return failure(QStringLiteral("this data folder has user accounts: give a user name and password"));
    if (credentials.password.isEmpty()) return failure(QStringLiteral("no password given for '%1'").arg(credentials.user));
    auto account = accounts->authenticate(credentials.user, credentials.password, credentials.totpCode);
    if (!account.ok()) {
        setAuditActor({credentials.user, QStringLiteral("not signed in")});
        (void)recordAudit(dataFolderRoot, {audit::kLoginFailed, false, {}, {}, {}, account.error()});
        setAuditActor({});
        return failure(account.error());
    }
    setAuditActor({account->name, roleName(account->role)});
    return SignedIn{auditActor(), account->role};
}

}  // namespace telerad
