#pragma once
// Reading DICOM text attributes the same way everywhere: converted to UTF-8 from the
// dataset's Specific Character Set, never a null QString.

#include <QString>

class DcmItem;
class DcmDataset;
class DcmTagKey;

namespace telerad {

/// Converts the dataset's text values to UTF-8 in memory (once, before reading them). Where
/// DCMTK cannot convert a character set, values stay as they are (read as UTF-8, lossy at worst).
void convertTextToUtf8(DcmDataset& dataset);

/// The value of `tag` (all values, backslash-separated), trimmed; an empty, non-null string
/// when absent (Qt Sql binds a null QString as SQL NULL, which UNIQUE and = ignore).
QString dicomText(DcmItem& item, const DcmTagKey& tag);

/// A Person Name as people read it: "DOE^JOHN" -> "DOE JOHN".
QString displayPersonName(const QString& personName);

}  // namespace telerad
