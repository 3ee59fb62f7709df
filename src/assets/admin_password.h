// The console admin password: the strength rule the CLI and the GUI show, and its bcrypt hash
// for cluster.yaml's tectonic.adminPasswordHash (the password itself is never stored).
// Thread safety: pure functions; HashAdminPassword reads the system's random source.
#pragma once

#include <string>

#include "util/result.h"

namespace tectonic::assets {

// One sentence, shown beside the password field.
const std::string& AdminPasswordRule();

// InvalidInput saying which part of the rule the password misses (never quoting it).
// email: the admin email; a password containing its local part is refused.
Status CheckAdminPassword(const std::string& password, const std::string& email);

// "$2b$12$...": libxcrypt's bcrypt with a salt from the system's random source.
Result<std::string> HashAdminPassword(const std::string& password);

}  // namespace tectonic::assets
