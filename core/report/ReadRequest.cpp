#include "ReadRequest.h"

#include "dicom/DicomText.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>

namespace telerad {
namespace {

// Requested Procedure Priority (0040,1003) defined terms, in order of urgency.
const char* priorityOf(Urgency urgency) {
    switch (urgency) {
    case Urgency::Emergency: return "STAT";
    case Urgency::Urgent: return "HIGH";
    case Urgency::Routine: break;
    }
    return "ROUTINE";
}

Urgency urgencyOfPriority(const QString& priority) {
    if (priority == QLatin1String("STAT")) return Urgency::Emergency;
    if (priority == QLatin1String("HIGH")) return Urgency::Urgent;
    return Urgency::Routine;
}

// The reply-to AE title rides in a coded entry of a private coding scheme, inside a standard
// sequence, since no standard attribute names "where the report goes".
constexpr const char* kReplyToScheme = "99TELERAD";

Status put(DcmItem& item, const DcmTagKey& tag, const QString& value) {
    if (value.isEmpty()) return success();
    const OFCondition cond = item.putAndInsertOFStringArray(tag, value.toUtf8().constData());
    if (cond.bad()) return failure(QStringLiteral("cannot write %1 '%2': %3").arg(QString::fromLatin1(DcmTag(tag).getTagName()), value,
                                                                                  QString::fromLatin1(cond.text())));
    return success();
}

}  // namespace

QString urgencyName(Urgency urgency) {
    switch (urgency) {
    case Urgency::Emergency: return QStringLiteral("emergency");
    case Urgency::Urgent: return QStringLiteral("urgent");
    case Urgency::Routine: break;
    }
    return QStringLiteral("routine");
}

Result<Urgency> parseUrgency(const QString& text) {
    for (Urgency u : {Urgency::Routine, Urgency::Urgent, Urgency::Emergency})
        if (text.compare(urgencyName(u), Qt::CaseInsensitive) == 0) return u;
    return failure(QStringLiteral("unknown urgency '%1' (routine, urgent or emergency)").arg(text));
}

Status writeReadRequest(const ReadRequest& request, DcmItem& item) {
    for (const auto& [tag, value] : {std::pair{DCM_ReasonForTheRequestedProcedure, request.indication},
                                     std::pair{DCM_RequestedProcedureComments, request.question},
                                     std::pair{DCM_RequestedProcedurePriority, QString::fromLatin1(priorityOf(request.urgency))},
                                     std::pair{DCM_RequestingPhysician, request.physician},
                                     std::pair{DCM_OrderCallbackPhoneNumber, request.phone},
                                     std::pair{DCM_RequestingService, request.requestingSite}})
        if (Status s = put(item, tag, value); !s.ok()) return s;
    if (request.replyToAe.isEmpty()) return success();
    DcmItem* code = nullptr;
    item.findOrCreateSequenceItem(DCM_RequestingServiceCodeSequence, code, -2);
    if (!code) return failure(QStringLiteral("cannot write the Requesting Service Code Sequence"));
    for (const auto& [tag, value] : {std::pair{DCM_CodeValue, request.replyToAe},
                                     std::pair{DCM_CodingSchemeDesignator, QString::fromLatin1(kReplyToScheme)},
                                     std::pair{DCM_CodeMeaning, QStringLiteral("Reports to AE %1").arg(request.replyToAe)}})
        if (Status s = put(*code, tag, value); !s.ok()) return s;
    return success();
}

std::optional<ReadRequest> readReadRequest(DcmItem& item) {
    ReadRequest request;
    const QString priority = dicomText(item, DCM_RequestedProcedurePriority);
    request.indication = dicomText(item, DCM_ReasonForTheRequestedProcedure);
    if (priority.isEmpty() && request.indication.isEmpty()) return std::nullopt;
    request.urgency = urgencyOfPriority(priority);
    request.question = dicomText(item, DCM_RequestedProcedureComments);
    request.physician = dicomText(item, DCM_RequestingPhysician);
    request.phone = dicomText(item, DCM_OrderCallbackPhoneNumber);
    request.requestingSite = dicomText(item, DCM_RequestingService);
    DcmItem* code = nullptr;
    if (item.findAndGetSequenceItem(DCM_RequestingServiceCodeSequence, code, 0).good() && code &&
        dicomText(*code, DCM_CodingSchemeDesignator) == QLatin1String(kReplyToScheme))
        request.replyToAe = dicomText(*code, DCM_CodeValue);
    return request;
}

}  // namespace telerad
