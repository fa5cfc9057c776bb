#pragma once
// Translation of DCMTK's OFCondition into words, done once at the DCMTK edge.

#include <dcmtk/dcmdata/dcobject.h>
#include <dcmtk/dcmdata/dctagkey.h>

#include <QString>

#include <functional>

class DcmFileFormat;
class OFCondition;

namespace telerad {

/// "<operation> <file>: <DCMTK's text>", for example "reading /a/b.dcm: Premature end of stream".
QString describeDicomError(const QString& operation, const QString& file, const OFCondition& cond);

/// Runs `parse` (DCMTK reading a file or a dataset) and turns a C++ exception thrown from it
/// into an error condition. On some damaged values DCMTK 3.6.7 throws std::out_of_range from
/// inside its parser (a directory record's type, found by fuzzing): uncaught, one such file
/// imported or one such instance received ended the whole process.
OFCondition guardedParse(const std::function<OFCondition()>& parse);

/// Whether `cond` is what guardedParse made of such an exception.
bool isDamagedContent(const OFCondition& cond);

/// Reads the DICOM file at `path` into `file` under guardedParse. Values longer than
/// `maxReadLength` (pixel data) stay on disk until asked for; reading stops before `stopAt`.
OFCondition loadDicomFile(DcmFileFormat& file, const QString& path, Uint32 maxReadLength = DCM_MaxReadLength,
                          const DcmTagKey& stopAt = DCM_UndefinedTagKey);

}  // namespace telerad

namespace telerad {

/// Keeps DCMTK's own log (warnings about odd files, printed to stderr) quiet: our errors
/// carry DCMTK's reason, and stderr is where telerad-cli prints its contract lines.
/// Set TELERAD_DCMTK_LOG=1 to see DCMTK's messages when investigating a file.
void quietDicomToolkitLog();

}  // namespace telerad
