#pragma once
// telerad-cli's subcommand table. Each subcommand parses its own options; global options
// (--home) come before the subcommand name. Names and output formats are a contract with
// hospital scripts: change them only with the issues that define them.

#include <QStringList>

#include <functional>
#include <vector>

namespace telerad::cli {

struct Invocation {
    QString home;           ///< --home DIR, empty for the default data folder
    QStringList arguments;  ///< the subcommand's own arguments, its name first
};

struct Command {
    const char* name;
    const char* summary;
    bool needsGui;  ///< needs a QApplication (and an X display) rather than a QCoreApplication
    std::function<int(const Invocation&)> run;
};

const std::vector<Command>& commands();

/// Exit codes shared by all subcommands.
enum ExitCode { kSuccess = 0, kPartialFailure = 1, kFatal = 2 };

/// Prints to stdout / stderr with a trailing newline.
void printLine(const QString& text);
void printError(const QString& text);

}  // namespace telerad::cli
