#include "CommandLine.h"

#include "archive/Archive.h"
#include "common/DataFolder.h"
#include "net/NodeBook.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace telerad::cli {

int runImport(const Invocation& invocation);
int runList(const Invocation& invocation);
int runCheck(const Invocation& invocation);
int runDelete(const Invocation& invocation);
int runExport(const Invocation& invocation);
int runTls(const Invocation& invocation);
int runNodes(const Invocation& invocation);
int runSite(const Invocation& invocation);
int runServe(const Invocation& invocation);
int runEcho(const Invocation& invocation);
int runSend(const Invocation& invocation);
int runFind(const Invocation& invocation);
int runMove(const Invocation& invocation);
int runGet(const Invocation& invocation);
int runQueue(const Invocation& invocation);
int runRenderHelper(const Invocation& invocation);
int runRequest(const Invocation& invocation);
int runRequests(const Invocation& invocation);
int runWorklistCommand(const Invocation& invocation);
int runReport(const Invocation& invocation);
int runUsers(const Invocation& invocation);
int runAudit(const Invocation& invocation);

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"import", "import DICOM files, folders and DICOMDIR media into the archive", runImport},
        {"ls", "list the archive: --studies, --series STUDY_UID, --instances SERIES_UID", runList},
        {"check", "check the archive against its index and repair leftovers of a crash", runCheck},
        {"delete", "delete an archived study or series (files and index rows)", runDelete},
        {"export", "copy a study or series to a folder, optionally de-identified (--deidentify)", runExport},
        {"tls", "site key and certificate: init, import, trust, show; a small CA: ca init|sign|issue", runTls},
        {"site", "this site's AE title and port: --aet AE --port PORT", runSite},
        {"nodes", "the address book of DICOM nodes: add, list, remove", runNodes},
        {"serve", "run the DICOM service (Verification, Storage, Query/Retrieve) until SIGINT/SIGTERM", runServe},
        {"echo", "C-ECHO a node", runEcho},
        {"send", "send files, folders or archived studies to a node through the transfer queue", runSend},
        {"find", "C-FIND at a node: --level study|series|image [KEY=VALUE...]", runFind},
        {"move", "C-MOVE a study from a node to us or to another node", runMove},
        {"get", "C-GET a study from a node over our own association (works behind NAT)", runGet},
        {"queue", "the transfer queue: list, run, retry, pause, cancel", runQueue},
        {"request", "send an archived study to a reading site with a read request", runRequest},
        {"requests", "read requests this site sent, with their state", runRequests},
        {"worklist", "the reading worklist (--json); worklist claim STUDY_UID", runWorklistCommand},
        {"report", "reports: create, sign, send, export, list, verify, ack, show, templates", runReport},
        {"users", "user accounts: add, list, remove, passwd, totp (administrators)", runUsers},
        {"audit", "the audit trail: list, verify, export (administrators)", runAudit},
        {"render-test", "render a known VTK scene offscreen and write it as PNG", runRenderHelper},
        {"render", "render an archived series (axial, coronal, sagittal, MIP or 3D) through the viewer and write it as PNG", runRenderHelper},
    };
    return table;
}

// Rendering needs VTK and Qt's GUI: it runs in the telerad-render helper installed beside
// us, which replaces this process (same arguments, output and exit code).
int runRenderHelper(const Invocation& invocation) {
    const QByteArray helper = QFile::encodeName(QCoreApplication::applicationDirPath() + QStringLiteral("/telerad-render"));
    std::vector<QByteArray> arguments{helper};
    const std::pair<const char*, QString> globals[] = {
        {"--home", invocation.home}, {"--user", invocation.user}, {"--password-file", invocation.passwordFile}, {"--totp", invocation.totpCode}};
    for (const auto& [name, value] : globals)
        if (!value.isEmpty()) arguments.insert(arguments.end(), {QByteArray(name), QFile::encodeName(value)});
    for (const QString& a : invocation.arguments) arguments.push_back(a.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& a : arguments) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(helper.constData(), argv.data());
    printError(QStringLiteral("%1: cannot run %2: %3").arg(invocation.arguments.value(0), QFile::decodeName(helper),
                                                           QString::fromLocal8Bit(std::strerror(errno))));
    return kFatal;
}

// One fputs per line: lines printed by the service's worker threads never interleave.
void printLine(const QString& text) {
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString& text) {
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
}

int parseOrExit(QCommandLineParser& parser, const Invocation& invocation, const char* name) {
    parser.addHelpOption();
    if (!parser.parse(invocation.arguments)) {
        printError(QStringLiteral("%1: %2").arg(QLatin1String(name), parser.errorText()));
        return kFatal;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return kSuccess;
    }
    return -1;
}

Result<QString> dataFolderRoot(const Invocation& invocation) {
    auto folder = DataFolder::open(invocation.home);
    if (!folder.ok()) return failure(folder.error());
    return folder->root();
}

Result<std::optional<DeidentificationOptions>> DeidentifyOptions::chosen(const QCommandLineParser& parser) const {
    if (!parser.isSet(deidentify)) {
        if (parser.isSet(clean) || parser.isSet(dates))
            return failure(QStringLiteral("--clean-descriptors and --retain-dates are options of --deidentify"));
        return std::optional<DeidentificationOptions>();
    }
    return std::optional<DeidentificationOptions>(DeidentificationOptions{parser.isSet(clean), parser.isSet(dates)});
}

void printExportProblems(const ExportReport& report) {
    for (const QString& line : report.skipped) printError(QStringLiteral("skipped %1").arg(line));
    for (const QString& line : report.burnedIn) printError(QStringLiteral("burned-in annotation %1").arg(line));
}

void auditCommand(const Invocation& invocation, const AuditEvent& event) {
    if (auto root = dataFolderRoot(invocation); root.ok()) (void)telerad::recordAudit(root.value(), event);
}

Result<NodeBook> openNodeBook(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    return NodeBook::load(root.value());
}

Result<Archive> openArchive(const Invocation& invocation) {
    auto root = dataFolderRoot(invocation);
    if (!root.ok()) return failure(root.error());
    return Archive::open(root.value());
}

int dispatch(const Invocation& invocation, int depth, std::initializer_list<NamedAction> actions, const char* usage) {
    const QString action = invocation.arguments.value(depth);
    for (const NamedAction& a : actions) {
        if (action != QLatin1String(a.name)) continue;
        Invocation sub = invocation;
        sub.arguments = QStringList{invocation.arguments.mid(0, depth + 1).join(QLatin1Char(' '))} +
                        invocation.arguments.mid(depth + 1);
        return a.run(sub);
    }
    const bool help = action == QLatin1String("--help") || action == QLatin1String("-h");
    (help ? printLine : printError)(QString::fromLatin1(usage));
    return help ? kSuccess : kFatal;
}

int fatal(const char* name, const QString& error) {
    printError(QStringLiteral("%1: %2").arg(QLatin1String(name), error));
    return kFatal;
}

}  // namespace telerad::cli
