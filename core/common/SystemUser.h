#pragma once
// Who uses this workstation, as the operating system knows them: the name actions are
// recorded under until local accounts exist (issue "Audit trail, users").

#include <QString>

namespace telerad {

/// The login name of the process's user (from the password database, not $USER, which a
/// service or a container may lack); "unknown" when there is none.
QString systemUserName();

}  // namespace telerad
