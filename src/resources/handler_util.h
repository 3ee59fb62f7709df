// Helpers shared by every ResourceHandler in src/resources: reading props, classifying AWS
// errors the way the engine expects (KINDS.md "Conventions"), finding resources by the
// ownership tags, and building Poll answers.
// Owned by resources-network; other resources engineers may ADD functions (never change one).
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/types.h"
#include "engine/resource.h"
#include "util/result.h"

namespace tectonic::resources {

// The tags every created resource carries (engine/context.h writes them).
inline constexpr std::string_view kResourceTagKey = "tectonic.io/resource";
inline constexpr std::string_view kClusterIdTagKey = "tectonicClusterID";

// ---- Status classification -------------------------------------------------------------

// True when the status is the service saying the thing does not exist (*.NotFound, NoSuch*).
bool IsNotFound(const Status& status);
// True when the status carries exactly this AWS error code.
bool HasAwsCode(const Status& status, std::string_view aws_code);
// NotFound -> Ok; everything else unchanged. For deletes of things already gone.
Status AbsentIsOk(Status status);
// The standard delete classification: NotFound -> Ok; DependencyViolation, DeleteConflict,
// ResourceInUse (and the client's kDependency) -> Status::Dependency; others unchanged.
Status ClassifyDelete(Status status);
// NotFound -> NotYetConsistent (an id we just created or journaled is not visible yet).
Status NotFoundIsNotYetConsistent(Status status);
// Prepends "<kind> <key>: " so errors name the node.
Status InContext(const engine::NodeContext& ctx, Status status);

// ---- Props -----------------------------------------------------------------------------

// props[name] as a non-empty string, else InvalidInput naming the prop.
Result<std::string> RequiredString(const nlohmann::json& props, std::string_view name);
std::string StringOr(const nlohmann::json& props, std::string_view name, std::string fallback);
bool BoolOr(const nlohmann::json& props, std::string_view name, bool fallback);
int IntOr(const nlohmann::json& props, std::string_view name, int fallback);
// props.tags when present (the plan's view), else ctx.tags.
aws::Tags TagsFor(const engine::NodeContext& ctx, const nlohmann::json& props);

// ---- Finding ---------------------------------------------------------------------------

// journaled["id"] when present and a non-empty string.
std::optional<std::string> JournaledId(const std::optional<engine::Outputs>& journaled);
// tag:tectonic.io/resource=<key> and tag:tectonicClusterID=<cluster id>.
std::vector<aws::Filter> OwnershipFilters(const engine::NodeContext& ctx);
// True when tags hold ctx's resource key and cluster id.
bool IsOwnedBy(const aws::Tags& tags, const engine::NodeContext& ctx);
// Ok when a resource found by its natural key (its name) carries ctx's cluster id; else
// PreconditionFailed naming `what` and its owner: another cluster, or someone, holds the name
// (adopting it would let this cluster's destroy delete it).
Status CheckNameOwner(const aws::Tags& tags, const engine::NodeContext& ctx,
                      const std::string& what);
// The first item (anything with a `tags` member) that IsOwnedBy ctx, or nullptr. A describe
// filtered by OwnershipFilters is checked again with this: some emulators ignore tag filters
// (moto on DescribeNatGateways), and a foreign match would make two nodes share one resource.
template <typename T>
const T* FirstOwnedBy(const std::vector<T>& items, const engine::NodeContext& ctx) {
  for (const auto& item : items) {
    if (IsOwnedBy(item.tags, ctx)) return &item;
  }
  return nullptr;
}

// ---- Polls -----------------------------------------------------------------------------

engine::Poll PollDone(engine::Outputs outputs);
engine::Poll PollAgain(std::chrono::milliseconds after, std::string detail);

}  // namespace tectonic::resources
