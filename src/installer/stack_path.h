// `create cluster --via cloudformation` and its destroy (docs/cloudformation.md). What a stack
// cannot hold (the KMS key and alias, the bucket, the Ignition objects the instances read at
// boot, the shared tag on a borrowed VPC) is applied by the engine as on the direct path; the
// rest of the graph is one stack `tectonic-<name>`, its template (src/cloudformation) uploaded
// to the cluster's bucket. The choice is recorded in <dir>/cloudformation.json before the
// stack is created, so status and destroy know it even after a kill.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "aws/client.h"
#include "engine/executor.h"
#include "engine/graph.h"
#include "engine/journal.h"
#include "installer/installer.h"
#include "model/cluster_config.h"
#include "model/cluster_dir.h"

namespace tectonic::installer {

// <dir>/cloudformation.json.
struct StackRecord {
  std::string stack;       // "tectonic-<name>"
  std::string stack_id;    // once known
  std::string role_arn;    // --role-arn ("" = the caller)
  std::string on_failure;  // rollback | delete | keep
  std::string template_url;
};

std::filesystem::path StackRecordPath(const model::ClusterDir& dir);
Result<std::optional<StackRecord>> LoadStackRecord(const model::ClusterDir& dir);

// The graph keys the engine applies before the stack: those kinds plus the shared nodes they
// lean on. InvalidInput when one of them depends on a node only the stack would create.
Result<std::set<std::string>> PreStackKeys(const engine::Graph& graph);

// Applies graph the CloudFormation way; fills out->report (pre-stack part), api/console URLs.
Status ApplyViaStack(const CreateOptions& options, const model::ClusterConfig& config,
                     const model::ClusterDir& dir, const std::string& cluster_id,
                     const engine::Graph& graph, engine::Executor& executor,
                     engine::Journal& journal, aws::AwsClient& client, CreateOutcome* out);

// Reads the recorded stack and its resources into out (nothing on the direct path).
void FillStackStatus(const model::ClusterDir& dir, aws::AwsClient& client, StatusOutcome* out);

// Deletes the cluster's stack if it has one (from the record, or with no directory the stack
// tagged tectonicClusterID=cluster_id) and waits; ok when there is none.
Status DeleteClusterStack(const DestroyOptions& options, const std::string& cluster_id,
                          aws::AwsClient& client);

}  // namespace tectonic::installer
