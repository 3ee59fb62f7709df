// What `create cluster` and `wait` share about the wait for the cluster: the --wait-timeout
// value ("30m", "90s", "1h30m"), and how a WaitOutcome is shown (JSON object, text lines).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "installer/installer.h"
#include "util/result.h"

namespace tectonic::cli {

// "30m" -> 1800 s. Units h, m, s, combinable ("1h30m"); InvalidInput names the flag and the fix.
Result<std::chrono::seconds> ParseWaitTimeout(const std::string& flag, const std::string& text);

// {"ok", "targetGroups", "healthyTargets", "totalTargets", "apiResolves", "note",
//  "readyNodes", "expectedNodes", "polls", "elapsedMs", "awsCalls", "diagnosis", "targets",
//  "instances"}: empty parts omitted.
nlohmann::json WaitJson(const installer::WaitOutcome& wait);

// Text for a person: one line when ready (plus the note); when not, the error and what to do
// next on stderr (the diagnosis itself is in the wait's failed event).
void PrintWaitText(const installer::WaitOutcome& wait, const std::string& command,
                   const std::string& dir);

}  // namespace tectonic::cli
