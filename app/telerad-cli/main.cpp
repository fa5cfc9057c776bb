// telerad-cli: headless Telerad. `telerad-cli [--home DIR] SUBCOMMAND [options]`.

#include "CommandLine.h"

#include "common/Version.h"
#include "dicom/DicomErrors.h"

#include <QCoreApplication>

namespace {

using telerad::cli::Command;

QString usage() {
    QString text = QStringLiteral(
        "Usage: telerad-cli [--home DIR] SUBCOMMAND [options]\n"
        "       telerad-cli --version | --help\n\n"
        "Global options:\n"
        "  --home DIR            data folder (default: $TELERAD_HOME, else $XDG_DATA_HOME/telerad)\n"
        "  --user NAME           the account to act as, once the data folder has accounts\n"
        "  --password-file FILE  its password on the file's first line (else $TELERAD_PASSWORD)\n"
        "  --totp CODE           its one-time code, when it has a second factor (else $TELERAD_TOTP)\n\n"
        "Subcommands:\n");
    for (const Command& c : telerad::cli::commands())
        text += QStringLiteral("  %1%2\n").arg(QString::fromLatin1(c.name), -14).arg(QString::fromLatin1(c.summary));
    text += QStringLiteral("\n`telerad-cli SUBCOMMAND --help` describes a subcommand's options.");
    return text;
}

// The global options that take a value, and where each goes.
QString* globalOption(telerad::cli::Invocation& invocation, const QString& name) {
    if (name == QLatin1String("--home")) return &invocation.home;
    if (name == QLatin1String("--user")) return &invocation.user;
    if (name == QLatin1String("--password-file")) return &invocation.passwordFile;
    if (name == QLatin1String("--totp")) return &invocation.totpCode;
    return nullptr;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : telerad::cli::commands())
        if (name == QLatin1String(c.name)) return &c;
    return nullptr;
}

}  // namespace

int main(int argc, char* argv[]) {
    telerad::quietDicomToolkitLog();
    QStringList args;
    for (int i = 1; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);

    telerad::cli::Invocation invocation;
    while (!args.isEmpty() && args.front().startsWith(QLatin1String("--"))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--version")) {
            telerad::cli::printLine(QStringLiteral("telerad-cli %1").arg(QString::fromLatin1(telerad::kVersion)));
            return telerad::cli::kSuccess;
        }
        if (option == QLatin1String("--help")) {
            telerad::cli::printLine(usage());
            return telerad::cli::kSuccess;
        }
        QString* target = globalOption(invocation, option.section(QLatin1Char('='), 0, 0));
        if (target && option.contains(QLatin1Char('='))) {
            *target = option.section(QLatin1Char('='), 1);
        } else if (target && !args.isEmpty()) {
            *target = args.takeFirst();
        } else {
            telerad::cli::printError(QStringLiteral("telerad-cli: unknown global option %1\n\n%2").arg(option, usage()));
            return telerad::cli::kFatal;
        }
    }
    if (args.isEmpty()) {
        telerad::cli::printError(usage());
        return telerad::cli::kFatal;
    }
    const Command* command = findCommand(args.front());
    if (!command) {
        telerad::cli::printError(QStringLiteral("telerad-cli: unknown subcommand '%1'\n\n%2").arg(args.front(), usage()));
        return telerad::cli::kFatal;
    }
    invocation.arguments = args;

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("telerad-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(telerad::kVersion));
    if (int code = telerad::cli::signIn(invocation); code >= 0) return code;
    return command->run(invocation);
}
