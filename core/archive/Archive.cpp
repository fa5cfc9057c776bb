#include "Archive.h"

#include "InstanceAttributes.h"
#include "dicom/DatasetSafety.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcfilefo.h>

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
        return failure(QStringLiteral("%1: cannot add a meta header (DCMTK: %2)").arg(path, QString::fromLatin1(cond.text())));
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

enum class Placement { Written, TargetExists };

// Writes `bytes` to a temporary file beside `target`, flushes it to disk (fdatasync: the
// data and the size needed to read it back; measured 1.55 s -> 1.15 s for receiving 300 CT
// slices, against 0.65 s with no flush at all), then links it to
// `target` without ever replacing an existing file (link() fails when the name is taken),
// unless `replace` is set (a leftover file that the index does not know).
Result<Placement> placeAtomically(const QString& target, const QByteArray& bytes, bool replace, Durability durability) {
    // A unique, exclusively created temporary name: concurrent writers never share one.
    QTemporaryFile file(target + QStringLiteral(".XXXXXX.part"));
    file.setAutoRemove(false);
    if (!file.open()) return failure(QStringLiteral("cannot create a file beside %1: %2").arg(target, file.errorString()));
    const QString temporary = file.fileName();
    const bool flushToDisk = durability == Durability::FlushEachFile;
    if (file.write(bytes) != bytes.size() || !file.flush() || (flushToDisk && ::fdatasync(file.handle()) != 0)) {
        const QString reason = file.errorString();
        file.close();
        QFile::remove(temporary);
        return failure(QStringLiteral("cannot write %1: %2").arg(temporary, reason));
    }
    file.close();
    const QByteArray from = QFile::encodeName(temporary), to = QFile::encodeName(target);
    const int placed = replace ? ::rename(from.constData(), to.constData()) : ::link(from.constData(), to.constData());
    const int error = errno;
    QFile::remove(temporary);
    if (placed == 0) return Placement::Written;
    if (error == EEXIST) return Placement::TargetExists;
    return failure(QStringLiteral("cannot move %1 into place: %2").arg(temporary, QString::fromLocal8Bit(strerror(error))));
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

Archive::Archive(QString filesRoot, ArchiveIndex index)
    : m_filesRoot(std::move(filesRoot)), m_index(std::move(index)) {}

Result<Archive> Archive::open(const QString& dataFolderRoot) {
    const QString filesRoot = dataFolderRoot + QStringLiteral("/archive");
    if (!QDir().mkpath(filesRoot)) return failure(QStringLiteral("cannot create %1").arg(filesRoot));
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
    for (const QString& folder : folders) {  // series folders, then their study folder when empty
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
    if (archived.size() == bytes.size() && archived.readAll() == bytes) return std::optional<StoreOutcome>(StoreOutcome::Duplicate);
    return failure(QStringLiteral("%1: SOP Instance UID %2 is already archived with different content; "
                                  "the first one is kept").arg(path, sopUid));
}

Result<Archive::ParsedInstance> Archive::readInstance(const QString& path) {
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: %2").arg(path, source.errorString()));
    const QByteArray original = source.readAll();
    if (original.isEmpty()) return failure(QStringLiteral("%1: empty file").arg(path));
    if (Status shallow = checkNestingDepth(original, path); !shallow.ok()) return failure(shallow.error());

    DcmFileFormat parsed;
    // Long values (pixel data) stay on disk: the archive keeps the original bytes, and DCMTK
    // need not copy half a megabyte per image to read its header.
    const OFCondition cond = parsed.loadFile(path.toLocal8Bit().constData(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    if (cond.bad())
        return failure(QStringLiteral("%1: not DICOM, or damaged (DCMTK: %2)").arg(path, QString::fromLatin1(cond.text())));
    OFString mediaClass;
    parsed.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, mediaClass);
    if (mediaClass == UID_MediaStorageDirectoryStorage)
        return failure(QStringLiteral("%1: a DICOMDIR (media directory), not an instance; import the media "
                                      "folder or a file named DICOMDIR to follow its references").arg(path));
    auto attributes = readInstanceAttributes(*parsed.getDataset(), path);
    if (!attributes.ok()) return failure(attributes.error());
    auto bytes = part10Bytes(path, original, parsed);
    if (!bytes.ok()) return failure(bytes.error());
    return ParsedInstance{attributes.value(), bytes.value()};
}

Result<StoreOutcome> Archive::storeFile(const QString& path, StudyIdentity* study) const {
    auto instance = readInstance(path);
    if (!instance.ok()) return failure(instance.error());
    if (study) *study = {instance->attributes.patientId, instance->attributes.studyUid};
    const InFlightClaim claim(m_filesRoot + QLatin1Char('/') + instance->attributes.sopUid);
    return storeParsed(path, instance->bytes, instance->attributes);
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

QString Archive::relativePathOf(const InstanceAttributes& a) {
    // UIDs were validated: digits and dots only, so they are safe as path components.
    return a.studyUid + QLatin1Char('/') + a.seriesUid + QLatin1Char('/') + a.sopUid + QStringLiteral(".dcm");
}

Result<StoreOutcome> Archive::storeParsed(const QString& path, const QByteArray& bytes,
                                          const InstanceAttributes& a) const {
    const QString relativeFile = relativePathOf(a);
    const QString relativeDir = QFileInfo(relativeFile).path();
    if (!QDir(m_filesRoot).mkpath(relativeDir))
        return failure(QStringLiteral("%1: cannot create %2/%3").arg(path, m_filesRoot, relativeDir));
    const QString target = m_filesRoot + QLatin1Char('/') + relativeFile;

    auto known = compareWithIndexed(path, a.sopUid, bytes);
    if (!known.ok()) return failure(known.error());
    if (known.value()) return *known.value();
    auto placed = placeAtomically(target, bytes, false, m_durability);
    if (placed.ok() && placed.value() == Placement::TargetExists) {
        // Either a concurrent writer of the same instance indexed it meanwhile, or a crash
        // left a file without its index row: the index decides.
        known = compareWithIndexed(path, a.sopUid, bytes);
        if (!known.ok()) return failure(known.error());
        if (known.value()) return *known.value();
        placed = placeAtomically(target, bytes, true, m_durability);
    }
    if (!placed.ok()) return failure(QStringLiteral("%1: %2").arg(path, placed.error()));

    if (Status indexed = m_index.insert(a, relativeFile, bytes.size()); !indexed.ok()) {
        QFile::remove(target);  // we placed it and nobody indexed it: no file without its row
        return failure(QStringLiteral("%1: %2").arg(path, indexed.error()));
    }
    return StoreOutcome::Stored;
}

QString ConsistencyReport::summary() const {
    return QStringLiteral("partial files removed %1, unindexed files indexed %2, unindexed files removed %3, "
                          "rows without file removed %4")
        .arg(partialFilesRemoved).arg(orphanFilesIndexed).arg(orphanFilesRemoved).arg(rowsWithoutFileRemoved);
}

Result<ConsistencyReport> Archive::checkAndRepair() const {
    ConsistencyReport report;
    auto rows = m_index.select(QStringLiteral("SELECT sop_uid, file FROM instances"));
    if (!rows.ok()) return failure(rows.error());
    std::set<QString> indexed;
    for (const QStringList& row : rows.value()) {
        indexed.insert(row[1]);
        if (QFile::exists(m_filesRoot + QLatin1Char('/') + row[1])) continue;
        if (Status removed = m_index.removeInstance(row[0]); !removed.ok()) return failure(removed.error());
        report.problems << QStringLiteral("%1: indexed but missing; row removed").arg(row[1]);
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
