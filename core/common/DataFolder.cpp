#include "DataFolder.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace telerad {

namespace {

QString defaultRoot() {
    const QString fromEnv = qEnvironmentVariable("TELERAD_HOME");
    if (!fromEnv.isEmpty()) return fromEnv;
    // GenericDataLocation is $XDG_DATA_HOME; our own folder name keeps the path predictable
    // whatever QCoreApplication's organisation name is.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/telerad");
}

// Patient data lives here: nobody but the owner reads it.
bool restrictToOwner(const QString& path) {
    return QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner);
}

}  // namespace

Result<DataFolder> DataFolder::open(const QString& explicitPath) {
    const QString root = QDir::cleanPath(
        QDir(explicitPath.isEmpty() ? defaultRoot() : explicitPath).absolutePath());
    if (!QDir().mkpath(root))
        return failure(QStringLiteral("cannot create the data folder %1").arg(root));
    if (!QFileInfo(root).isWritable())
        return failure(QStringLiteral("the data folder %1 is not writable").arg(root));
    restrictToOwner(root);
    // Everything this process creates from now on (archived instances, SQLite databases and
    // their journals, exports) is readable by its owner only: it is patients' data.
    ::umask(S_IRWXG | S_IRWXO);
    return DataFolder(root);
}

QString DataFolder::subfolder(const QString& name) const {
    const QString path = m_root + QLatin1Char('/') + name;
    if (!QDir().mkpath(path)) return {};
    restrictToOwner(path);
    return path;
}

}  // namespace telerad
