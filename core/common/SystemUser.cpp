#include "SystemUser.h"

#include <pwd.h>
#include <unistd.h>

namespace telerad {

QString systemUserName() {
    if (const passwd* account = ::getpwuid(::getuid()); account && account->pw_name) return QString::fromLocal8Bit(account->pw_name);
    return qEnvironmentVariable("USER", QStringLiteral("unknown"));
}

}  // namespace telerad
