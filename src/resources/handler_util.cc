#include "resources/handler_util.h"

#include <utility>

namespace tectonic::resources {
namespace {

// Same message and AWS details, another code.
Status Recode(const Status& status, StatusCode code) {
  Status out(code, status.message());
  out.WithAws(status.aws_code(), status.http_status(), status.request_id());
  return out;
}

const nlohmann::json* Member(const nlohmann::json& props, std::string_view name) {
  if (!props.is_object()) return nullptr;
  auto it = props.find(std::string(name));
  if (it == props.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

bool IsNotFound(const Status& status) { return status.code() == StatusCode::kNotFound; }

bool HasAwsCode(const Status& status, std::string_view aws_code) {
  return !status.ok() && status.aws_code() == aws_code;
}

Status AbsentIsOk(Status status) {
  if (IsNotFound(status)) return Status::Ok();
  return status;
}

Status ClassifyDelete(Status status) {
  if (status.ok() || IsNotFound(status)) return Status::Ok();
  const std::string& code = status.aws_code();
  if (status.code() == StatusCode::kDependency || code == "DependencyViolation" ||
      code == "DeleteConflict" || code == "ResourceInUse" || code == "ResourceInUseException") {
    return Recode(status, StatusCode::kDependency);
  }
  return status;
}

Status NotFoundIsNotYetConsistent(Status status) {
  if (IsNotFound(status)) return Recode(status, StatusCode::kNotYetConsistent);
  return status;
}

Status InContext(const engine::NodeContext& ctx, Status status) {
  if (status.ok()) return status;
  status.Prepend(ctx.kind + " " + ctx.key);
  return status;
}

Result<std::string> RequiredString(const nlohmann::json& props, std::string_view name) {
  const nlohmann::json* value = Member(props, name);
  if (value == nullptr || !value->is_string() || value->get<std::string>().empty()) {
    return Status::InvalidInput("prop \"" + std::string(name) + "\" is missing or not a string");
  }
  return value->get<std::string>();
}

std::string StringOr(const nlohmann::json& props, std::string_view name, std::string fallback) {
  const nlohmann::json* value = Member(props, name);
  if (value == nullptr || !value->is_string()) return fallback;
  return value->get<std::string>();
}

bool BoolOr(const nlohmann::json& props, std::string_view name, bool fallback) {
  const nlohmann::json* value = Member(props, name);
  if (value == nullptr || !value->is_boolean()) return fallback;
  return value->get<bool>();
}

int IntOr(const nlohmann::json& props, std::string_view name, int fallback) {
  const nlohmann::json* value = Member(props, name);
  if (value == nullptr || !value->is_number_integer()) return fallback;
  return value->get<int>();
}

aws::Tags TagsFor(const engine::NodeContext& ctx, const nlohmann::json& props) {
  const nlohmann::json* tags = Member(props, "tags");
  if (tags == nullptr || !tags->is_object()) return aws::Tags(ctx.tags.begin(), ctx.tags.end());
  aws::Tags out;
  for (const auto& [key, value] : tags->items()) {
    out[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return out;
}

std::optional<std::string> JournaledId(const std::optional<engine::Outputs>& journaled) {
  if (!journaled || !journaled->is_object()) return std::nullopt;
  auto it = journaled->find("id");
  if (it == journaled->end() || !it->is_string() || it->get<std::string>().empty()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::vector<aws::Filter> OwnershipFilters(const engine::NodeContext& ctx) {
  return {aws::TagFilter(std::string(kResourceTagKey), ctx.key),
          aws::TagFilter(std::string(kClusterIdTagKey), ctx.cluster_id)};
}

bool IsOwnedBy(const aws::Tags& tags, const engine::NodeContext& ctx) {
  auto key = tags.find(std::string(kResourceTagKey));
  auto id = tags.find(std::string(kClusterIdTagKey));
  return key != tags.end() && key->second == ctx.key && id != tags.end() &&
         id->second == ctx.cluster_id;
}

Status CheckNameOwner(const aws::Tags& tags, const engine::NodeContext& ctx,
                      const std::string& what) {
  auto owner = tags.find(std::string(kClusterIdTagKey));
  if (owner != tags.end() && owner->second == ctx.cluster_id) return Status::Ok();
  return Status::PreconditionFailed(
      what + " exists and belongs to " +
      (owner == tags.end() ? std::string("no tectonic cluster") : "cluster " + owner->second) +
      "; choose another cluster name, or delete it");
}

engine::Poll PollDone(engine::Outputs outputs) {
  engine::Poll poll;
  poll.done = true;
  poll.outputs = std::move(outputs);
  return poll;
}

engine::Poll PollAgain(std::chrono::milliseconds after, std::string detail) {
  engine::Poll poll;
  poll.done = false;
  poll.again_after = after;
  poll.detail = std::move(detail);
  return poll;
}

}  // namespace tectonic::resources
