// The checks that need no AWS: license, pull secret, generated names.
#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "preflight/checks.h"
#include "topology/names.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::preflight {
namespace {

std::filesystem::path InDir(const CheckContext& ctx, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_absolute() ? p : ctx.loaded().dir / p;
}

bool IsBlank(const std::string& s) {
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads a secret file; *problem explains a failure without quoting the content.
bool ReadSecret(const std::filesystem::path& path, std::string* content, std::string* problem) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    *problem = fmt::format("{} does not exist", path.string());
    return false;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    *problem = fmt::format("{} is not a regular file", path.string());
    return false;
  }
  auto read = files::ReadFile(path);
  if (!read.ok()) {
    *problem = fmt::format("{} cannot be read: {}", path.string(), read.status().message());
    return false;
  }
  *content = std::move(read).value();
  RegisterSecret(*content);
  return true;
}

}  // namespace

CheckResult CheckLicense(CheckContext& ctx) {
  const std::string& given = ctx.config().tectonic.license_path;
  const std::string fix = "download the license from your CoreOS/Tectonic account and save it as " +
                          given + " in the cluster directory (or set tectonic.license to its path)";
  if (given.empty()) return CheckResult::Fail("tectonic.license is not set", fix);
  auto path = InDir(ctx, given);
  std::string content, problem;
  if (!ReadSecret(path, &content, &problem)) return CheckResult::Fail("license: " + problem, fix);
  if (IsBlank(content)) return CheckResult::Fail("license " + path.string() + " is empty", fix);
  // The license is one opaque token; a text with NUL bytes is not it.
  if (content.find('\0') != std::string::npos) {
    return CheckResult::Fail("license " + path.string() + " is a binary file, not a license", fix);
  }
  return CheckResult::Pass(
      fmt::format("license found ({} bytes, content not shown)", content.size()));
}

CheckResult CheckPullSecret(CheckContext& ctx) {
  const std::string& given = ctx.config().tectonic.pull_secret_path;
  const std::string fix =
      "download the pull secret (a docker config.json with an \"auths\" object) from your "
      "CoreOS/Tectonic account and save it as " +
      given + " in the cluster directory";
  if (given.empty()) return CheckResult::Fail("tectonic.pullSecret is not set", fix);
  auto path = InDir(ctx, given);
  std::string content, problem;
  if (!ReadSecret(path, &content, &problem)) {
    return CheckResult::Fail("pull secret: " + problem, fix);
  }
  // The parser's own message may quote the input: report only the byte offset.
  nlohmann::json doc = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return CheckResult::Fail("pull secret " + path.string() + " is not valid JSON", fix);
  }
  if (!doc.is_object() || !doc.contains("auths")) {
    return CheckResult::Fail(
        "pull secret " + path.string() + " has no \"auths\" object: it is not a docker config",
        fix);
  }
  const auto& auths = doc["auths"];
  if (!auths.is_object() || auths.empty()) {
    return CheckResult::Fail("pull secret " + path.string() + ": \"auths\" is empty", fix);
  }
  for (const auto& [registry, entry] : auths.items()) {
    if (!entry.is_object() || (!entry.contains("auth") && !entry.contains("identitytoken") &&
                               !entry.contains("username"))) {
      return CheckResult::Fail("pull secret " + path.string() + ": the entry for registry '" +
                                   registry + "' has no credentials",
                               fix);
    }
  }
  std::string registries;
  for (const auto& [registry, entry] : auths.items()) {
    registries += (registries.empty() ? "" : ", ") + registry;
  }
  return CheckResult::Pass("pull secret has credentials for " + registries +
                           " (content not shown)");
}

CheckResult CheckNames(CheckContext& ctx) {
  const auto& name = ctx.config().name;
  // The cluster id is fixed at the first create; before that any id gives the same lengths.
  std::string cluster_id = "00000000-0000-0000-0000-000000000000";
  auto metadata = files::ReadFile(ctx.loaded().dir / "metadata.json");
  if (metadata.ok()) {
    auto doc = nlohmann::json::parse(*metadata, nullptr, false);
    if (doc.is_object() && doc.contains("clusterID") && doc["clusterID"].is_string()) {
      cluster_id = doc["clusterID"].get<std::string>();
    }
  }
  struct Planned {
    const char* kind;
    std::string name;
    size_t limit;
  };
  std::vector<Planned> planned;
  for (const char* s : {"api-ext", "api-int", "console"}) {
    planned.push_back({"load balancer",
                       topology::FitName(name, cluster_id, s, topology::kLoadBalancerNameLimit),
                       topology::kLoadBalancerNameLimit});
    planned.push_back({"target group",
                       topology::FitName(name, cluster_id, s, topology::kTargetGroupNameLimit),
                       topology::kTargetGroupNameLimit});
  }
  planned.push_back({"bucket", topology::BucketName(name, cluster_id), topology::kBucketNameLimit});
  for (const char* role : {"master", "worker", "etcd"}) {
    planned.push_back({"IAM role",
                       topology::FitName(name, cluster_id, std::string(role) + "-role",
                                         topology::kIamRoleNameLimit),
                       topology::kIamRoleNameLimit});
  }
  std::string bad, all;
  for (const auto& p : planned) {
    all += fmt::format("{} {} ({}/{})\n", p.kind, p.name, p.name.size(), p.limit);
    if (p.name.empty() || p.name.size() > p.limit) {
      bad += fmt::format("{} name '{}' is {} characters, the limit is {}; ", p.kind, p.name,
                         p.name.size(), p.limit);
    }
  }
  if (!bad.empty()) {
    return CheckResult::Fail(bad, "choose a shorter cluster name (name in cluster.yaml)", all);
  }
  return CheckResult::Pass(fmt::format("{} generated names fit their limits", planned.size()), all);
}

}  // namespace tectonic::preflight
