#include "DicomErrors.h"

#include <dcmtk/oflog/oflog.h>
#include <dcmtk/ofstd/ofcond.h>

namespace telerad {

QString describeDicomError(const QString& operation, const QString& file, const OFCondition& cond) {
    return QStringLiteral("%1 %2: %3").arg(operation, file, QString::fromLocal8Bit(cond.text()));
}

}  // namespace telerad

namespace telerad {

void quietDicomToolkitLog() {
    if (qEnvironmentVariableIsSet("TELERAD_DCMTK_LOG")) return;
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
}

}  // namespace telerad
