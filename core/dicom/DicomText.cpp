#include "DicomText.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

namespace telerad {

void convertTextToUtf8(DcmDataset& dataset) {
    if (dataset.tagExists(DCM_SpecificCharacterSet)) dataset.convertToUTF8();
}

QString dicomText(DcmItem& item, const DcmTagKey& tag) {
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad()) return QStringLiteral("");
    return QString::fromUtf8(value.c_str()).trimmed();
}

QString displayPersonName(const QString& personName) {
    QString name = personName;
    return name.replace(QLatin1Char('^'), QLatin1Char(' ')).simplified();
}

}  // namespace telerad
