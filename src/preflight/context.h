// Internal to preflight: what every check sees (config, client, options) and the shared,
// mutex-guarded state checks hand to their dependents (facts, the IAM simulation outcome).
// Thread safety: the accessors below are safe from any check thread.
#pragma once

#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "aws/client.h"
#include "model/config_loader.h"
#include "preflight/check.h"
#include "preflight/preflight.h"
#include "util/clock.h"

namespace tectonic::preflight {

// What iam-permissions learned, for checks that decide on a permission (kms CreateKey).
struct SimulationOutcome {
  bool available = false;        // the simulation ran
  std::set<std::string> denied;  // actions not allowed
  std::string why_unavailable;   // when !available
};

class CheckContext {
 public:
  CheckContext(const model::LoadedConfig& loaded, aws::AwsClient& client,
               const PreflightOptions& options, Clock& clock)
      : loaded_(loaded), client_(client), options_(options), clock_(clock) {}

  const model::LoadedConfig& loaded() const { return loaded_; }
  const model::ClusterConfig& config() const { return loaded_.config; }
  aws::AwsClient& client() { return client_; }
  const PreflightOptions& options() const { return options_; }
  Clock& clock() { return clock_; }

  PreflightFacts Facts() const {
    std::lock_guard<std::mutex> lock(mu_);
    return facts_;
  }
  void UpdateFacts(const std::function<void(PreflightFacts&)>& update) {
    std::lock_guard<std::mutex> lock(mu_);
    update(facts_);
  }
  SimulationOutcome Simulation() const {
    std::lock_guard<std::mutex> lock(mu_);
    return simulation_;
  }
  void SetSimulation(SimulationOutcome outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    simulation_ = std::move(outcome);
  }

 private:
  const model::LoadedConfig& loaded_;
  aws::AwsClient& client_;
  const PreflightOptions& options_;
  Clock& clock_;
  mutable std::mutex mu_;
  PreflightFacts facts_;
  SimulationOutcome simulation_;
};

}  // namespace tectonic::preflight
