#include "DicomErrors.h"

#include <dcmtk/dcmdata/dcerror.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/oflog/oflog.h>
#include <dcmtk/ofstd/ofcond.h>

#include <QFile>

#include <exception>
#include <string>

namespace telerad {

QString describeDicomError(const QString& operation, const QString& file, const OFCondition& cond) {
    return QStringLiteral("%1 %2: %3").arg(operation, file, QString::fromLocal8Bit(cond.text()));
}

namespace {

constexpr unsigned short kDamagedContentCode = 0xfe00;

}  // namespace

OFCondition guardedParse(const std::function<OFCondition()>& parse) {
    try {
        return parse();
    } catch (const std::exception& e) {
        const std::string text = std::string("DCMTK failed on damaged content (") + e.what() + ")";
        return makeOFCondition(OFM_dcmdata, kDamagedContentCode, OF_error, text.c_str());
    }
}

bool isDamagedContent(const OFCondition& cond) { return cond.module() == OFM_dcmdata && cond.code() == kDamagedContentCode; }

OFCondition loadDicomFile(DcmFileFormat& file, const QString& path, Uint32 maxReadLength, const DcmTagKey& stopAt) {
    return guardedParse([&] {
        return file.loadFileUntilTag(QFile::encodeName(path).constData(), EXS_Unknown, EGL_noChange, maxReadLength, ERM_autoDetect, stopAt);
    });
}

void quietDicomToolkitLog() {
    if (qEnvironmentVariableIsSet("TELERAD_DCMTK_LOG")) return;
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
}

}  // namespace telerad
