#pragma once
// telerad-render: the subcommands of telerad-cli that draw with VTK, run in this helper
// beside telerad-cli (which execs it) so that the headless subcommands do not load VTK and
// Qt's GUI (about 80 more libraries: 0.1 s at every start of telerad-cli).

#include <QString>
#include <QStringList>

namespace telerad::render {

enum ExitCode { kSuccess = 0, kPartialFailure = 1, kFatal = 2 };  // as telerad-cli's

void printLine(const QString& text);
void printError(const QString& text);

/// `render-test --out FILE.png [--size WxH]`; `arguments` start with the subcommand name.
int runRenderTest(const QStringList& arguments);
/// `render SERIES_UID --out FILE.png [--slice N] [--view V] [--wl C/W] [--size WxH]` on the
/// archive of data folder `home` (empty: the default one).
int runRender(const QString& home, const QStringList& arguments);

}  // namespace telerad::render
