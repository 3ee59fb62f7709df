#include "installer/cluster_checks.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/redact.h"

namespace tectonic::installer {

std::string GroupLabel(const std::string& group_key) {
  std::string label = group_key;
  if (label.rfind("nlb/", 0) == 0) label.erase(0, 4);
  if (auto at = label.find("/tg"); at != std::string::npos) label.erase(at, 3);
  return label;
}

namespace {

struct GroupCounts {
  int healthy = 0;
  int total = 0;
  std::map<std::string, int> others;  // state -> count
};

std::map<std::string, GroupCounts> CountByGroup(const std::vector<TargetReport>& targets) {
  std::map<std::string, GroupCounts> by_group;
  for (const auto& t : targets) {
    GroupCounts& c = by_group[t.group_key];
    ++c.total;
    if (t.state == "healthy") {
      ++c.healthy;
    } else {
      ++c.others[t.state];
    }
  }
  return by_group;
}

}  // namespace

std::string TargetProgress(const std::vector<std::string>& group_keys,
                           const std::vector<TargetReport>& targets, int expected_per_group) {
  auto by_group = CountByGroup(targets);
  std::string out;
  for (const auto& key : group_keys) {
    const GroupCounts& c = by_group[key];
    out += out.empty() ? "healthy targets: " : ", ";
    out +=
        fmt::format("{} {}/{}", GroupLabel(key), c.healthy, std::max(c.total, expected_per_group));
    std::string others;
    for (const auto& [state, n] : c.others) {
      others += fmt::format("{}{} {}", others.empty() ? "" : ", ", n, state);
    }
    if (c.total == 0) others = "no target registered";
    if (!others.empty()) out += " (" + others + ")";
  }
  return out;
}

bool TargetsReady(const std::vector<std::string>& group_keys,
                  const std::vector<TargetReport>& targets, int expected_per_group) {
  if (group_keys.empty()) return false;
  auto by_group = CountByGroup(targets);
  for (const auto& key : group_keys) {
    if (by_group[key].healthy < std::max(1, expected_per_group)) return false;
  }
  return true;
}

Result<NodeReadiness> ParseNodeList(const std::string& body) {
  auto list = nlohmann::json::parse(body, nullptr, false);
  if (!list.is_object() || !list.contains("items") || !list["items"].is_array()) {
    return Status::InvalidInput("GET /api/v1/nodes did not answer a NodeList");
  }
  NodeReadiness out;
  for (const auto& node : list["items"]) {
    std::string name = node.value("metadata", nlohmann::json::object()).value("name", "");
    bool ready = false;
    const auto status = node.value("status", nlohmann::json::object());
    for (const auto& c : status.value("conditions", nlohmann::json::array())) {
      if (c.value("type", "") == "Ready") ready = c.value("status", "") == "True";
    }
    (ready ? out.ready : out.not_ready).insert(name);
  }
  return out;
}

std::string LastLines(const std::string& text, int n) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::erase(line, '\r');
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = lines.size() > static_cast<size_t>(n) ? lines.size() - n : 0;
  std::string out;
  for (size_t i = first; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

std::string FormatDiagnosis(const WaitOutcome& outcome, const std::string& waiting_for,
                            long long timeout_seconds) {
  std::string out = fmt::format("The cluster did not become ready within {}s: {}.\n",
                                timeout_seconds, waiting_for);
  int shown = 0;
  for (const auto& t : outcome.targets) {
    if (t.state == "healthy") continue;
    if (shown++ == 0) out += "Targets not healthy (elbv2 DescribeTargetHealth):\n";
    out += fmt::format("  {} {}:{} {}", GroupLabel(t.group_key), t.target_id, t.port, t.state);
    if (!t.reason.empty()) out += " " + t.reason;
    if (!t.description.empty()) out += ": " + t.description;
    out += "\n";
  }
  if (!outcome.instances.empty()) out += "Instances of the cluster:\n";
  for (const auto& i : outcome.instances) {
    out += fmt::format("  {} {} {} {} {}{}\n", i.id, i.role.empty() ? "-" : i.role, i.state, i.zone,
                       i.private_ip.empty() ? "-" : i.private_ip, i.failing ? "  <- failing" : "");
  }
  for (const auto& i : outcome.instances) {
    if (i.console_tail.empty()) continue;
    out += fmt::format("Console of {} ({}), last lines (ec2 GetConsoleOutput):\n", i.id, i.role);
    std::istringstream in(i.console_tail);
    std::string line;
    while (std::getline(in, line)) out += "  | " + line + "\n";
  }
  return Redact(out);
}

}  // namespace tectonic::installer
