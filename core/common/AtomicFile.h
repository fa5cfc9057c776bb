#pragma once
// Writing small files (settings, keys, certificates) so that a crash leaves either the old
// content or the new one, never half of it.

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace telerad {

enum class FileAccess { OwnerOnly, Readable };

/// Writes `bytes` to `path` through a temporary file and a rename; creates the folder.
/// OwnerOnly (keys, settings) gives mode 0600.
Status writeFileAtomically(const QString& path, const QByteArray& bytes, FileAccess access = FileAccess::OwnerOnly);

/// The whole content of `path`, or an error naming it.
Result<QByteArray> readWholeFile(const QString& path);

}  // namespace telerad
