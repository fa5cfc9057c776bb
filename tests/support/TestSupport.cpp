#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

namespace telerad::test {

void failOnUnexpectedWarnings() {
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

QString corpusFolder() { return qEnvironmentVariable("TELERAD_TEST_CORPUS"); }

QStringList filesUnder(const QString& root, const QString& pattern) {
    QStringList files;
    const QDir base(root);
    for (QDirIterator it(root, {pattern}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();)
        files << base.relativeFilePath(it.next());
    files.sort();
    return files;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool copyFolder(const QString& from, const QString& to) {
    for (const QString& relative : filesUnder(from)) {
        const QString target = to + QLatin1Char('/') + relative;
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(from + QLatin1Char('/') + relative, target)) return false;
    }
    return true;
}

QString screenshotPath(const QString& fileName) {
    QString folder = qEnvironmentVariable("TELERAD_SCREENSHOT_DIR");
    if (folder.isEmpty()) folder = QDir::currentPath() + QStringLiteral("/screenshots");
    QDir().mkpath(folder);
    return folder + QLatin1Char('/') + fileName;
}

}  // namespace telerad::test
