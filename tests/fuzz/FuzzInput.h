#pragma once
// What the fuzz targets share: a Qt application for Qt Sql, and the fuzzer's bytes read as
// DICOM (with or without preamble and meta header, any transfer syntax DCMTK detects).

#include "archive/Archive.h"
#include "dicom/DicomErrors.h"

#include <dcmtk/dcmdata/dcfilefo.h>

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdint>
#include <memory>

namespace telerad::fuzz {

inline void ensureApplication() {
    static int argc = 1;
    static char name[] = "telerad-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

/// The process's archive in a temporary folder, DCMTK's log quiet, made on first use. No
/// flush per file (as `serve --no-flush`): a fuzzer stores thousands of inputs a second.
inline const Archive& archive() {
    ensureApplication();
    static const bool quiet = (quietDicomToolkitLog(), true);
    (void)quiet;
    static QTemporaryDir home;
    static Archive archive = [] {
        auto opened = Archive::open(home.path());
        if (!opened.ok()) qFatal("%s", qPrintable(opened.error()));
        opened->setDurability(Durability::LeaveToSystem);
        return opened.value();
    }();
    return archive;
}

/// The bytes as a DICOM file or bare dataset; null when DCMTK refuses them. Read from a file
/// (in memory, /dev/shm) as the importer and the SCP's spool do: DCMTK then refuses a declared
/// length beyond the end of the file before reserving it, where from a memory buffer it would
/// first reserve up to 4 GB (address space only, but slow under ASan).
/// Writes the bytes to the file `name` in this process's folder in /dev/shm; its path, or
/// empty when it cannot.
inline std::string writeInput(const uint8_t* data, size_t size, const std::string& name = "input.dcm") {
    static const std::string folder = "/dev/shm/telerad-fuzz-" + std::to_string(::getpid());
    static const bool made = ::mkdir(folder.c_str(), 0700) == 0 || errno == EEXIST;
    if (!made) return {};
    const std::string path = folder + "/" + name;
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return {};
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

inline std::unique_ptr<DcmFileFormat> parse(const uint8_t* data, size_t size) {
    const std::string path = writeInput(data, size);
    if (path.empty()) return nullptr;
    auto file = std::make_unique<DcmFileFormat>();
    const OFCondition cond = loadDicomFile(*file, QString::fromStdString(path));  // guarded, as DicomClient's retrievals are
    return cond.good() ? std::move(file) : nullptr;
}

}  // namespace telerad::fuzz
