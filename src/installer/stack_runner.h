// The stack half of `create cluster --via cloudformation` and its destroy: create the stack
// once (a ClientRequestToken makes a retried CreateStack the same stack), wait for it while
// streaming its events to the engine's EventSink (one node event per resource status), and
// resume whatever a killed run left: a stack still creating is waited for, a complete one is
// only read, a failed or rolled-back one is reported with the first failing resource's reason
// and replaced only when asked.
// Thread safety: one call at a time per stack.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/cloudformation.h"
#include "engine/events.h"
#include "util/clock.h"
#include "util/result.h"

namespace tectonic::installer {

struct StackRequest {
  aws::CreateStackInput create;  // name, template URL, parameters, token, OnFailure, role, tags
  bool replace_failed = false;   // --yes: delete a failed/rolled-back stack and create again
  engine::EventSink* events = nullptr;
  std::atomic<bool>* cancel = nullptr;
  std::chrono::milliseconds poll{5000};
  std::chrono::minutes deadline{90};
};

struct StackResult {
  std::optional<aws::Stack> stack;  // the final description
  bool created = false;             // this run sent CreateStack
  std::string failed_resource;      // first resource that failed (logical id)
  std::string failure_reason;       // and CloudFormation's reason
};

// Creates (or resumes) the stack and waits until it settles. Ok only for CREATE_COMPLETE;
// Failed names the first failing resource and its reason.
Result<StackResult> EnsureStack(aws::CloudFormation& cfn, Clock& clock, const StackRequest& req);

// Deletes the stack (absent: nothing to do) and waits; Failed lists DELETE_FAILED resources.
Result<StackResult> DeleteStack(aws::CloudFormation& cfn, Clock& clock, const std::string& name,
                                const std::string& role_arn, engine::EventSink* events,
                                std::atomic<bool>* cancel,
                                std::chrono::milliseconds poll = std::chrono::milliseconds(5000),
                                std::chrono::minutes deadline = std::chrono::minutes(90));

// The oldest *_FAILED resource event that has a reason (events newest first, as AWS lists
// them), skipping the stack's own summary event; nullopt when none failed.
std::optional<aws::StackEvent> FirstFailure(const std::vector<aws::StackEvent>& newest_first,
                                            const std::string& stack_name);

// The engine event a stack event becomes (node_started / node_done / node_failed / deleting /
// deleted), keyed by logical id, kind = resource type.
engine::Event ToEngineEvent(const aws::StackEvent& event,
                            std::chrono::system_clock::time_point now);

}  // namespace tectonic::installer
