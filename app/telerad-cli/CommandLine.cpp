#include "CommandLine.h"

#include <cstdio>

namespace telerad::cli {

int runRenderTest(const Invocation& invocation);
int runImport(const Invocation& invocation);
int runList(const Invocation& invocation);
int runCheck(const Invocation& invocation);

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"import", "import DICOM files, folders and DICOMDIR media into the archive", false, runImport},
        {"ls", "list the archive: --studies, --series STUDY_UID, --instances SERIES_UID", false, runList},
        {"check", "check the archive against its index and repair leftovers of a crash", false, runCheck},
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
