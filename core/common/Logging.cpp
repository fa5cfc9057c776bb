#include "Logging.h"

Q_LOGGING_CATEGORY(lcDicom, "telerad.dicom")
Q_LOGGING_CATEGORY(lcArchive, "telerad.archive")
Q_LOGGING_CATEGORY(lcNet, "telerad.net")
Q_LOGGING_CATEGORY(lcAudit, "telerad.audit")
Q_LOGGING_CATEGORY(lcApp, "telerad.app")
