#include "AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace telerad {

Status writeFileAtomically(const QString& path, const QByteArray& bytes, FileAccess access) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return failure(QStringLiteral("cannot create the folder of %1").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (access == FileAccess::Readable) permissions |= QFileDevice::ReadGroup | QFileDevice::ReadOther;
    file.setPermissions(permissions);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return success();
}

Result<QByteArray> readWholeFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return file.readAll();
}

}  // namespace telerad
