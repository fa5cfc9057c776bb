#include "Importer.h"

#include "dicom/DatasetSafety.h"
#include "dicom/DicomErrors.h"
#include "security/AuditTrail.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdicdir.h>
#include <dcmtk/dcmdata/dcdirrec.h>

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

namespace telerad {

namespace {

bool isDicomDir(const QFileInfo& file) { return file.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0; }

// The file a Referenced File ID names on the media ("DIR1\\FILE1": components below the
// DICOMDIR's folder), or nothing when it would lead out of that folder: a hostile DICOMDIR
// must not make an import read files elsewhere on the disk.
std::optional<QString> fileOnMedia(const QDir& media, const QString& fileId) {
    const QStringList components = fileId.split(QLatin1Char('\\'));
    for (const QString& component : components)
        if (component.isEmpty() || component == QLatin1String(".") || component == QLatin1String("..") || component.contains(QLatin1Char('/')))
            return std::nullopt;
    return media.filePath(components.join(QLatin1Char('/')));
}

// Records nest patient, study, series, image (a few more for private records): deeper is
// not a real DICOMDIR, and each record is walked once.
constexpr int kMaxRecordDepth = 16;

struct DicomDirWalk {
    QString path;
    QDir media;
    QStringList files;
    QList<ImportReport::Rejection> refused;
    std::set<const DcmDirectoryRecord*> seen;
};

// Referenced File IDs of `record` and every record below it.
void collectReferences(DcmDirectoryRecord& record, DicomDirWalk& walk, int depth) {
    if (depth > kMaxRecordDepth || !walk.seen.insert(&record).second) return;
    OFString fileId;
    if (record.findAndGetOFStringArray(DCM_ReferencedFileID, fileId).good() && !fileId.empty()) {
        const QString id = QString::fromLatin1(fileId.c_str());
        if (const std::optional<QString> file = fileOnMedia(walk.media, id)) walk.files.append(*file);
        else walk.refused.append({walk.path, QCoreApplication::translate("Importer", "%1: refers to '%2', outside its media folder; not followed").arg(walk.path, id)});
    }
    for (unsigned long i = 0; i < record.cardSub(); ++i)
        if (DcmDirectoryRecord* child = record.getSub(i)) collectReferences(*child, walk, depth + 1);
}

Result<DicomDirWalk> filesOfDicomDir(const QString& path) {
    // DCMTK's parser recurses once per nested sequence: the depth is bounded on the raw bytes
    // first, as for any imported file (a DICOMDIR nested 200,000 deep crashed the import).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QCoreApplication::translate("Importer", "%1: unreadable DICOMDIR: %2").arg(path, file.errorString()));
    if (Status shallow = checkNestingDepth(file.readAll(), path); !shallow.ok()) return failure(shallow.error());
    file.close();
    std::unique_ptr<DcmDicomDir> dicomdir;
    const OFCondition read = guardedParse([&] {
        dicomdir = std::make_unique<DcmDicomDir>(QFile::encodeName(path).constData());
        return dicomdir->error();
    });
    if (read.bad())
        return failure(QCoreApplication::translate("Importer", "%1: unreadable DICOMDIR: %2").arg(path, QString::fromLatin1(read.text())));
    DicomDirWalk walk{path, QFileInfo(path).dir(), {}, {}, {}};
    collectReferences(dicomdir->getRootRecord(), walk, 0);
    return walk;
}

// When each file waited for its own flush, eight workers kept the disk's queue full
// (300-slice CT, 2 cores: median 0.77 s with two workers, 0.37 s with eight). Now that an
// import's files are flushed together, the count matters little here (two, four and eight
// workers: 0.22-0.28 s each over 4 runs); eight still overlap a slow source's reads.
constexpr int kImportWorkers = 8;

// A worker may hold its file in memory while storing it (a bare dataset is rewritten there
// with a meta header; a Part 10 file is only mapped): the files in hand at once stay
// within this many MB (a file larger than that, a breast tomosynthesis or a long cine of a
// gigabyte or two, is imported alone), so eight of them cannot exhaust a workstation's memory.
constexpr int kInFlightMegabytes = 512;

// The share of the in-flight budget a file of `bytes` takes: its MB, at least 1, at most all.
int megabytesInHand(qint64 bytes) { return static_cast<int>(std::clamp<qint64>(bytes >> 20, 1, kInFlightMegabytes)); }

}  // namespace

QString ImportReport::summary() const {
    return QStringLiteral("imported %1, duplicates %2, rejected %3").arg(imported).arg(duplicates).arg(rejected.size());
}

QStringList Importer::collectFiles(const QStringList& paths, QList<ImportReport::Rejection>* unreadable) {
    std::set<QString> unique;  // sorted and without repeats (a DICOMDIR and its folder list the same files)
    auto add = [&](const QFileInfo& file) {
        if (!isDicomDir(file)) {
            unique.insert(file.absoluteFilePath());
            return;
        }
        auto referenced = filesOfDicomDir(file.absoluteFilePath());
        if (!referenced.ok()) {
            unreadable->append({file.absoluteFilePath(), referenced.error()});
            return;
        }
        for (const QString& f : referenced->files) unique.insert(QFileInfo(f).absoluteFilePath());
        unreadable->append(referenced->refused);
    };
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) add(QFileInfo(it.next()));
        } else if (info.exists()) {
            add(info);
        } else {
            unreadable->append({path, QCoreApplication::translate("Importer", "%1: no such file or folder").arg(path)});
        }
    }
    return QStringList(unique.begin(), unique.end());
}

ImportReport Importer::run(const QStringList& paths, const Progress& progress, const std::atomic_bool* cancel,
                           std::atomic<qint64>* bytesDone) const {
    // The files an import brings are still on their media: they reach the disk together, one
    // wait at the end before the import reports them archived, instead of a wait per file.
    Archive archive = m_archive;
    if (archive.durability() == Durability::FlushEachFile) archive.setDurability(Durability::FlushTogether);
    ImportReport report;
    const QStringList files = collectFiles(paths, &report.rejected);
    QMutex mutex;  // guards report
    std::atomic_int done{0};
    QThreadPool workers;
    workers.setMaxThreadCount(std::max(QThread::idealThreadCount(), kImportWorkers));
    QSemaphore inFlight(kInFlightMegabytes);
    QtConcurrent::blockingMap(&workers, files, [&](const QString& file) {
        if (cancel && cancel->load()) return;
        StudyIdentity study;
        const qint64 size = QFileInfo(file).size();
        const int share = megabytesInHand(size);
        inFlight.acquire(share);
        const Result<StoreOutcome> outcome = archive.storeFile(file, &study);
        inFlight.release(share);
        if (bytesDone) *bytesDone += size;
        {
            QMutexLocker lock(&mutex);
            report.bytes += size;
            if (!outcome.ok()) {
                report.rejected.append({file, outcome.error()});
            } else {
                auto& [imported, duplicates] = report.studies[{study.patientId, study.studyUid}];
                const bool stored = outcome.value() == StoreOutcome::Stored;
                ++(stored ? report.imported : report.duplicates);
                ++(stored ? imported : duplicates);
            }
        }
        if (progress) progress(++done, static_cast<int>(files.size()));
    });
    report.cancelled = cancel && cancel->load();
    if (Status flushed = archive.flushWritten(); !flushed.ok()) report.rejected.append({archive.filesRoot(), flushed.error()});
    for (const auto& [study, counts] : report.studies)
        (void)recordAudit(m_archive.dataFolderRoot(),
                          {audit::kStudyImported, true, study.first, study.second, {},
                           QStringLiteral("%1 instances imported, %2 already archived").arg(counts.first).arg(counts.second)});
    std::sort(report.rejected.begin(), report.rejected.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return report;
}

}  // namespace telerad
