#pragma once
// The local archive: DICOM files under <data folder>/archive/<study>/<series>/<sop>.dcm plus
// the SQLite index. A file is in the archive completely or not at all: it is written to a
// temporary name, flushed to disk (or, for an import, sent on its way and flushed with the
// others at its end), renamed, and only then indexed in one transaction.
// Safe to call from several threads at once.

#include "ArchiveIndex.h"
#include "InstanceAttributes.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class DcmDataset;
class DcmFileFormat;
class QFile;

namespace telerad {

enum class StoreOutcome {
    Stored,     ///< new instance, now archived
    Duplicate,  ///< same SOP Instance UID and identical content already archived: skipped
};

/// Whose study an archived instance belongs to (for the audit trail).
struct StudyIdentity {
    QString patientId, studyUid;
};

/// An instance received over the network, as archived.
struct ReceivedInstance {
    StoreOutcome outcome;
    InstanceAttributes attributes;
    /// Parsed without its long values, which DCMTK reads from the received file on demand:
    /// valid until that file is removed.
    std::shared_ptr<DcmFileFormat> file;
};

/// What checkAndRepair() found and did.
struct ConsistencyReport {
    int partialFilesRemoved = 0;     ///< *.part files of interrupted writes
    int orphanFilesIndexed = 0;      ///< complete files whose index row was missing
    int orphanFilesRemoved = 0;      ///< unindexed files that were not a valid instance
    int rowsWithoutFileRemoved = 0;  ///< index rows whose file is gone
    QStringList problems;            ///< one line per repair that lost something

    QString summary() const;
};

/// When an archived file is on the disk, not just handed to the system.
enum class Durability {
    FlushEachFile,  ///< before storeFile/storeDataset return: survives a power cut (default)
    /// Each file starts on its way to the disk when written; flushWritten() waits for all of
    /// them at once (an import: one wait at its end instead of one per file).
    FlushTogether,
    LeaveToSystem,  ///< the system writes it within seconds: faster; a power cut can lose it
};

class Archive {
public:
    /// Opens the archive kept in `dataFolderRoot` (creating the folder and index).
    static Result<Archive> open(const QString& dataFolderRoot);

    /// Archives the DICOM file at `path`. Fails with a reason naming the file when it is not a
    /// storable DICOM instance, or when another instance with the same SOP Instance UID but
    /// different content is already archived (the first one is kept).
    Result<StoreOutcome> storeFile(const QString& path, StudyIdentity* study = nullptr) const;

    /// Archives an instance already parsed in memory (received over the network), written
    /// with a meta header in its own transfer syntax. `source` names it in errors (peer, UID).
    Result<StoreOutcome> storeDataset(DcmDataset& dataset, const QString& source) const;

    /// Archives a Part 10 file that a network receiver wrote, as it arrived, to a new name in
    /// receivingFolder(): checked before anything parses it in full, flushed, and linked into
    /// place without a copy. The caller removes `file` afterwards. `source` names it in errors;
    /// an error about the instance itself (not our disk or index) says "unusable content".
    Result<ReceivedInstance> storeReceivedFile(const QString& file, const QString& source) const;
    /// Where receivers write incoming instances: on the archive's disk, so they link into place.
    QString receivingFolder() const;

    /// The absolute path of an archived file given its index path (relative to filesRoot).
    QString absolutePath(const QString& relativeFile) const { return m_filesRoot + QLatin1Char('/') + relativeFile; }

    /// Brings files and index back into agreement after a crash (run with no writer active):
    /// removes partial files, indexes complete unindexed files, drops rows without a file.
    Result<ConsistencyReport> checkAndRepair() const;

    const ArchiveIndex& index() const { return m_index; }
    /// The files of a series in instance order, to show it: records "study-viewed" in the
    /// audit trail (`viewer` says where: "viewer", "render"). Fails in words for an unknown UID.
    Result<QStringList> openSeriesForViewing(const QString& seriesUid, const QString& viewer) const;

    /// Deletes a study or a series (whichever `uid` names): its files first, then its index
    /// rows (a crash in between leaves rows without files, which checkAndRepair() drops, never
    /// files it would index again). Records "study-deleted". Returns how many instances went.
    Result<int> deleteStudyOrSeries(const QString& uid) const;

    QString filesRoot() const { return m_filesRoot; }
    /// The data folder the archive belongs to (its files are in its "archive" folder).
    QString dataFolderRoot() const { return m_filesRoot.section(QLatin1Char('/'), 0, -2); }

    /// A server behind a UPS or a battery-backed disk controller may choose speed.
    void setDurability(Durability durability);
    Durability durability() const { return m_durability; }
    /// With FlushTogether: waits until every file stored since the last call is on the disk.
    /// Fails naming a file the system could not write.
    Status flushWritten() const;

    /// Space kept free on the archive's disk, for its index, the system and its logs: a
    /// store that would leave less fails in words instead of filling the disk.
    void setFreeSpaceReserve(qint64 bytes) { m_freeSpaceReserve = bytes; }
    static constexpr qint64 kDefaultFreeSpaceReserve = qint64(512) << 20;
    qint64 freeSpaceReserve() const { return m_freeSpaceReserve; }
    /// Bytes free to us on the archive's disk; -1 when the system cannot say.
    qint64 availableBytes() const;
    /// Whether `bytes` more fit on the archive's disk with the reserve kept; why not, in words.
    Status roomFor(qint64 bytes) const;

private:
    /// Nothing when `sopUid` is not indexed yet; Duplicate when it is and its archived file
    /// holds exactly `bytes`; an error naming `path` when it is, with other content.
    Result<std::optional<StoreOutcome>> compareWithIndexed(const QString& path, const QString& sopUid,
                                                          const QByteArray& bytes) const;
    Archive(QString filesRoot, ArchiveIndex index);
    struct ParsedInstance {
        InstanceAttributes attributes;
        QByteArray bytes;  ///< the Part 10 file content to archive (a view of `mapping` unless rewritten)
        std::shared_ptr<DcmFileFormat> file;  ///< as parsed, long values left in the file
        std::shared_ptr<QFile> mapping;  ///< keeps the file's mapped pages valid while `bytes` is used
        bool asRead = true;  ///< `bytes` are the file as read (false: rewritten with a meta header)
    };
    /// Reads and checks `path`, always a file of ours (the copy of an imported file, a received
    /// file, an archived one): it is mapped, which is safe because nobody truncates it meanwhile
    /// (a file from outside, cut short while mapped, would kill the process with SIGBUS).
    /// Errors name `path`, or `shownAs` when given (the original of a copy).
    static Result<ParsedInstance> readInstance(const QString& path, const QString& shownAs = {});
    static QString relativePathOf(const InstanceAttributes& a);
    /// Links `writtenFile` (holding `bytes`) into place, or when it is empty writes `bytes`
    /// to a temporary first; then indexes. The caller holds the instance's InFlightClaim.
    Result<StoreOutcome> storeParsed(const QString& path, const QByteArray& bytes, const InstanceAttributes& a,
                                     const QString& writtenFile = {}) const;
    /// With FlushTogether: `file` is to be flushed by flushWritten(); flushes the oldest
    /// such files now when too much is waiting.
    void noteWritten(const QString& file, qint64 size) const;
    void repairUnindexed(const QString& file, const QString& relative, ConsistencyReport* report) const;

    QString m_filesRoot;
    ArchiveIndex m_index;
    Durability m_durability = Durability::FlushEachFile;
    struct WrittenFiles;  ///< files stored with FlushTogether and not flushed yet
    std::shared_ptr<WrittenFiles> m_written;
    qint64 m_freeSpaceReserve = kDefaultFreeSpaceReserve;
};

}  // namespace telerad
