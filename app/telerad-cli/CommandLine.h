#pragma once
// telerad-cli's subcommand table. Each subcommand parses its own options; global options
// (--home) come before the subcommand name. Names and output formats are a contract with
// hospital scripts: change them only with the issues that define them.

#include "common/Result.h"
#include "archive/StudyExport.h"
#include "security/AuditTrail.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <optional>

#include <QStringList>

#include <functional>
#include <initializer_list>
#include <vector>

class QCommandLineParser;

namespace telerad {
class Archive;
class NodeBook;
class TransferQueue;
struct RetryPolicy;
}

namespace telerad::cli {

struct Invocation {
    QString home;           ///< --home DIR, empty for the default data folder
    QStringList arguments;  ///< the subcommand's own arguments, its name first
    QString user;           ///< --user NAME, needed once the data folder has accounts
    QString passwordFile;   ///< --password-file FILE (else $TELERAD_PASSWORD)
    QString totpCode;       ///< --totp CODE (else $TELERAD_TOTP), when the account has a second factor
};

struct Command {
    const char* name;
    const char* summary;
    std::function<int(const Invocation&)> run;
};

const std::vector<Command>& commands();

/// Exit codes shared by all subcommands.
enum ExitCode { kSuccess = 0, kPartialFailure = 1, kFatal = 2 };

/// Prints to stdout / stderr with a trailing newline.
void printLine(const QString& text);
void printError(const QString& text);

/// Parses `invocation` with `parser` (adding --help); returns -1 to go on, or the exit code
/// to stop with (usage errors are printed, prefixed with the subcommand's `name`).
int parseOrExit(QCommandLineParser& parser, const Invocation& invocation, const char* name);

/// The data folder of this invocation (--home, $TELERAD_HOME, XDG), created when missing.
Result<QString> dataFolderRoot(const Invocation& invocation);
/// The node book (and site identity) in that data folder.
Result<NodeBook> openNodeBook(const Invocation& invocation);
/// Applies --aet / --port of `parser` (both optional) to the book's site identity, validates
/// and saves it.
Status applySiteIdentity(const QCommandLineParser& parser, NodeBook& book);
/// The archive in that data folder.
Result<Archive> openArchive(const Invocation& invocation);

/// A subcommand with actions of its own ("tls init", "nodes add"): runs the action named by
/// argument `depth`, giving it arguments "<names> <action>", options...; else prints `usage`.
struct NamedAction {
    const char* name;
    int (*run)(const Invocation&);
};
int dispatch(const Invocation& invocation, int depth, std::initializer_list<NamedAction> actions, const char* usage);

/// Runs queue job `id` to its end in the foreground: prints each refused instance, then
/// "sent N, failed F" (F counts `unreadable` files too); 0 when nothing failed, else 1.
int runJobToEnd(const char* name, const TransferQueue& queue, qint64 id, const NodeBook& book, const RetryPolicy& policy,
                int unreadable = 0);

/// Signs the invocation in before its subcommand runs. Without accounts in the data folder,
/// everything is allowed and audited under the system user; with accounts, --user and a
/// password are required, failures are audited, and the role must allow the subcommand.
/// Returns -1 to go on, else the exit code to stop with.
int signIn(const Invocation& invocation);

/// --deidentify, --clean-descriptors and --retain-dates, shared by `export` and `send`.
struct DeidentifyOptions {
    QCommandLineOption deidentify{QStringLiteral("deidentify"),
        QStringLiteral("PS3.15 Annex E Basic Profile: names, IDs, dates, places, free text and private attributes go, UIDs are replaced consistently.")};
    QCommandLineOption clean{QStringLiteral("clean-descriptors"), QStringLiteral("Keep study and series descriptions, cleaned of names and IDs.")};
    QCommandLineOption dates{QStringLiteral("retain-dates"), QStringLiteral("Keep dates and times (longitudinal follow-up).")};
    void addTo(QCommandLineParser& parser) const { parser.addOptions({deidentify, clean, dates}); }
    /// The options chosen, none without --deidentify; an error for an option without it.
    Result<std::optional<DeidentificationOptions>> chosen(const QCommandLineParser& parser) const;
};
/// Prints "skipped FILE: why" and "burned-in annotation FILE: why" lines on stderr.
void printExportProblems(const ExportReport& report);

/// Records `event` in the audit trail of this invocation's data folder.
void auditCommand(const Invocation& invocation, const AuditEvent& event);

/// Prints "`name`: `error`" on stderr and returns kFatal, for the common early exit.
int fatal(const char* name, const QString& error);

}  // namespace telerad::cli
