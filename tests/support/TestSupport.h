#pragma once
// Shared helpers for Telerad's Qt Test executables.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace telerad::test {

/// Call from each test class's init(): any qWarning (VTK's errors and warnings included, see
/// routeVtkOutputToQtLogging) not announced with QTest::ignoreMessage() fails the test.
void failOnUnexpectedWarnings();

/// Folder of the shared real-DICOM corpus ($TELERAD_TEST_CORPUS), empty when not set.
QString corpusFolder();

/// Paths of the files under `root` (recursively) matching `pattern`, relative to `root`, sorted.
QStringList filesUnder(const QString& root, const QString& pattern = QStringLiteral("*"));

/// Writes `bytes` to a new file at `path`; false when it cannot.
bool writeFile(const QString& path, const QByteArray& bytes);

/// Copies the files under `from` to the same places under `to`; false when one fails.
bool copyFolder(const QString& from, const QString& to);

/// Where a test writes screenshots for people to look at ($TELERAD_SCREENSHOT_DIR, else the
/// current directory's screenshots/ folder). Created on demand.
QString screenshotPath(const QString& fileName);

}  // namespace telerad::test
