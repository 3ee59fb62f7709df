// An incoming request as the services see it: raw path and query (for SigV4), lower-cased
// headers, and decoded parameters (form body or query string). ParamView walks the flattened
// Query/EC2 parameter names (`Filter.1.Value.2`, `Subnets.member.1`). Thread safety: values.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace awsim {

using ParamMap = std::map<std::string, std::string>;

// Percent-decodes; when plus_is_space, '+' becomes ' ' (form bodies).
std::string UrlDecode(const std::string& in, bool plus_is_space);
// Encodes everything but A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash).
std::string UrlEncode(const std::string& in, bool keep_slash = false);
// Parses `a=b&c=d` into a map (last value wins).
ParamMap ParseForm(const std::string& body, bool plus_is_space);

// A prefix-scoped view over a ParamMap: Get("Name") reads "<prefix>.Name".
class ParamView {
 public:
  ParamView(const ParamMap* params, std::string prefix) : p_(params), prefix_(std::move(prefix)) {}
  std::optional<std::string> Find(const std::string& name) const;
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  bool Has(const std::string& name) const { return Find(name).has_value(); }
  // Values of name.1, name.2, ... (stops at the first gap).
  std::vector<std::string> List(const std::string& name) const;
  // Views of structures name.1.*, name.2.*, ...
  std::vector<ParamView> Items(const std::string& name) const;
  ParamView Sub(const std::string& name) const { return ParamView(p_, Key(name)); }
  // Every key under this prefix, with values (for idempotency fingerprints).
  std::string Fingerprint(const std::vector<std::string>& skip) const;

 private:
  std::string Key(const std::string& name) const {
    return prefix_.empty() ? name : prefix_ + "." + name;
  }
  bool AnyUnder(const std::string& key) const;
  const ParamMap* p_;
  std::string prefix_;
};

struct Request {
  std::string method;
  std::string path;       // raw (still percent-encoded), without the query
  std::string raw_query;  // raw, without '?'
  std::map<std::string, std::vector<std::string>> headers;  // lower-case names
  std::string body;
  std::string remote_addr;
  ParamMap params;  // decoded form body (Query/EC2) or query string (REST)
  // True when the client has closed its connection (set by the HTTP edge; may be empty).
  std::function<bool()> peer_closed;

  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const { return headers.count(name) > 0; }
  ParamView Params() const { return ParamView(&params, ""); }
};

}  // namespace awsim
