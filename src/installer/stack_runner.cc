#include "installer/stack_runner.h"

#include <fmt/format.h>

#include <set>

namespace tectonic::installer {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Emits events not seen before, oldest first.
class EventStream {
 public:
  EventStream(aws::CloudFormation& cfn, std::string stack, engine::EventSink* sink, Clock& clock)
      : cfn_(cfn), stack_(std::move(stack)), sink_(sink), clock_(clock) {}

  // Marks what is already there as seen (a resumed run reports only what happens next).
  Status Skip() {
    TECTONIC_ASSIGN_OR_RETURN(auto events, cfn_.DescribeStackEvents(stack_));
    for (const auto& e : events) seen_.insert(e.event_id);
    return Status::Ok();
  }

  Result<std::vector<aws::StackEvent>> Poll() {
    TECTONIC_ASSIGN_OR_RETURN(auto events, cfn_.DescribeStackEvents(stack_));
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (!seen_.insert(it->event_id).second) continue;
      if (sink_ != nullptr) sink_->Emit(ToEngineEvent(*it, clock_.Now()));
    }
    return events;
  }

 private:
  aws::CloudFormation& cfn_;
  std::string stack_;
  engine::EventSink* sink_;
  Clock& clock_;
  std::set<std::string> seen_;
};

// Polls until the stack is settled (or gone when allow_gone); streams its events.
Result<std::optional<aws::Stack>> WaitSettled(aws::CloudFormation& cfn, Clock& clock,
                                              EventStream& stream, const std::string& name,
                                              std::atomic<bool>* cancel,
                                              std::chrono::milliseconds poll,
                                              std::chrono::minutes deadline) {
  const auto until = clock.Steady() + deadline;
  while (true) {
    TECTONIC_ASSIGN_OR_RETURN(auto stack, cfn.DescribeStack(name));
    if (stack) {
      auto events = stream.Poll();
      if (!events.ok() && !stack->status.starts_with("DELETE")) return events.status();
    }
    if (!stack || aws::IsStackSettled(stack->status)) return stack;
    if (cancel != nullptr && cancel->load()) {
      return Status::Cancelled("interrupted while stack " + name + " is " + stack->status +
                               "; a re-run resumes it");
    }
    if (clock.Steady() > until) {
      return Status::Failed(
          fmt::format("stack {} still {} after {} minutes", name, stack->status, deadline.count()));
    }
    clock.SleepFor(poll);
  }
}

}  // namespace

engine::Event ToEngineEvent(const aws::StackEvent& e, std::chrono::system_clock::time_point now) {
  engine::Event out;
  out.time = now;
  out.key = e.logical_id;
  out.kind = e.resource_type;
  out.detail = e.reason.empty() ? e.physical_id : e.reason;
  const std::string& s = e.status;
  if (EndsWith(s, "_FAILED")) {
    out.type = engine::EventType::kNodeFailed;
  } else if (s == "DELETE_IN_PROGRESS") {
    out.type = engine::EventType::kNodeDeleting;
  } else if (s == "DELETE_COMPLETE") {
    out.type = engine::EventType::kNodeDeleted;
  } else if (EndsWith(s, "_IN_PROGRESS")) {
    out.type = engine::EventType::kNodeStarted;
  } else {
    out.type = engine::EventType::kNodeDone;
  }
  if (out.detail.empty()) out.detail = s;
  return out;
}

std::optional<aws::StackEvent> FirstFailure(const std::vector<aws::StackEvent>& newest_first,
                                            const std::string& stack_name) {
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
    if (it->resource_type == "AWS::CloudFormation::Stack" || it->logical_id == stack_name) continue;
    if (EndsWith(it->status, "_FAILED") && !it->reason.empty() &&
        it->reason.find("Resource creation cancelled") == std::string::npos) {
      return *it;
    }
  }
  return std::nullopt;
}

Result<StackResult> EnsureStack(aws::CloudFormation& cfn, Clock& clock, const StackRequest& req) {
  const std::string& name = req.create.name;
  StackResult result;
  EventStream stream(cfn, name, req.events, clock);
  TECTONIC_ASSIGN_OR_RETURN(auto existing, cfn.DescribeStack(name));
  if (existing && existing->status != "CREATE_IN_PROGRESS" &&
      existing->status != "CREATE_COMPLETE") {
    // Failed, rolled back, or being deleted: say why, and replace it only when asked.
    TECTONIC_ASSIGN_OR_RETURN(auto events, cfn.DescribeStackEvents(name));
    auto failure = FirstFailure(events, name);
    std::string why = failure ? fmt::format("{} ({}): {}", failure->logical_id,
                                            failure->resource_type, failure->reason)
                              : existing->status_reason;
    if (!req.replace_failed) {
      return Status::PreconditionFailed(
          fmt::format("stack {} is {}: {}; run again with --yes to delete it and create a new one",
                      name, existing->status, why));
    }
    TECTONIC_ASSIGN_OR_RETURN(
        auto deleted, DeleteStack(cfn, clock, name, req.create.role_arn, req.events, req.cancel,
                                  req.poll, req.deadline));
    (void)deleted;
    existing.reset();
  }
  if (!existing) {
    aws::CreateStackInput create = req.create;
    TECTONIC_ASSIGN_OR_RETURN(std::string id, cfn.CreateStack(create));
    (void)id;
    result.created = true;
  } else if (existing->status == "CREATE_IN_PROGRESS") {
    TECTONIC_RETURN_IF_ERROR(stream.Skip());
  } else {
    result.stack = existing;  // CREATE_COMPLETE: checked, nothing to do
    return result;
  }
  TECTONIC_ASSIGN_OR_RETURN(
      auto settled, WaitSettled(cfn, clock, stream, name, req.cancel, req.poll, req.deadline));
  if (!settled) return Status::Failed("stack " + name + " disappeared while being created");
  result.stack = settled;
  if (settled->status == "CREATE_COMPLETE") return result;
  TECTONIC_ASSIGN_OR_RETURN(auto events, cfn.DescribeStackEvents(name));
  auto failure = FirstFailure(events, name);
  if (failure) {
    result.failed_resource = failure->logical_id;
    result.failure_reason = failure->reason;
  }
  return Status::Failed(fmt::format("stack {} is {}: {}", name, settled->status,
                                    failure ? fmt::format("{} ({}) failed: {}", failure->logical_id,
                                                          failure->resource_type, failure->reason)
                                            : settled->status_reason));
}

Result<StackResult> DeleteStack(aws::CloudFormation& cfn, Clock& clock, const std::string& name,
                                const std::string& role_arn, engine::EventSink* events,
                                std::atomic<bool>* cancel, std::chrono::milliseconds poll,
                                std::chrono::minutes deadline) {
  StackResult result;
  TECTONIC_ASSIGN_OR_RETURN(auto existing, cfn.DescribeStack(name));
  if (!existing || existing->status == "DELETE_COMPLETE") return result;
  // Deleting by id keeps waiting on this stack even once its name is free again.
  const std::string id = existing->id.empty() ? name : existing->id;
  EventStream stream(cfn, id, events, clock);
  TECTONIC_RETURN_IF_ERROR(stream.Skip());
  if (existing->status != "DELETE_IN_PROGRESS") {
    TECTONIC_RETURN_IF_ERROR(cfn.DeleteStack(id, "", role_arn));
  }
  TECTONIC_ASSIGN_OR_RETURN(auto settled,
                            WaitSettled(cfn, clock, stream, id, cancel, poll, deadline));
  result.stack = settled;
  if (!settled || settled->status == "DELETE_COMPLETE") return result;
  TECTONIC_ASSIGN_OR_RETURN(auto resources, cfn.ListStackResources(id));
  std::string failed;
  for (const auto& r : resources) {
    if (r.status != "DELETE_FAILED") continue;
    failed += fmt::format("{}{} ({} {}): {}", failed.empty() ? "" : "; ", r.logical_id, r.type,
                          r.physical_id, r.reason);
    if (result.failed_resource.empty()) {
      result.failed_resource = r.logical_id;
      result.failure_reason = r.reason;
    }
  }
  return Status::Failed(fmt::format("stack {} is {}: {}", name, settled->status,
                                    failed.empty() ? settled->status_reason : failed));
}

}  // namespace tectonic::installer
