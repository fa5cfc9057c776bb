#pragma once
// Runs telerad-cli as a script would, for integration tests. The test target defines
// TELERAD_CLI as the path of the built executable (see tests/integration/CMakeLists.txt).

#include <QProcess>
#include <QStringList>

namespace telerad::test {

struct CliRun {
    int exitCode = -1;  ///< -1 when it did not finish within the time limit
    QStringList out;    ///< stdout lines
    QStringList err;    ///< stderr lines
};

inline CliRun runCli(const QStringList& arguments, int timeoutMs = 240000,
                     const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TELERAD_CLI), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    run.err = QString::fromLocal8Bit(process.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return run;
}

}  // namespace telerad::test
