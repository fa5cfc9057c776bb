#include "Importer.h"

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
#include <set>

namespace telerad {

namespace {

bool isDicomDir(const QFileInfo& file) { return file.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0; }

// Referenced File IDs of every record below `record` (components separated by '\').
void collectReferences(DcmDirectoryRecord& record, const QDir& media, QStringList* files) {
    OFString fileId;
    if (record.findAndGetOFStringArray(DCM_ReferencedFileID, fileId).good() && !fileId.empty())
        files->append(media.filePath(QString::fromLatin1(fileId.c_str()).replace(QLatin1Char('\\'), QLatin1Char('/'))));
    for (unsigned long i = 0; i < record.cardSub(); ++i)
        if (DcmDirectoryRecord* child = record.getSub(i)) collectReferences(*child, media, files);
}

Result<QStringList> filesOfDicomDir(const QString& path) {
    DcmDicomDir dicomdir(QFile::encodeName(path).constData());
    if (dicomdir.error().bad())
        return failure(QCoreApplication::translate("Importer", "%1: unreadable DICOMDIR: %2").arg(path, QString::fromLatin1(dicomdir.error().text())));
    QStringList files;
    collectReferences(dicomdir.getRootRecord(), QFileInfo(path).dir(), &files);
    return files;
}

// A file spends most of its import waiting for its flush to disk, not for a core: eight
// at once keep the disk's queue full (300-slice CT, 2 cores, 5 runs each: median 0.77 s with
// two workers, 0.45 s with four, 0.37 s with eight, 0.33 s with sixteen). More would hold
// more files in memory at once for little.
constexpr int kImportWorkers = 8;

// Each worker holds its file in memory while storing it: the files in hand at once stay
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
        for (const QString& f : referenced.value()) unique.insert(QFileInfo(f).absoluteFilePath());
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
        const Result<StoreOutcome> outcome = m_archive.storeFile(file, &study);
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
    for (const auto& [study, counts] : report.studies)
        (void)recordAudit(m_archive.dataFolderRoot(),
                          {audit::kStudyImported, true, study.first, study.second, {},
                           QStringLiteral("%1 instances imported, %2 already archived").arg(counts.first).arg(counts.second)});
    std::sort(report.rejected.begin(), report.rejected.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return report;
}

}  // namespace telerad
