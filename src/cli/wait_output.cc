#include "cli/wait_output.h"

#include <fmt/format.h>

#include <cctype>
#include <iostream>

namespace tectonic::cli {

Result<std::chrono::seconds> ParseWaitTimeout(const std::string& flag, const std::string& text) {
  auto bad = [&] {
    return Status::InvalidInput(fmt::format(
        "{} '{}' is not a duration: write it with units, like 30m, 90s or 1h30m", flag, text));
  };
  long long total = 0;
  size_t i = 0;
  if (text.empty()) return bad();
  while (i < text.size()) {
    size_t digits = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digits || i == text.size() || i - digits > 6) return bad();
    long long n = std::stoll(text.substr(digits, i - digits));
    switch (text[i++]) {
      case 'h':
        total += n * 3600;
        break;
      case 'm':
        total += n * 60;
        break;
      case 's':
        total += n;
        break;
      default:
        return bad();
    }
  }
  if (total <= 0) return bad();
  return std::chrono::seconds(total);
}

nlohmann::json WaitJson(const installer::WaitOutcome& wait) {
  nlohmann::json j = {{"ok", wait.stage == installer::Stage::kDone},
                      {"targetGroups", wait.target_groups},
                      {"healthyTargets", wait.healthy_targets},
                      {"totalTargets", wait.total_targets},
                      {"apiResolves", wait.api_resolves},
                      {"expectedNodes", wait.expected_nodes},
                      {"polls", wait.polls},
                      {"elapsedMs", wait.elapsed_ms},
                      {"awsCalls", wait.calls.calls}};
  if (!wait.note.empty()) j["note"] = wait.note;
  if (wait.ready_nodes >= 0) j["readyNodes"] = wait.ready_nodes;
  if (!wait.status.ok()) j["error"] = wait.status.ToString();
  if (!wait.diagnosis.empty()) j["diagnosis"] = wait.diagnosis;
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : wait.targets) {
    nlohmann::json target = {
        {"targetGroup", t.group_key}, {"id", t.target_id}, {"port", t.port}, {"state", t.state}};
    if (!t.reason.empty()) target["reason"] = t.reason;
    if (!t.description.empty()) target["description"] = t.description;
    targets.push_back(std::move(target));
  }
  if (!targets.empty()) j["targets"] = targets;
  nlohmann::json instances = nlohmann::json::array();
  for (const auto& i : wait.instances) {
    nlohmann::json instance = {{"id", i.id},
                               {"role", i.role},
                               {"state", i.state},
                               {"zone", i.zone},
                               {"failing", i.failing}};
    if (!i.console_tail.empty()) instance["consoleTail"] = i.console_tail;
    instances.push_back(std::move(instance));
  }
  if (!instances.empty()) j["instances"] = instances;
  return j;
}

void PrintWaitText(const installer::WaitOutcome& wait, const std::string& command,
                   const std::string& dir) {
  if (wait.stage == installer::Stage::kDone) {
    std::cout << fmt::format("The cluster answers: {}/{} load balancer targets healthy",
                             wait.healthy_targets, wait.total_targets);
    if (wait.ready_nodes >= 0) {
      std::cout << fmt::format(", /readyz 200, {}/{} nodes Ready", wait.ready_nodes,
                               wait.expected_nodes);
    }
    std::cout << fmt::format(" ({} AWS calls, {:.1f}s).\n", wait.calls.calls,
                             wait.elapsed_ms / 1000.0);
    if (!wait.note.empty()) std::cout << "  Note: " << wait.note << ".\n";
    return;
  }
  std::cerr << fmt::format("tectonic {}: {}\n", command, wait.status.ToString());
  if (wait.stage == installer::Stage::kNotReady) {
    // The diagnosis itself went out with the wait's failed event (above, and in the log).
    std::cerr << fmt::format(
        "  The AWS resources exist; nothing is lost. The diagnosis above names the failing "
        "nodes; fix them, then run 'tectonic wait --dir {}' to wait again.\n",
        dir.empty() ? "<dir>" : dir);
  }
}

}  // namespace tectonic::cli
