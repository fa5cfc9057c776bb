#pragma once
// Named logging categories, one per core area (enable with QT_LOGGING_RULES).

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDicom)
Q_DECLARE_LOGGING_CATEGORY(lcArchive)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
