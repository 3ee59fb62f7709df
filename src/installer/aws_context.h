// The AWS session an installer operation uses: the user's credentials chain and endpoints,
// the region taken from cluster.yaml unless a flag overrides it, and counters of the calls made
// (the second run of create must make no mutating call), optionally recorded to a file.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/session.h"
#include "installer/call_log.h"
#include "installer/installer.h"

namespace tectonic::installer {

class AwsContext {
 public:
  // region: the cluster's region; settings.region (a flag) wins when set.
  static Result<std::unique_ptr<AwsContext>> Open(const CommonOptions& options,
                                                  const std::string& region);
  aws::AwsClient& client() { return *session_.client; }
  const aws::AwsSession& session() const { return session_; }
  CallCounts counts() const;

 private:
  aws::AwsSession session_;
  std::unique_ptr<CallLog> call_log_;  // --record-calls
  std::atomic<int> calls_{0};
  std::atomic<int> mutating_{0};
  mutable std::mutex denied_mu_;
  std::optional<DeniedCall> first_denied_;   // guarded by denied_mu_
  std::map<std::string, int> by_operation_;  // guarded by denied_mu_
};

// True for operations that only read (Describe*, List*, Get*, Head*, Simulate*, ...).
bool IsReadOnlyOperation(std::string_view name);

// True when AWS refused a call for lack of an IAM permission (not for bad credentials).
bool IsAccessDenied(const Status& status);

}  // namespace tectonic::installer
