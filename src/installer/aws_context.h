// The AWS session an installer operation uses: the user's credentials chain and endpoints,
// the region taken from cluster.yaml unless a flag overrides it, and counters of the calls made
// (the second run of create must make no mutating call).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "aws/session.h"
#include "installer/installer.h"

namespace tectonic::installer {

class AwsContext {
 public:
  // region: the cluster's region; settings.region (a flag) wins when set.
  static Result<std::unique_ptr<AwsContext>> Open(const CommonOptions& options,
                                                  const std::string& region);
  aws::AwsClient& client() { return *session_.client; }
  const aws::AwsSession& session() const { return session_; }
  CallCounts counts() const { return {calls_.load(), mutating_.load()}; }

 private:
  aws::AwsSession session_;
  std::atomic<int> calls_{0};
  std::atomic<int> mutating_{0};
};

// True for operations that only read (Describe*, List*, Get*, Head*, Simulate*, ...).
bool IsReadOnlyOperation(std::string_view name);

}  // namespace tectonic::installer
