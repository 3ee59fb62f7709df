// CloudFormation: typed calls for `create cluster --via cloudformation` (one stack per
// cluster) and its destroy and status: create, describe, events, resources, delete.
// Query protocol. DescribeStack answers nullopt for a stack that does not exist (AWS says so
// with a ValidationError); lists follow NextToken to the end. Events come newest first.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct CreateStackInput {
  std::string name;
  std::string template_url;   // s3 https URL; exactly one of template_url / template_body
  std::string template_body;  // at most 51,200 bytes
  std::map<std::string, std::string> parameters;
  std::vector<std::string> capabilities;  // "CAPABILITY_NAMED_IAM" for named roles
  std::string client_request_token;       // a retry with the same token is not a second stack
  std::string on_failure;                 // ROLLBACK | DELETE | DO_NOTHING
  std::string role_arn;                   // the service role CloudFormation acts as ("": caller)
  Tags tags;                              // stack tags (propagate to the stack's resources)
};

struct Stack {
  std::string id;  // arn:aws:cloudformation:...:stack/<name>/<uuid>
  std::string name;
  std::string status;  // CREATE_IN_PROGRESS, CREATE_COMPLETE, ROLLBACK_COMPLETE, ...
  std::string status_reason;
  std::string role_arn;
  std::map<std::string, std::string> outputs;
  Tags tags;
};

struct StackEvent {
  std::string event_id;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  std::string status;  // CREATE_IN_PROGRESS, CREATE_FAILED, ...
  std::string reason;
  std::string timestamp;  // ISO 8601
  std::string client_request_token;
};

struct StackResource {
  std::string logical_id;
  std::string physical_id;
  std::string type;
  std::string status;
  std::string reason;
};

class CloudFormation {
 public:
  explicit CloudFormation(AwsClient& client) : client_(client) {}

  // The new stack's id.
  Result<std::string> CreateStack(const CreateStackInput& input);
  Result<std::optional<Stack>> DescribeStack(const std::string& name_or_id);
  // Every stack of the account and region (deleted ones excluded by AWS after 90 days).
  Result<std::vector<Stack>> DescribeStacks();
  Result<std::vector<StackEvent>> DescribeStackEvents(const std::string& name_or_id);
  Result<std::vector<StackResource>> ListStackResources(const std::string& name_or_id);
  Status DeleteStack(const std::string& name_or_id, const std::string& client_request_token,
                     const std::string& role_arn);

 private:
  AwsClient& client_;
};

// True for the statuses a stack stays in until someone acts: *_COMPLETE and *_FAILED.
bool IsStackSettled(const std::string& status);

}  // namespace tectonic::aws
