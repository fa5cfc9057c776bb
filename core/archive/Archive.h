#pragma once
// The local archive: DICOM files under <data folder>/archive/<study>/<series>/<sop>.dcm plus
// the SQLite index. A file is in the archive completely or not at all: it is written to a
// temporary name, flushed to disk, renamed, and only then indexed in one transaction.
// Safe to call from several threads at once.

#include "ArchiveIndex.h"
#include "common/Result.h"

#include <QString>

#include <memory>
#include <optional>

namespace telerad {

enum class StoreOutcome {
    Stored,     ///< new instance, now archived
    Duplicate,  ///< same SOP Instance UID and identical content already archived: skipped
};

class Archive {
public:
    /// Opens the archive kept in `dataFolderRoot` (creating the folder and index).
    static Result<Archive> open(const QString& dataFolderRoot);

    /// Archives the DICOM file at `path`. Fails with a reason naming the file when it is not a
    /// storable DICOM instance, or when another instance with the same SOP Instance UID but
    /// different content is already archived (the first one is kept).
    Result<StoreOutcome> storeFile(const QString& path) const;

    const ArchiveIndex& index() const { return m_index; }

    /// Opaque: the SOP Instance UIDs being stored right now, shared by copies of the Archive.
    struct InFlight;
    QString filesRoot() const { return m_filesRoot; }

private:
    /// Nothing when `sopUid` is not indexed yet; Duplicate when it is, with the same content;
    /// an error naming `path` when it is, with other content.
    Result<std::optional<StoreOutcome>> compareWithIndexed(const QString& path, const QString& sopUid,
                                                          const QString& sha256) const;
    Archive(QString filesRoot, ArchiveIndex index);
    Result<StoreOutcome> storeParsed(const QString& path, const QByteArray& bytes, const struct InstanceAttributes& a) const;

    QString m_filesRoot;
    ArchiveIndex m_index;
    std::shared_ptr<InFlight> m_inFlight;
};

}  // namespace telerad
