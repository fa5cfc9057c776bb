#pragma once
// A request for a read: what the clinic asks of the radiologist. It travels inside the
// study's own instances, in standard attributes a PACS in between keeps (README, "Read
// requests"): nothing private, so a request survives any archive on the way.

#include "common/Result.h"

#include <QString>

#include <optional>

class DcmItem;

namespace telerad {

enum class Urgency { Routine, Urgent, Emergency };
QString urgencyName(Urgency urgency);                   ///< routine, urgent, emergency
Result<Urgency> parseUrgency(const QString& text);      ///< the names above, any case

struct ReadRequest {
    QString indication;      ///< clinical indication          -> Reason for the Requested Procedure
    QString question;        ///< the question asked           -> Requested Procedure Comments
    Urgency urgency = Urgency::Routine;  ///<                   -> Requested Procedure Priority
    QString physician;       ///< requesting physician         -> Requesting Physician
    QString phone;           ///< contact phone                -> Order Callback Phone Number
    QString requestingSite;  ///< the clinic's name (its AE)   -> Requesting Service
    QString replyToAe;       ///< AE title the report goes to  -> Requesting Service Code Sequence
};

/// Writes the request's attributes into `item` (a dataset, or an amendment merged into
/// each instance on the way out). Text is UTF-8: the item's character set must allow it.
Status writeReadRequest(const ReadRequest& request, DcmItem& item);

/// The request carried by an instance, if it carries one (its Requested Procedure Priority
/// or Reason for the Requested Procedure is set). Text must already be UTF-8.
std::optional<ReadRequest> readReadRequest(DcmItem& item);

}  // namespace telerad
