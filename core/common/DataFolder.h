#pragma once
// The per-user data folder that holds the archive, the index, settings and keys.
// Chosen, in order: an explicit path (--home), $TELERAD_HOME, then the XDG data location
// ($XDG_DATA_HOME/telerad, usually ~/.local/share/telerad).

#include "Result.h"

#include <QString>

namespace telerad {

class DataFolder {
public:
    /// Resolves and creates the folder (owner-only permissions). `explicitPath` may be empty.
    static Result<DataFolder> open(const QString& explicitPath = {});

    QString root() const { return m_root; }
    /// A sub-folder of the data folder, created on demand; empty string on failure.
    QString subfolder(const QString& name) const;
    /// Where the generated demo study lives.
    QString demoStudyPath() const { return subfolder(QStringLiteral("demo-study")); }

private:
    explicit DataFolder(QString root) : m_root(std::move(root)) {}
    QString m_root;
};

}  // namespace telerad
