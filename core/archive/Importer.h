#pragma once
// Imports files, folders (recursively) and DICOMDIR media into the archive. One bad file
// never stops an import: it gets a line in the report naming it and the reason.

#include "Archive.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <map>

namespace telerad {

struct ImportReport {
    struct Rejection {
        QString path;
        QString message;  ///< names the file and says what is wrong with it
    };
    int imported = 0;
    int duplicates = 0;
    QList<Rejection> rejected;
    qint64 bytes = 0;  ///< size of the files looked at
    bool cancelled = false;
    /// Per study touched: (patient ID, study UID) -> instances imported and duplicates.
    std::map<std::pair<QString, QString>, std::pair<int, int>> studies;

    /// "imported N, duplicates D, rejected R": the summary line scripts read.
    QString summary() const;
};

class Importer {
public:
    explicit Importer(const Archive& archive) : m_archive(archive) {}

    /// Called from worker threads with (files done, files total).
    using Progress = std::function<void(int done, int total)>;

    /// Every file under `paths`, DICOMDIR references followed, in a stable order.
    static QStringList collectFiles(const QStringList& paths, QList<ImportReport::Rejection>* unreadable);

    /// Imports `paths` using all cores; each study it touched gets a record in the audit trail.
    /// `bytesDone`, when given, is kept up to date with the size of the files processed
    /// (for a rate display).
    ImportReport run(const QStringList& paths, const Progress& progress = {},
                     const std::atomic_bool* cancel = nullptr, std::atomic<qint64>* bytesDone = nullptr) const;

private:
    const Archive& m_archive;
};

}  // namespace telerad
