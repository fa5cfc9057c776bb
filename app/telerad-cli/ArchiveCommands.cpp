// telerad-cli import PATH...   and   telerad-cli ls [--studies|--series STUDY_UID|--instances SERIES_UID]
// Output formats are a contract: one "rejected PATH: REASON" line per rejected file on
// stderr, then the summary "imported N, duplicates D, rejected R" on stdout; listings are
// tab-separated with no header.

#include "CommandLine.h"

#include "archive/Archive.h"
#include "archive/Importer.h"
#include "archive/StudyExport.h"
#include "common/DataFolder.h"

#include <QCommandLineParser>

namespace telerad::cli {

int runImport(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import DICOM files, folders and DICOMDIR media into the archive."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files or folders to import."), QStringLiteral("PATH..."));
    if (int code = parseOrExit(parser, invocation, "import"); code >= 0) return code;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        printError(QStringLiteral("import: give at least one PATH"));
        return kFatal;
    }
    auto archive = openArchive(invocation);
    if (!archive.ok()) {
        printError(QStringLiteral("import: %1").arg(archive.error()));
        return kFatal;
    }
    const ImportReport report = Importer(archive.value()).run(paths);
    for (const auto& rejection : report.rejected)
        printError(QStringLiteral("rejected %1").arg(rejection.message));
    printLine(report.summary());
    return report.rejected.isEmpty() ? kSuccess : kPartialFailure;
}

int runList(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the archive index, tab-separated."));
    const QCommandLineOption studies(QStringLiteral("studies"), QStringLiteral("List studies (the default)."));
    const QCommandLineOption series(QStringLiteral("series"), QStringLiteral("List the series of a study."), QStringLiteral("STUDY_UID"));
    const QCommandLineOption instances(QStringLiteral("instances"), QStringLiteral("List the instances of a series."),
                                       QStringLiteral("SERIES_UID"));
    parser.addOptions({studies, series, instances});
    if (int code = parseOrExit(parser, invocation, "ls"); code >= 0) return code;
    auto archive = openArchive(invocation);
    if (!archive.ok()) {
        printError(QStringLiteral("ls: %1").arg(archive.error()));
        return kFatal;
    }
    Result<QList<QStringList>> rows = failure(QString());
    if (parser.isSet(series)) {
        rows = archive->index().select(
            QStringLiteral("SELECT s.uid, s.number, s.modality, s.description, s.body_part, COUNT(i.sop_uid) "
                           "FROM series s LEFT JOIN instances i ON i.series = s.uid WHERE s.study = ? "
                           "GROUP BY s.uid ORDER BY s.number, s.uid"),
            {parser.value(series)});
    } else if (parser.isSet(instances)) {
        rows = archive->index().select(
            QStringLiteral("SELECT sop_uid, number, sop_class, transfer_syntax, rows, columns, frames, size, file "
                           "FROM instances WHERE series = ? ORDER BY number, sop_uid"),
            {parser.value(instances)});
    } else {
        rows = archive->index().select(QStringLiteral(
            "SELECT st.uid, p.patient_id, p.name, st.date, GROUP_CONCAT(DISTINCT se.modality), st.description, "
            "st.accession, COUNT(DISTINCT se.uid), COUNT(i.sop_uid) FROM studies st JOIN patients p ON p.id = st.patient "
            "LEFT JOIN series se ON se.study = st.uid LEFT JOIN instances i ON i.series = se.uid "
            "GROUP BY st.uid ORDER BY st.date, st.uid"));
    }
    if (!rows.ok()) {
        printError(QStringLiteral("ls: %1").arg(rows.error()));
        return kFatal;
    }
    for (const QStringList& row : rows.value()) printLine(row.join(QLatin1Char('\t')));
    auditCommand(invocation, {QString(audit::kArchiveListed), true, {}, parser.value(series), {},
                             QStringLiteral("telerad-cli %1: %2 rows").arg(invocation.arguments.join(QLatin1Char(' '))).arg(rows->size())});
    return kSuccess;
}

}  // namespace telerad::cli

namespace telerad::cli {

// telerad-cli check: brings the archive's files and index back into agreement after a crash.
int runCheck(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check the archive against its index and repair leftovers of a crash."));
    if (int code = parseOrExit(parser, invocation, "check"); code >= 0) return code;
    auto archive = openArchive(invocation);
    if (!archive.ok()) {
        printError(QStringLiteral("check: %1").arg(archive.error()));
        return kFatal;
    }
    auto report = archive->checkAndRepair();
    if (!report.ok()) {
        printError(QStringLiteral("check: %1").arg(report.error()));
        return kFatal;
    }
    for (const QString& problem : report->problems) printError(problem);
    printLine(report->summary());
    return report->problems.isEmpty() ? kSuccess : kPartialFailure;
}

// telerad-cli delete UID: deletes an archived study or series, files and index rows.
int runDelete(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Delete an archived study or series (its files and index rows); audited."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("Study or series instance UID."));
    if (int code = parseOrExit(parser, invocation, "delete"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1) return fatal("delete", QStringLiteral("usage: delete UID"));
    auto archive = openArchive(invocation);
    if (!archive.ok()) return fatal("delete", archive.error());
    const QString uid = parser.positionalArguments().front();
    auto deleted = archive->deleteStudyOrSeries(uid);
    if (!deleted.ok()) return fatal("delete", deleted.error());
    printLine(QStringLiteral("deleted %1 instance(s) of %2").arg(deleted.value()).arg(uid));
    return kSuccess;
}

// telerad-cli export UID --out DIR [--deidentify [--clean-descriptors] [--retain-dates]]
// One "skipped FILE: why" line per instance left out and one "burned-in annotation FILE: why"
// per exported image whose pixels may show identity (stderr), then the summary on stdout.
int runExport(const Invocation& invocation) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Copy an archived study or series to a folder, optionally de-identified "
                                                    "(PS3.15 Annex E Basic Application Level Confidentiality Profile)."));
    parser.addPositionalArgument(QStringLiteral("UID"), QStringLiteral("Study or series instance UID."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Destination folder."), QStringLiteral("DIR"));
    const DeidentifyOptions deidentify;
    parser.addOption(out);
    deidentify.addTo(parser);
    if (int code = parseOrExit(parser, invocation, "export"); code >= 0) return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(out))
        return fatal("export", QStringLiteral("usage: export UID --out DIR [--deidentify [--clean-descriptors] [--retain-dates]]"));
    auto options = deidentify.chosen(parser);
    if (!options.ok()) return fatal("export", options.error());
    auto archive = openArchive(invocation);
    if (!archive.ok()) return fatal("export", archive.error());
    auto report = exportStudy(archive.value(), parser.positionalArguments().front(), parser.value(out), options.value());
    if (!report.ok()) return fatal("export", report.error());
    printExportProblems(report.value());
    printLine(report->summary());
    return report->skipped.isEmpty() ? kSuccess : kPartialFailure;
}

}  // namespace telerad::cli
