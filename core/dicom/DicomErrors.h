#pragma once
// Translation of DCMTK's OFCondition into words, done once at the DCMTK edge.

#include <QString>

class OFCondition;

namespace telerad {

/// "<operation> <file>: <DCMTK's text>", for example "reading /a/b.dcm: Premature end of stream".
QString describeDicomError(const QString& operation, const QString& file, const OFCondition& cond);

}  // namespace telerad
