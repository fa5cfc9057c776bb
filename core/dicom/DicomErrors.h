#pragma once
// Translation of DCMTK's OFCondition into words, done once at the DCMTK edge.

#include <QString>

class OFCondition;

namespace telerad {

/// "<operation> <file>: <DCMTK's text>", for example "reading /a/b.dcm: Premature end of stream".
QString describeDicomError(const QString& operation, const QString& file, const OFCondition& cond);

}  // namespace telerad

namespace telerad {

/// Keeps DCMTK's own log (warnings about odd files, printed to stderr) quiet: our errors
/// carry DCMTK's reason, and stderr is where telerad-cli prints its contract lines.
/// Set TELERAD_DCMTK_LOG=1 to see DCMTK's messages when investigating a file.
void quietDicomToolkitLog();

}  // namespace telerad
