#include "TestSupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QTest>

namespace telerad::test {

void failOnUnexpectedWarnings() {
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

QString corpusFolder() { return qEnvironmentVariable("TELERAD_TEST_CORPUS"); }

QString screenshotPath(const QString& fileName) {
    QString folder = qEnvironmentVariable("TELERAD_SCREENSHOT_DIR");
    if (folder.isEmpty()) folder = QDir::currentPath() + QStringLiteral("/screenshots");
    QDir().mkpath(folder);
    return folder + QLatin1Char('/') + fileName;
}

}  // namespace telerad::test
