// telerad-cli users add NAME --role radiologist|staff|admin --password-file F
// telerad-cli users list      (tab-separated: name, role, second factor on|off, active|locked until TIME)
// telerad-cli users remove NAME
// telerad-cli users passwd NAME --password-file F
// telerad-cli users totp NAME (enrols a TOTP second factor: prints the otpauth:// URI and its QR code)
// telerad-cli audit list [--patient ID] [--since DATE] [--user NAME] [--action ACTION]
//             (tab-separated: number, time UTC, user, role, action, outcome, patient ID, study UID, peer, detail)
// telerad-cli audit verify    ("audit trail intact: N records", exit 0; else "audit trail broken at record N: WHY", exit 1)
// telerad-cli audit export --out FILE.xml [--patient ID] [--since DATE]   (DICOM audit messages, PS3.15 A.5)
// telerad-cli audit forward [--host HOST [--port PORT] | --off]   ("forwarded N audit records to HOST:PORT")
//
// And the sign-in every subcommand goes through once a data folder has accounts.

#include "CommandLine.h"

#include "common/AtomicFile.h"
#include "security/AuditForwarder.h"
#include "security/AuditTrail.h"
#include "security/QrCode.h"
#include "security/UserAccounts.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSysInfo>

namespace telerad::cli {

namespace {

// Dates on the command line: "2026-12-01" (from its start, UTC) or a full ISO 8601 time.
Result<QDateTime> parseSince(const QString& text) {
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid()) return QDateTime(date, QTime(0, 0), Qt::UTC);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (time.isValid()) return time.toUTC();
    return failure(QStringLiteral("'%1' is not a date (YYYY-MM-DD) or an ISO 8601 time").arg(text));
}

Result<UserAccounts> openAccounts(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    return UserAccounts::open(root.value());
}

void auditUserChange(const Invocation& invocation, bool succeeded, const QString& detail) {
    auditCommand(invocation, {QString(audit::kUserChanged), succeeded, {}, {}, {}, detail});
}

int usersAdd(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Add a user account (the first one is an administrator)."));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Login name."));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("radiologist, staff or admin."), QStringLiteral("ROLE"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"), QStringLiteral("File whose first line is the password."), QStringLiteral("FILE"));
    parser.addOptions({role, passwordFile});
    if (int code = parseOrExit(parser, invocation, "users add"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(role) || !parser.isSet(passwordFile))
        return fatal("users add", QStringLiteral("usage: users add NAME --role radiologist|staff|admin --password-file FILE"));
    const std::optional<Role> chosen = roleFromName(parser.value(role));
    if (!chosen) return fatal("users add", QStringLiteral("unknown role '%1': radiologist, staff or admin").arg(parser.value(role)));
    auto password = readSecretFile(parser.value(passwordFile));
    if (!password.ok()) return fatal("users add", password.error());
    auto accounts = openAccounts(invocation);
    if (!accounts.ok()) return fatal("users add", accounts.error());
    const QString name = parser.positionalArguments().front();
    auto added = accounts->add(name, *chosen, password.value());
    if (!added.ok()) {
        auditUserChange(invocation, false, QStringLiteral("adding %1: %2").arg(name, added.error()));
        return fatal("users add", added.error());
    }
    const QString role_ = roleName(added->role);
    auditUserChange(invocation, true, QStringLiteral("added %1 (%2)").arg(name, role_));
    printLine(added->role != *chosen ? QStringLiteral("added %1 (%2: the first account administers the workstation)").arg(name, role_)
                                     : QStringLiteral("added %1 (%2)").arg(name, role_));
    return kSuccess;
}

int usersList(const Invocation& invocation) {
    auto accounts = openAccounts(invocation);
    if (!accounts.ok()) return fatal("users list", accounts.error());
    auto list = accounts->list();
    if (!list.ok()) return fatal("users list", list.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const UserAccount& a : list.value()) {
        const bool locked = a.lockedUntil.isValid() && a.lockedUntil > now;
        printLine(QStringList{a.name, roleName(a.role), a.secondFactor ? QStringLiteral("totp") : QStringLiteral("password-only"),
                              locked ? QStringLiteral("locked until %1").arg(a.lockedUntil.toString(Qt::ISODate)) : QStringLiteral("active")}
                      .join(QLatin1Char('\t')));
    }
    return kSuccess;
}

// "users remove NAME" and "users totp NAME": one positional name, no options.
Result<QString> onlyName(const Invocation& invocation, const char* name, int* exitCode) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Login name."));
    *exitCode = parseOrExit(parser, invocation, name);
    if (*exitCode >= 0) return failure(QString());
    if (parser.positionalArguments().size() != 1) {
        *exitCode = fatal(name, QStringLiteral("usage: %1 NAME").arg(QLatin1String(name)));
        return failure(QString());
    }
    return parser.positionalArguments().front();
}

int usersRemove(const Invocation& invocation) {
    int code = -1;
    auto name = onlyName(invocation, "users remove", &code);
    if (!name.ok()) return code;
    auto accounts = openAccounts(invocation);
    if (!accounts.ok()) return fatal("users remove", accounts.error());
    Status removed = accounts->remove(name.value());
    auditUserChange(invocation, removed.ok(), removed.ok() ? QStringLiteral("removed %1").arg(name.value()) : removed.error());
    if (!removed.ok()) return fatal("users remove", removed.error());
    printLine(QStringLiteral("removed %1").arg(name.value()));
    return kSuccess;
}

int usersPasswd(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Set a user's password (and unlock the account)."));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Login name."));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"), QStringLiteral("File whose first line is the password."), QStringLiteral("FILE"));
    parser.addOption(passwordFile);
    if (int code = parseOrExit(parser, invocation, "users passwd"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(passwordFile))
        return fatal("users passwd", QStringLiteral("usage: users passwd NAME --password-file FILE"));
    auto password = readSecretFile(parser.value(passwordFile));
    if (!password.ok()) return fatal("users passwd", password.error());
    auto accounts = openAccounts(invocation);
    if (!accounts.ok()) return fatal("users passwd", accounts.error());
    const QString name = parser.positionalArguments().front();
    Status changed = accounts->setPassword(name, password.value());
    auditUserChange(invocation, changed.ok(), changed.ok() ? QStringLiteral("new password for %1").arg(name) : changed.error());
    if (!changed.ok()) return fatal("users passwd", changed.error());
    printLine(QStringLiteral("password of %1 changed").arg(name));
    return kSuccess;
}

int usersTotp(const Invocation& invocation) {
    int code = -1;
    auto name = onlyName(invocation, "users totp", &code);
    if (!name.ok()) return code;
    auto accounts = openAccounts(invocation);
    if (!accounts.ok()) return fatal("users totp", accounts.error());
    auto uri = accounts->enrolSecondFactor(name.value());
    auditUserChange(invocation, uri.ok(), uri.ok() ? QStringLiteral("second factor enrolled for %1").arg(name.value()) : uri.error());
    if (!uri.ok()) return fatal("users totp", uri.error());
    printLine(uri.value());
    if (auto qr = QrCode::encode(uri.value()); qr.ok()) printLine(qr->toTerminalText());
    return kSuccess;
}

struct AuditOptions {
    QCommandLineOption patient{QStringLiteral("patient"), QStringLiteral("Only this patient ID."), QStringLiteral("ID")};
    QCommandLineOption since{QStringLiteral("since"), QStringLiteral("From this date (YYYY-MM-DD, UTC) or ISO 8601 time."), QStringLiteral("DATE")};
    QCommandLineOption user{QStringLiteral("user"), QStringLiteral("Only this user."), QStringLiteral("NAME")};
    QCommandLineOption action{QStringLiteral("action"), QStringLiteral("Only this action (study-viewed, login...)."), QStringLiteral("ACTION")};
    void addTo(QCommandLineParser& parser) const { parser.addOptions({patient, since, user, action}); }
    Result<AuditFilter> filter(const QCommandLineParser& parser) const {
        AuditFilter f{parser.value(patient), parser.value(user), parser.value(action), {}, {}};
        if (parser.isSet(since)) {
            auto from = parseSince(parser.value(since));
            if (!from.ok()) return failure(from.error());
            f.since = from.value();
        }
        return f;
    }
};

// Opens the trail and reads the records the options select; `name` prefixes errors.
Result<QList<AuditRecord>> selectedRecords(const Invocation& invocation, QCommandLineParser& parser, const AuditOptions& options,
                                           const QString& why) {
    auto filter = options.filter(parser);
    if (!filter.ok()) return failure(filter.error());
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    auto trail = AuditTrail::open(root.value());
    if (!trail.ok()) return failure(trail.error());
    auto records = trail->list(filter.value());
    (void)trail->record({audit::kAuditUsed, records.ok(), filter->patientId, {}, {}, why});
    return records;
}

int auditList(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the audit trail, tab-separated, oldest first."));
    const AuditOptions options;
    options.addTo(parser);
    if (int code = parseOrExit(parser, invocation, "audit list"); code >= 0) return code;
    auto records = selectedRecords(invocation, parser, options, QStringLiteral("audit list"));
    if (!records.ok()) return fatal("audit list", records.error());
    for (const AuditRecord& r : records.value())
        printLine(QStringList{QString::number(r.sequence), r.time.toString(Qt::ISODateWithMs), r.user, r.role, r.event.action,
                              r.event.succeeded ? QStringLiteral("success") : QStringLiteral("failure"), r.event.patientId,
                              r.event.studyUid, r.event.peer, QString(r.event.detail).replace(QLatin1Char('\t'), QLatin1Char(' '))}
                      .join(QLatin1Char('\t')));
    return kSuccess;
}

int auditVerify(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return fatal("audit verify", root.error());
    auto trail = AuditTrail::open(root.value());
    if (!trail.ok()) return fatal("audit verify", trail.error());
    auto check = trail->verify();
    if (!check.ok()) return fatal("audit verify", check.error());
    (void)trail->record({audit::kAuditUsed, check->intact, {}, {}, {}, QStringLiteral("audit verify")});
    if (!check->intact) {
        printLine(QStringLiteral("audit trail broken at record %1: %2").arg(check->brokenAt).arg(check->problem));
        return kPartialFailure;
    }
    printLine(QStringLiteral("audit trail intact: %1 records").arg(check->records));
    return kSuccess;
}

int auditExport(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Export the audit trail as DICOM audit messages (PS3.15 A.5 XML)."));
    const AuditOptions options;
    options.addTo(parser);
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The XML file to write."), QStringLiteral("FILE"));
    parser.addOption(out);
    if (int code = parseOrExit(parser, invocation, "audit export"); code >= 0) return code;
    if (!parser.isSet(out)) return fatal("audit export", QStringLiteral("usage: audit export --out FILE.xml [--patient ID] [--since DATE]"));
    auto records = selectedRecords(invocation, parser, options, QStringLiteral("audit export to %1").arg(parser.value(out)));
    if (!records.ok()) return fatal("audit export", records.error());
    if (Status written = writeFileAtomically(parser.value(out), auditMessagesXml(records.value(), QSysInfo::machineHostName()), FileAccess::OwnerOnly);
        !written.ok())
        return fatal("audit export", written.error());
    printLine(QStringLiteral("exported %1 audit records to %2").arg(records->size()).arg(parser.value(out)));
    return kSuccess;
}

// Sets, turns off, or (without options) runs the forwarding to an audit record repository.
int auditForward(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Forward the audit trail to an audit record repository (syslog over TLS, RFC 5425)."));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("The repository's host."), QStringLiteral("HOST"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Its port (6514)."), QStringLiteral("PORT"));
    const QCommandLineOption off(QStringLiteral("off"), QStringLiteral("Stop forwarding."));
    parser.addOptions({host, port, off});
    if (int code = parseOrExit(parser, invocation, "audit forward"); code >= 0) return code;
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return fatal("audit forward", root.error());
    if (parser.isSet(off) || parser.isSet(host)) {
        AuditRepository repository;
        if (parser.isSet(host)) {
            repository.host = parser.value(host);
            const int number = parser.isSet(port) ? parser.value(port).toInt() : 6514;
            if (number <= 0 || number > 65535) return fatal("audit forward", QStringLiteral("--port %1 is not a port").arg(parser.value(port)));
            repository.port = quint16(number);
        }
        Status saved = saveAuditRepository(root.value(), repository);
        auditCommand(invocation, {QString(audit::kSettingsChanged), saved.ok(), {}, {}, {},
                                  repository.enabled() ? QStringLiteral("audit forwarding to %1").arg(repository.describe())
                                                       : QStringLiteral("audit forwarding off")});
        if (!saved.ok()) return fatal("audit forward", saved.error());
        if (!repository.enabled()) {
            printLine(QStringLiteral("audit forwarding off"));
            return kSuccess;
        }
    }
    auto repository = loadAuditRepository(root.value());
    if (!repository.ok()) return fatal("audit forward", repository.error());
    if (!repository->enabled()) return fatal("audit forward", QStringLiteral("no audit repository: audit forward --host HOST [--port PORT]"));
    auto forwarded = forwardPendingAudit(root.value());
    if (!forwarded.ok()) {
        printError(QStringLiteral("audit forward: %1").arg(forwarded.error()));
        return kPartialFailure;
    }
    printLine(QStringLiteral("forwarded %1 audit records to %2").arg(forwarded.value()).arg(repository->describe()));
    return kSuccess;
}

// What only some roles may run; the rest any account may.
std::optional<Permission> requiredPermission(const QStringList& arguments) {
    const QString command = arguments.value(0), action = arguments.value(1);
    if (command == QLatin1String("users")) return Permission::ManageUsers;
    if (command == QLatin1String("audit")) return Permission::ReadAuditTrail;
    if (command == QLatin1String("delete")) return Permission::DeleteStudies;
    if ((command == QLatin1String("nodes") && action != QLatin1String("list")) || (command == QLatin1String("site") && arguments.size() > 1))
        return Permission::ManageNodes;
    if (command == QLatin1String("tls") && action != QLatin1String("show")) return Permission::ManageCertificates;
    if ((command == QLatin1String("report") && (action == QLatin1String("create") || action == QLatin1String("sign"))) ||
        (command == QLatin1String("worklist") && action == QLatin1String("claim")))
        return Permission::SignReports;
    return std::nullopt;
}

}  // namespace

int signIn(const Invocation& invocation) {
    const QString command = invocation.arguments.value(0);
    // The render helper signs in itself (a one-time code works once); help needs no account.
    if (command.startsWith(QLatin1String("render")) || invocation.arguments.contains(QLatin1String("--help"))) return -1;
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return fatal("telerad-cli", root.error());
    QString unreadable;
    const Credentials credentials = credentialsFrom(invocation.user, invocation.passwordFile, invocation.totpCode, &unreadable);
    if (!unreadable.isEmpty()) return fatal("telerad-cli", unreadable);
    auto signedIn = telerad::signIn(root.value(), credentials);
    if (!signedIn.ok()) {
        const QString hint = credentials.user.isEmpty() ? QStringLiteral(" (--user NAME, and --password-file FILE or $TELERAD_PASSWORD)") : QString();
        return fatal("telerad-cli", signedIn.error() + hint);
    }
    const std::optional<Permission> needed = requiredPermission(invocation.arguments);
    if (needed && !signedIn->allows(*needed)) {
        const QString what = invocation.arguments.mid(0, 2).join(QLatin1Char(' '));
        const QString refusal = QStringLiteral("%1 (%2) may not run '%3': %4")
                                    .arg(signedIn->actor.user, signedIn->actor.role, what, permissionHolders(*needed));
        (void)recordAudit(root.value(), {audit::kAccessDenied, false, {}, {}, {}, refusal});
        return fatal("telerad-cli", refusal);
    }
    // Every command is traced to who ran it: the account, or the system user without accounts.
    (void)recordAudit(root.value(), {audit::kLogin, true, {}, {}, {},
                                     QStringLiteral("telerad-cli %1").arg(invocation.arguments.join(QLatin1Char(' ')))});
    return -1;
}

int runUsers(const Invocation& invocation) {
    return dispatch(invocation, 1,
                    {{"add", usersAdd}, {"list", usersList}, {"remove", usersRemove}, {"passwd", usersPasswd}, {"totp", usersTotp}},
                    "usage: telerad-cli users add NAME --role radiologist|staff|admin --password-file FILE | users list | "
                    "users remove NAME | users passwd NAME --password-file FILE | users totp NAME");
}

int runAudit(const Invocation& invocation) {
    return dispatch(invocation, 1, {{"list", auditList}, {"verify", auditVerify}, {"export", auditExport}, {"forward", auditForward}},
                    "usage: telerad-cli audit list [--patient ID] [--since DATE] | audit verify | audit export --out FILE.xml | "
                    "audit forward [--host HOST [--port PORT] | --off]");
}

}  // namespace telerad::cli
