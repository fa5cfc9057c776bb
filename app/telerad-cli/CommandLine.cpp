#include "CommandLine.h"

#include <cstdio>

namespace telerad::cli {

int runRenderTest(const Invocation& invocation);

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"render-test", "render a known VTK scene offscreen and write it as PNG", true, runRenderTest},
    };
    return table;
}

void printLine(const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
}

}  // namespace telerad::cli
