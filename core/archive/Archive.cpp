#include "Archive.h"

#include "InstanceAttributes.h"
#include "dicom/DatasetSafety.h"
#include "dicom/DicomErrors.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcfilefo.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcuid.h>


#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <set>
#include <cstring>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace telerad {

namespace {

// A DICOM Part 10 file: 128-byte preamble then "DICM".
bool hasPart10Header(const QByteArray& bytes) { return bytes.size() > 132 && bytes.mid(128, 4) == "DICM"; }

// Part 10 bytes of the instance: the file itself, or, for a bare dataset (no meta header),
// DCMTK's rewrite of it with a meta header so that peers can read what we archive.
Result<QByteArray> part10Bytes(const QString& path, const QByteArray& original, DcmFileFormat& parsed) {
    if (hasPart10Header(original)) return original;
    QTemporaryFile rewritten;
    if (!rewritten.open()) return failure(QStringLiteral("%1: cannot create a temporary file").arg(path));
    const OFCondition cond =
        parsed.saveFile(QFile::encodeName(rewritten.fileName()).constData(), parsed.getDataset()->getOriginalXfer());
    if (cond.bad())
        return failure(QCoreApplication::translate("Archive", "%1: cannot add a meta header (DCMTK: %2)").arg(path, QString::fromLatin1(cond.text())));
    QFile written(rewritten.fileName());
    if (!written.open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: cannot read back %2").arg(path, written.fileName()));
    return written.readAll();
}

// The Part 10 bytes of a dataset held in memory, in the transfer syntax it arrived in.
Result<QByteArray> serializeWithMetaHeader(DcmDataset& dataset, const QString& source) {
    E_TransferSyntax xfer = dataset.getOriginalXfer();
    if (xfer == EXS_Unknown) xfer = EXS_LittleEndianExplicit;
    DcmFileFormat file(&dataset, OFFalse);  // borrows the dataset: no copy of the pixel data
    OFCondition cond = file.validateMetaInfo(xfer);
    QByteArray bytes;
    if (cond.good()) {
        bytes.resize(static_cast<qsizetype>(file.calcElementLength(xfer, EET_ExplicitLength)) + 1024);
        DcmOutputBufferStream stream(bytes.data(), static_cast<offile_off_t>(bytes.size()));
        file.transferInit();
        cond = file.write(stream, xfer, EET_ExplicitLength, nullptr);
        file.transferEnd();
        void* written = nullptr;
        offile_off_t length = 0;
        stream.flushBuffer(written, length);
        bytes.truncate(static_cast<qsizetype>(length));
    }
    file.getAndRemoveDataset();  // hand the dataset back to its owner
    if (cond.bad())
        return failure(QStringLiteral("%1: cannot encode the received instance (DCMTK: %2)").arg(source, QString::fromLatin1(cond.text())));
    return bytes;
}

// The dataset of a Part 10 file: what follows its meta header (group 0002, always explicit
// VR little endian). Two copies of one instance differ in their meta headers when they came
// from different senders or paths (source AE title, implementation), not in their datasets.
QByteArrayView datasetPart(const QByteArray& part10) {
    if (!hasPart10Header(part10)) return part10;
    qsizetype at = 132;
    const auto u16 = [&](qsizetype i) { return static_cast<quint32>(static_cast<uchar>(part10[i]) | static_cast<uchar>(part10[i + 1]) << 8); };
    while (at + 8 <= part10.size() && u16(at) == 0x0002) {
        const QByteArrayView vr(part10.constData() + at + 4, 2);
        const bool longForm = vr == "OB" || vr == "OW" || vr == "SQ" || vr == "UN" || vr == "UT" || vr == "UC" || vr == "UR";
        if (!longForm) {
            at += 8 + u16(at + 6);
        } else if (at + 12 <= part10.size()) {
            at += 12 + (u16(at + 8) | u16(at + 10) << 16);
        } else {
            break;
        }
    }
    return QByteArrayView(part10).sliced(std::min(at, part10.size()));
}

enum class Placement { Written, TargetExists };

// Flushes a written file's data and the size needed to read it back (fdatasync: measured
// 1.55 s -> 1.15 s against fsync for receiving 300 CT slices, 0.65 s with no flush at all).
Status flushToDisk(int descriptor, const QString& path) {
    if (::fdatasync(descriptor) == 0) return success();
    return failure(QStringLiteral("cannot flush %1 to disk: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
}

// Starts writing `path` to disk without waiting: the checks and the index lookup that
// follow then overlap the disk's work, and the flush before acknowledging waits less.
void startWriteback(const QString& path) {
    const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return;  // the flush will say what is wrong
    (void)::sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(descriptor);
}

Status flushFileToDisk(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return failure(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    return flushToDisk(file.handle(), path);
}

// Writes `bytes` to a new temporary file beside `target` (a unique, exclusively created
// name: concurrent writers never share one), flushed to disk unless told otherwise.
Result<QString> writeTemporary(const QString& target, const QByteArray& bytes, Durability durability) {
    QTemporaryFile file(target + QStringLiteral(".XXXXXX.part"));
    file.setAutoRemove(false);
    if (!file.open()) return failure(QStringLiteral("cannot create a file beside %1: %2").arg(target, file.errorString()));
    const QString temporary = file.fileName();
    Status written = file.write(bytes) == bytes.size() && file.flush() ? success() : failure(QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString()));
    if (written.ok() && durability == Durability::FlushEachFile) written = flushToDisk(file.handle(), temporary);
    if (written.ok() && durability == Durability::FlushTogether)
        (void)::sync_file_range(file.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);  // on its way; flushWritten() waits
    file.close();
    if (written.ok()) return temporary;
    QFile::remove(temporary);
    return failure(written.error());
}

// Removes a temporary file when it goes out of scope.
struct TemporaryFileGuard {
    QString path;
    ~TemporaryFileGuard() {
        if (!path.isEmpty()) QFile::remove(path);
    }
};

// The rest of `in` appended to `out` through a buffer.
bool copyByReading(QFile& in, QFile& out) {
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n <= 0) return n == 0;
        if (out.write(buffer.constData(), n) != n) return false;
    }
}

// Copies `source` to a new temporary file in `folder` by the system (copy_file_range: one
// copy in the page cache, none through our memory; read and write where it cannot, across
// some file systems). `startWriting`: its write to the disk starts at once, without waiting.
Result<QString> copyIntoFolder(const QString& source, const QString& folder, bool startWriting) {
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: %2").arg(source, in.errorString()));
    QTemporaryFile out(folder + QStringLiteral("/import.XXXXXX.part"));
    out.setAutoRemove(false);
    if (!out.open()) return failure(QStringLiteral("%1: cannot create a file in %2: %3").arg(source, folder, out.errorString()));
    const QString copy = out.fileName();
    TemporaryFileGuard guard{copy};
    qint64 total = 0;
    ssize_t n = 0;
    while ((n = ::copy_file_range(in.handle(), nullptr, out.handle(), nullptr, std::size_t(1) << 30, 0)) > 0) total += n;
    const bool unsupported = n < 0 && total == 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP);
    const bool copied = unsupported ? copyByReading(in, out) && out.flush() : n == 0;
    if (!copied) return failure(QStringLiteral("%1: cannot copy into %2: %3").arg(source, folder, QString::fromLocal8Bit(strerror(errno))));
    if (startWriting) (void)::sync_file_range(out.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
    guard.path.clear();
    return copy;
}

// Links a complete (and, as asked, flushed) file to `target` without ever replacing an
// existing file (link() fails when the name is taken), unless `replace` is set (a leftover
// file that the index does not know). The temporary name stays: its owner removes it.
Result<Placement> linkIntoPlace(const QString& temporary, const QString& target, bool replace) {
    const QByteArray from = QFile::encodeName(temporary), to = QFile::encodeName(target);
    int placed = ::link(from.constData(), to.constData());
    if (placed != 0 && errno == EEXIST) {
        if (!replace) return Placement::TargetExists;
        // A second name for the same data, renamed over the leftover: atomic, and the
        // temporary name stays valid for its owner.
        const QByteArray spare = to + ".replacing.part";
        ::unlink(spare.constData());  // left by a crash, if any
        placed = ::link(from.constData(), spare.constData());
        if (placed == 0) placed = ::rename(spare.constData(), to.constData());
    }
    if (placed == 0) return Placement::Written;
    return failure(QStringLiteral("cannot move %1 into place: %2").arg(temporary, QString::fromLocal8Bit(strerror(errno))));
}

}  // namespace

namespace {

// Two workers storing the same instance would both find it unindexed and race for its file;
// the second waits until the first has finished. Process-wide, because the GUI opens one
// Archive per background job and all of them may write to the same folder at once.
class InFlightClaim {
public:
    /// `key` names one instance in one archive: files root and SOP Instance UID.
    explicit InFlightClaim(QString key);
    ~InFlightClaim();
    InFlightClaim(const InFlightClaim&) = delete;
    InFlightClaim& operator=(const InFlightClaim&) = delete;

private:
    struct Registry {
        std::mutex mutex;
        std::condition_variable released;
        std::set<QString> keys;  // guarded by mutex
    };
    static Registry& registry();
    QString m_key;
};

}  // namespace

// Files stored with FlushTogether whose flush is still to come, oldest first.
struct Archive::WrittenFiles {
    std::mutex mutex;
    QList<std::pair<QString, qint64>> files;  // path and size; guarded by mutex
    qint64 bytes = 0;                         // their sizes summed; guarded by mutex
    QString firstError;                       // of a flush done on the way; guarded by mutex
};

namespace {

// What an import may leave unflushed behind it: the wait at its end, and what a power cut
// during it can lose, stay within a few seconds of a slow disk's writing even when the
// files come faster than the disk takes them.
constexpr qint64 kMaxUnflushedBytes = qint64(128) << 20;

Status flushAll(const QList<std::pair<QString, qint64>>& files) {
    // Their writes started as each was stored: most are on the disk already, and the first
    // flush's journal commit carries the sizes of all of them.
    for (const auto& [file, size] : files)
        if (Status flushed = flushFileToDisk(file); !flushed.ok()) return flushed;
    return success();
}

}  // namespace

Archive::Archive(QString filesRoot, ArchiveIndex index)
    : m_filesRoot(std::move(filesRoot)), m_index(std::move(index)), m_written(std::make_shared<WrittenFiles>()) {}

void Archive::setDurability(Durability durability) {
    m_durability = durability;
    m_written = std::make_shared<WrittenFiles>();  // a copy of this archive keeps its own list
}

void Archive::noteWritten(const QString& file, qint64 size) const {
    QList<std::pair<QString, qint64>> oldest;
    {
        std::lock_guard lock(m_written->mutex);
        m_written->files.append({file, size});
        m_written->bytes += size;
        while (m_written->bytes > kMaxUnflushedBytes / 2 && (!oldest.isEmpty() || m_written->bytes > kMaxUnflushedBytes)) {
            oldest.append(m_written->files.takeFirst());
            m_written->bytes -= oldest.back().second;
        }
    }
    if (oldest.isEmpty()) return;
    if (Status flushed = flushAll(oldest); !flushed.ok()) {
        std::lock_guard lock(m_written->mutex);
        if (m_written->firstError.isEmpty()) m_written->firstError = flushed.error();
    }
}

Status Archive::flushWritten() const {
    QList<std::pair<QString, qint64>> files;
    QString earlier;
    {
        std::lock_guard lock(m_written->mutex);
        files.swap(m_written->files);
        m_written->bytes = 0;
        earlier.swap(m_written->firstError);
    }
    Status flushed = flushAll(files);
    if (!earlier.isEmpty()) return failure(earlier);
    return flushed;
}

namespace {

// A dataset being received is written to as its data arrives; one untouched for this long
// was left by a process that died receiving it (a service killed, a power cut).
constexpr qint64 kAbandonedAfterSeconds = 10 * 60;

// Otherwise such files would wait for `telerad-cli check`, up to a whole instance each.
void removeAbandonedReceivingFiles(const QString& receivingFolder) {
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-kAbandonedAfterSeconds);
    for (const QFileInfo& file : QDir(receivingFolder).entryInfoList({QStringLiteral("*.part")}, QDir::Files))
        if (file.lastModified().toUTC() < before) QFile::remove(file.filePath());
}

}  // namespace

Result<Archive> Archive::open(const QString& dataFolderRoot) {
    const QString filesRoot = dataFolderRoot + QStringLiteral("/archive");
    if (!QDir().mkpath(filesRoot + QStringLiteral("/incoming"))) return failure(QStringLiteral("cannot create %1").arg(filesRoot));
    removeAbandonedReceivingFiles(filesRoot + QStringLiteral("/incoming"));
    auto index = ArchiveIndex::open(dataFolderRoot + QStringLiteral("/index.sqlite"));
    if (!index.ok()) return failure(index.error());
    return Archive(filesRoot, index.value());
}

Result<QStringList> Archive::openSeriesForViewing(const QString& seriesUid, const QString& viewer) const {
    auto rows = m_index.select(QStringLiteral("SELECT i.file, p.patient_id, st.uid FROM instances i JOIN series se ON se.uid = i.series "
                                              "JOIN studies st ON st.uid = se.study JOIN patients p ON p.id = st.patient "
                                              "WHERE i.series = ? ORDER BY i.number, i.sop_uid"), {seriesUid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no archived series has this UID (telerad-cli ls --series STUDY_UID lists them)").arg(seriesUid));
    QStringList files;
    for (const QStringList& r : rows.value()) files << absolutePath(r.front());
    (void)recordAudit(dataFolderRoot(), {audit::kStudyViewed, true, rows->front()[1], rows->front()[2], {},
                                         QStringLiteral("series %1 (%2 images) in the %3").arg(seriesUid).arg(files.size()).arg(viewer)});
    return files;
}

Result<int> Archive::deleteStudyOrSeries(const QString& uid) const {
    auto rows = m_index.select(QStringLiteral("SELECT i.sop_uid, i.file, p.patient_id, st.uid FROM instances i JOIN series se ON se.uid = i.series "
                                              "JOIN studies st ON st.uid = se.study JOIN patients p ON p.id = st.patient "
                                              "WHERE se.uid = ? OR st.uid = ?"), {uid, uid});
    if (!rows.ok()) return failure(rows.error());
    if (rows->isEmpty()) return failure(QStringLiteral("%1: no archived study or series has this UID").arg(uid));
    QSet<QString> folders;
    for (const QStringList& r : rows.value()) {
        const QString file = absolutePath(r[1]);
        if (!QFile::remove(file) && QFile::exists(file))
            return failure(QStringLiteral("%1: cannot delete %2; nothing more was deleted").arg(uid, file));
        folders.insert(QFileInfo(file).absolutePath());
    }
    for (const QStringList& r : rows.value()) {
        Status removed = m_index.removeInstance(r[0]);
        if (!removed.ok()) return failure(QStringLiteral("%1: %2 (run telerad-cli check)").arg(uid, removed.error()));
    }
    // Pictures made from these images (the browser's thumbnails, named by series UID) show
    // the patient too: they go with them.
    const QDir thumbnails(dataFolderRoot() + QStringLiteral("/thumbnails"));
    for (const QString& folder : folders) {  // series folders, then their study folder when empty
        for (const QString& made : thumbnails.entryList({QFileInfo(folder).fileName() + QStringLiteral("-*")}, QDir::Files))
            QFile::remove(thumbnails.filePath(made));
        QDir().rmdir(folder);
        QDir().rmdir(QFileInfo(folder).absolutePath());
    }
    const bool wholeStudy = rows->front()[3] == uid;
    (void)recordAudit(dataFolderRoot(), {audit::kStudyDeleted, true, rows->front()[2], rows->front()[3], {},
                                         QStringLiteral("%1 %2: %3 instance(s) deleted").arg(wholeStudy ? QStringLiteral("study") : QStringLiteral("series"), uid).arg(rows->size())});
    return static_cast<int>(rows->size());
}

Result<std::optional<StoreOutcome>> Archive::compareWithIndexed(const QString& path, const QString& sopUid,
                                                               const QByteArray& bytes) const {
    auto existing = m_index.findInstance(sopUid);
    if (!existing.ok()) return failure(QStringLiteral("%1: %2").arg(path, existing.error()));
    if (!existing.value()) return std::optional<StoreOutcome>();
    // Rare (the same instance sent twice), so compared in full rather than hashing every
    // instance on arrival, which cost a quarter of the receiving time.
    QFile archived(m_filesRoot + QLatin1Char('/') + existing.value()->file);
    if (!archived.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("%1: SOP Instance UID %2 is indexed but its file %3 cannot be read (%4); "
                                      "run telerad-cli check").arg(path, sopUid, archived.fileName(), archived.errorString()));
    if (datasetPart(archived.readAll()) == datasetPart(bytes)) return std::optional<StoreOutcome>(StoreOutcome::Duplicate);
    return refusal(QCoreApplication::translate("Archive", "%1: SOP Instance UID %2 is already archived with different content; "
                                                      "the first one is kept").arg(path, sopUid));
}

Result<Archive::ParsedInstance> Archive::readInstance(const QString& path, const QString& shownAs) {
    const QString name = shownAs.isEmpty() ? path : shownAs;
    auto source = std::make_shared<QFile>(path);
    if (!source->open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: %2").arg(name, source->errorString()));
    if (source->size() == 0) return failure(QCoreApplication::translate("Archive", "%1: empty file").arg(name));
    // The checks below touch only the headers: the pixel data is neither copied nor read.
    const uchar* pages = source->map(0, source->size());
    if (!pages) return failure(QStringLiteral("%1: cannot map: %2").arg(name, source->errorString()));
    const QByteArray original = QByteArray::fromRawData(reinterpret_cast<const char*>(pages), source->size());
    if (Status shallow = checkNestingDepth(original, name); !shallow.ok()) return failure(shallow.error());

    auto file = std::make_shared<DcmFileFormat>();
    DcmFileFormat& parsed = *file;
    // Long values (pixel data) stay on disk: the archive keeps the original bytes, and DCMTK
    // need not copy half a megabyte per image to read its header.
    const OFCondition cond = loadDicomFile(parsed, path);
    if (cond.bad())
        return failure(QCoreApplication::translate("Archive", "%1: not DICOM, or damaged (DCMTK: %2)").arg(name, QString::fromLatin1(cond.text())));
    OFString mediaClass;
    parsed.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, mediaClass);
    if (mediaClass == UID_MediaStorageDirectoryStorage)
        return failure(QCoreApplication::translate("Archive", "%1: a DICOMDIR (media directory), not an instance; import the media "
                                                          "folder or a file named DICOMDIR to follow its references").arg(name));
    auto attributes = readInstanceAttributes(*parsed.getDataset(), name);
    if (!attributes.ok()) return failure(attributes.error());
    auto bytes = part10Bytes(name, original, parsed);
    if (!bytes.ok()) return failure(bytes.error());
    const bool asRead = bytes->constData() == original.constData();
    return ParsedInstance{attributes.value(), bytes.value(), std::move(file), std::move(source), asRead};
}

Result<StoreOutcome> Archive::storeFile(const QString& path, StudyIdentity* study) const {
    // The system copies the file onto the archive's disk (one copy, none through our memory);
    // that copy is checked where it lies, mapped (ours: nobody truncates it meanwhile), and
    // linked into place as it is. A 2 GB tomosynthesis no longer passes through our memory;
    // a 300-slice CT imports in the same time, with 3-5% less CPU.
    if (Status room = roomFor(QFileInfo(path).size()); !room.ok()) return failure(QStringLiteral("%1: %2").arg(path, room.error()));
    auto copy = copyIntoFolder(path, receivingFolder(), m_durability != Durability::LeaveToSystem);
    if (!copy.ok()) return failure(copy.error());
    const TemporaryFileGuard copyGuard{copy.value()};
    auto instance = readInstance(copy.value(), path);
    if (!instance.ok()) return failure(instance.error());
    if (study) *study = {instance->attributes.patientId, instance->attributes.studyUid};
    const InFlightClaim claim(m_filesRoot + QLatin1Char('/') + instance->attributes.sopUid);
    // A bare dataset was rewritten with a meta header: those bytes are written anew.
    return storeParsed(path, instance->bytes, instance->attributes, instance->asRead ? copy.value() : QString());
}

Result<StoreOutcome> Archive::storeDataset(DcmDataset& dataset, const QString& source) const {
    auto attributes = readInstanceAttributes(dataset, source);
    if (!attributes.ok()) return failure(attributes.error());
    // A dataset made in memory (a report, a notice) has no syntax yet: it is written in this one.
    if (dataset.getOriginalXfer() == EXS_Unknown) attributes->transferSyntaxUid = QString::fromLatin1(UID_LittleEndianExplicitTransferSyntax);
    auto bytes = serializeWithMetaHeader(dataset, source);
    if (!bytes.ok()) return failure(bytes.error());
    const InFlightClaim claim(m_filesRoot + QLatin1Char('/') + attributes->sopUid);
    return storeParsed(source, bytes.value(), attributes.value());
}

Result<ReceivedInstance> Archive::storeReceivedFile(const QString& file, const QString& source) const {
    if (m_durability != Durability::LeaveToSystem) startWriteback(file);
    auto instance = readInstance(file);
    if (!instance.ok()) return refusal(QStringLiteral("%1: unusable content: %2").arg(source, instance.error()));
    // The file itself is archived, so it must already be what readInstance would keep.
    if (!hasPart10Header(instance->bytes)) return refusal(QStringLiteral("%1: unusable content: no meta header").arg(source));
    const InFlightClaim claim(m_filesRoot + QLatin1Char('/') + instance->attributes.sopUid);
    auto stored = storeParsed(source, instance->bytes, instance->attributes, file);
    if (!stored.ok()) return stored.errorDetail();
    return ReceivedInstance{stored.value(), instance->attributes, std::move(instance->file)};
}

qint64 Archive::availableBytes() const {
    // statvfs rather than QStorageInfo, which reads the mount table: this runs per instance.
    struct statvfs disk {};
    if (::statvfs(QFile::encodeName(m_filesRoot).constData(), &disk) != 0) return -1;
    return static_cast<qint64>(disk.f_bavail) * static_cast<qint64>(disk.f_frsize);
}

Status Archive::roomFor(qint64 bytes) const {
    const qint64 available = availableBytes();
    if (available < 0 || available - bytes >= m_freeSpaceReserve) return success();  // unknown: the write will say
    constexpr qint64 kMB = 1024 * 1024;
    return failure(QCoreApplication::translate("Archive", "the archive's disk is nearly full: %1 MB free, %2 MB kept free (%3)")
                       .arg(available / kMB).arg(m_freeSpaceReserve / kMB).arg(m_filesRoot));
}

QString Archive::receivingFolder() const { return m_filesRoot + QStringLiteral("/incoming"); }

QString Archive::relativePathOf(const InstanceAttributes& a) {
    // UIDs were validated: digits and dots only, so they are safe as path components.
    return a.studyUid + QLatin1Char('/') + a.seriesUid + QLatin1Char('/') + a.sopUid + QStringLiteral(".dcm");
}

Result<StoreOutcome> Archive::storeParsed(const QString& path, const QByteArray& bytes, const InstanceAttributes& a,
                                          const QString& writtenFile) const {
    const QString relativeFile = relativePathOf(a);
    const QString relativeDir = QFileInfo(relativeFile).path();
    if (!QDir(m_filesRoot).mkpath(relativeDir))
        return failure(QStringLiteral("%1: cannot create %2/%3").arg(path, m_filesRoot, relativeDir));
    const QString target = m_filesRoot + QLatin1Char('/') + relativeFile;

    auto known = compareWithIndexed(path, a.sopUid, bytes);
    if (!known.ok()) return known.errorDetail();
    if (known.value()) return *known.value();
    TemporaryFileGuard ownTemporary;
    QString temporary = writtenFile;
    if (temporary.isEmpty()) {
        if (Status room = roomFor(bytes.size()); !room.ok()) return failure(QStringLiteral("%1: %2").arg(path, room.error()));
        auto written = writeTemporary(target, bytes, m_durability);
        if (!written.ok()) return failure(QStringLiteral("%1: %2").arg(path, written.error()));
        temporary = ownTemporary.path = written.value();
    } else if (m_durability == Durability::FlushEachFile) {
        if (Status flushed = flushFileToDisk(temporary); !flushed.ok()) return failure(QStringLiteral("%1: %2").arg(path, flushed.error()));
    }
    auto placed = linkIntoPlace(temporary, target, false);
    if (placed.ok() && placed.value() == Placement::TargetExists) {
        // Either a concurrent writer of the same instance indexed it meanwhile, or a crash
        // left a file without its index row: the index decides.
        known = compareWithIndexed(path, a.sopUid, bytes);
        if (!known.ok()) return known.errorDetail();
        if (known.value()) return *known.value();
        placed = linkIntoPlace(temporary, target, true);
    }
    if (!placed.ok()) return failure(QStringLiteral("%1: %2").arg(path, placed.error()));

    if (Status indexed = m_index.insert(a, relativeFile, bytes.size()); !indexed.ok()) {
        QFile::remove(target);  // we placed it and nobody indexed it: no file without its row
        return failure(QStringLiteral("%1: %2").arg(path, indexed.error()));
    }
    if (m_durability == Durability::FlushTogether) noteWritten(target, bytes.size());
    return StoreOutcome::Stored;
}

QString ConsistencyReport::summary() const {
    return QStringLiteral("partial files removed %1, unindexed files indexed %2, unindexed files removed %3, "
                          "rows without file removed %4")
        .arg(partialFilesRemoved).arg(orphanFilesIndexed).arg(orphanFilesRemoved).arg(rowsWithoutFileRemoved);
}

Result<ConsistencyReport> Archive::checkAndRepair() const {
    ConsistencyReport report;
    auto rows = m_index.select(QStringLiteral("SELECT sop_uid, file, size FROM instances"));
    if (!rows.ok()) return failure(rows.error());
    std::set<QString> indexed;
    for (const QStringList& row : rows.value()) {
        const QFileInfo file(m_filesRoot + QLatin1Char('/') + row[1]);
        const qint64 expected = row[2].toLongLong();
        if (file.exists() && file.size() == expected) {
            indexed.insert(row[1]);
            continue;
        }
        if (Status removed = m_index.removeInstance(row[0]); !removed.ok()) return failure(removed.error());
        if (file.exists()) {
            // Files an import flushes together at its end can be cut short by a power cut
            // before that end, while their rows already reached the disk.
            QFile::remove(file.filePath());
            report.problems << QStringLiteral("%1: holds %2 bytes where %3 were archived (cut short by a power cut?); "
                                              "file and row removed, import it again").arg(row[1]).arg(file.size()).arg(expected);
        } else {
            report.problems << QStringLiteral("%1: indexed but missing; row removed").arg(row[1]);
        }
        ++report.rowsWithoutFileRemoved;
    }
    const QDir root(m_filesRoot);
    for (QDirIterator it(m_filesRoot, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString file = it.next();
        const QString relative = root.relativeFilePath(file);
        if (file.endsWith(QLatin1String(".part"))) {
            QFile::remove(file);  // a write interrupted before its rename: never part of the archive
            ++report.partialFilesRemoved;
        } else if (!indexed.count(relative)) {
            repairUnindexed(file, relative, &report);
        }
    }
    return report;
}

// A complete file whose index row was never committed (a crash between rename and commit):
// index it when it is what its path says, else remove it.
void Archive::repairUnindexed(const QString& file, const QString& relative, ConsistencyReport* report) const {
    auto instance = readInstance(file);
    Status indexed = instance.ok() && relativePathOf(instance->attributes) == relative
                         ? m_index.insert(instance->attributes, relative, instance->bytes.size())
                         : Status(failure(instance.ok() ? QStringLiteral("%1: does not match its UIDs").arg(file)
                                                        : instance.error()));
    if (indexed.ok()) {
        ++report->orphanFilesIndexed;
        return;
    }
    QFile::remove(file);
    report->problems << QStringLiteral("%1: unindexed and unusable (%2); removed").arg(relative, indexed.error());
    ++report->orphanFilesRemoved;
}

namespace {

InFlightClaim::Registry& InFlightClaim::registry() {
    static Registry instance;
    return instance;
}

InFlightClaim::InFlightClaim(QString key) : m_key(std::move(key)) {
    Registry& r = registry();
    std::unique_lock lock(r.mutex);
    r.released.wait(lock, [&] { return !r.keys.count(m_key); });
    r.keys.insert(m_key);
}

InFlightClaim::~InFlightClaim() {
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        r.keys.erase(m_key);
    }
    r.released.notify_all();
}

}  // namespace

}  // namespace telerad
