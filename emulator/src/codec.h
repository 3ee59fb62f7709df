// Byte codecs the services share: base64 and MD5 (S3 ETags, Content-MD5, key fingerprints).
// Thread safety: pure functions.
#pragma once

#include <string>

namespace awsim {

std::string Base64Encode(const std::string& bytes);
// Returns false on malformed input.
bool Base64Decode(const std::string& text, std::string* out);
std::string Md5Hex(const std::string& bytes);
std::string Md5Raw(const std::string& bytes);
// "aa:bb:..." colon-separated lower-case hex of `bytes`.
std::string ColonHex(const std::string& bytes);

}  // namespace awsim
