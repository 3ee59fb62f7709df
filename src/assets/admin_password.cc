#include "assets/admin_password.h"

#include <crypt.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "util/redact.h"

namespace tectonic::assets {
namespace {

constexpr size_t kMinLength = 12;
constexpr size_t kMaxLength = 72;  // bcrypt ignores what follows byte 72
constexpr int kBcryptCost = 12;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::string& AdminPasswordRule() {
  static const std::string kRule =
      "12 to 72 characters with at least three of: lower-case letters, upper-case letters, "
      "digits, symbols; not containing the admin email's name";
  return kRule;
}

Status CheckAdminPassword(const std::string& password, const std::string& email) {
  RegisterSecret(password);
  if (password.size() < kMinLength) {
    return Status::InvalidInput("the password is too short (" + std::to_string(password.size()) +
                                " characters; at least 12 are needed)");
  }
  if (password.size() > kMaxLength) {
    return Status::InvalidInput("the password is longer than 72 bytes (bcrypt ignores the rest)");
  }
  bool lower = false, upper = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::islower(c)) {
      lower = true;
    } else if (std::isupper(c)) {
      upper = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      symbol = true;
    }
  }
  if (int(lower) + int(upper) + int(digit) + int(symbol) < 3) {
    return Status::InvalidInput(
        "the password needs at least three kinds of characters (lower-case, upper-case, digits, "
        "symbols)");
  }
  std::string name = Lower(email.substr(0, email.find('@')));
  if (name.size() >= 3 && Lower(password).find(name) != std::string::npos) {
    return Status::InvalidInput("the password contains the admin email's name");
  }
  return Status::Ok();
}

Result<std::string> HashAdminPassword(const std::string& password) {
  RegisterSecret(password);
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  // A null random source: libxcrypt reads the system's (getrandom / /dev/urandom).
  if (crypt_gensalt_rn("$2b$", kBcryptCost, nullptr, 0, salt, sizeof salt) == nullptr) {
    return Status::Internal("cannot make a bcrypt salt (libxcrypt crypt_gensalt_rn failed)");
  }
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), salt, data.get());
  if (hash == nullptr || hash[0] != '$') {
    return Status::Internal("bcrypt hashing failed (libxcrypt crypt_r)");
  }
  std::string out(hash);
  RegisterSecret(out);
  return out;
}

}  // namespace tectonic::assets
