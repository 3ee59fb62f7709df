// kms.key and kms.alias handlers (KINDS.md).
#include <chrono>
#include <string>
#include <vector>

#include "aws/kms.h"
#include "aws/tagging.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

constexpr std::chrono::milliseconds kKmsPoll{2000};

Outputs KeyOutputs(const aws::KeyMetadata& key) {
  return json{{"id", key.key_id}, {"arn", key.arn}};
}

// The key when it exists, is not being deleted and carries ctx's ownership tags.
Result<std::optional<Outputs>> OwnedLiveKey(aws::Kms& kms, const NodeContext& ctx,
                                            const std::string& key_id) {
  Result<aws::KeyMetadata> key = kms.DescribeKey(key_id);
  if (!key.ok()) {
    if (IsNotFound(key.status())) return std::optional<Outputs>();
    return key.status();
  }
  if (key->key_state == "PendingDeletion" || key->key_state == "PendingReplicaDeletion") {
    return std::optional<Outputs>();
  }
  TECTONIC_ASSIGN_OR_RETURN(aws::Tags tags, kms.ListResourceTags(key->key_id));
  if (!IsOwnedBy(tags, ctx)) return std::optional<Outputs>();
  return std::optional<Outputs>(KeyOutputs(*key));
}

}  // namespace

// ---- kms.key ---------------------------------------------------------------------------

Result<std::optional<Outputs>> KmsKeyHandler::Find(const NodeContext& ctx, const json&,
                                                   const std::optional<Outputs>& journaled) {
  aws::Kms kms(client_);
  if (std::optional<std::string> id = JournaledId(journaled)) {
    TECTONIC_ASSIGN_OR_RETURN(std::optional<Outputs> found, OwnedLiveKey(kms, ctx, *id));
    if (found) return found;
  }
  // By tag: the Resource Groups Tagging API.
  aws::Tagging tagging(client_);
  Result<std::vector<aws::TaggedResource>> tagged =
      tagging.GetResources({{std::string(kResourceTagKey), {ctx.key}},
                            {std::string(kClusterIdTagKey), {ctx.cluster_id}}},
                           {"kms:key"});
  if (!tagged.ok()) return tagged.status();
  for (const aws::TaggedResource& resource : *tagged) {
    TECTONIC_ASSIGN_OR_RETURN(std::optional<Outputs> found, OwnedLiveKey(kms, ctx, resource.arn));
    if (found) return found;
  }
  // By the cluster's alias, created right after the key (covers APIs that lag on tags).
  TECTONIC_ASSIGN_OR_RETURN(std::vector<aws::KmsAlias> aliases, kms.ListAliases());
  const std::string alias_name = "alias/tectonic/" + ctx.cluster_name;
  for (const aws::KmsAlias& alias : aliases) {
    if (alias.name != alias_name || alias.target_key_id.empty()) continue;
    TECTONIC_ASSIGN_OR_RETURN(std::optional<Outputs> found,
                              OwnedLiveKey(kms, ctx, alias.target_key_id));
    if (found) return found;
  }
  return std::optional<Outputs>();
}

Result<Outputs> KmsKeyHandler::Create(const NodeContext& ctx, const json& props) {
  aws::CreateKeyInput input;
  input.description = StringOr(props, "description", "");
  input.key_usage = StringOr(props, "key_usage", "ENCRYPT_DECRYPT");
  input.key_spec = StringOr(props, "key_spec", "SYMMETRIC_DEFAULT");
  input.tags = TagsFor(ctx, props);
  Result<aws::KeyMetadata> key = aws::Kms(client_).CreateKey(input);
  if (!key.ok()) return InContext(ctx, key.status());
  return KeyOutputs(*key);
}

Result<Poll> KmsKeyHandler::Wait(const NodeContext& ctx, const json&, const Outputs& outputs) {
  Result<aws::KeyMetadata> key = aws::Kms(client_).DescribeKey(outputs.value("id", ""));
  if (!key.ok()) {
    if (IsNotFound(key.status())) return PollAgain(kKmsPoll, "not visible yet");
    return InContext(ctx, key.status());
  }
  if (key->key_state == "Enabled") return PollDone(outputs);
  if (key->key_state == "Creating" || key->key_state == "PendingImport") {
    return PollAgain(kKmsPoll, key->key_state);
  }
  return InContext(ctx, Status::Failed("key " + key->key_id + " is " + key->key_state));
}

Status KmsKeyHandler::Delete(const NodeContext& ctx, const json&, const Outputs& outputs) {
  aws::Kms kms(client_);
  const std::string id = outputs.value("id", "");
  if (id.empty()) return Status::Ok();
  Result<double> scheduled = kms.ScheduleKeyDeletion(id, 7);
  if (scheduled.ok() || IsNotFound(scheduled.status())) return Status::Ok();
  // KMSInvalidStateException when the key is already pending deletion: that is success.
  Result<aws::KeyMetadata> key = kms.DescribeKey(id);
  if (key.ok() && key->key_state == "PendingDeletion") return Status::Ok();
  return InContext(ctx, scheduled.status());
}

// ---- kms.alias -------------------------------------------------------------------------

namespace {

Outputs AliasOutputs(const aws::KmsAlias& alias) {
  return json{{"id", alias.name}, {"arn", alias.arn}, {"target_key_id", alias.target_key_id}};
}

Result<std::optional<aws::KmsAlias>> LiveAlias(aws::Kms& kms, const std::string& name) {
  TECTONIC_ASSIGN_OR_RETURN(std::vector<aws::KmsAlias> aliases, kms.ListAliases());
  for (aws::KmsAlias& alias : aliases) {
    if (alias.name == name) return std::optional<aws::KmsAlias>(std::move(alias));
  }
  return std::optional<aws::KmsAlias>();
}

// True when target (an id or ARN from ListAliases) designates key_id (an id or ARN).
bool SameKey(const std::string& target, const std::string& key_id) {
  auto bare = [](const std::string& k) {
    size_t slash = k.rfind("key/");
    return slash == std::string::npos ? k : k.substr(slash + 4);
  };
  return !target.empty() && bare(target) == bare(key_id);
}

}  // namespace

Result<std::optional<Outputs>> KmsAliasHandler::Find(const NodeContext& ctx, const json& props,
                                                     const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string target, RequiredString(props, "target_key_id"));
  aws::Kms kms(client_);
  Result<std::optional<aws::KmsAlias>> alias = LiveAlias(kms, name);
  if (!alias.ok()) return InContext(ctx, alias.status());
  // An alias on another key is left to Create, which re-points it.
  if (!*alias || !SameKey((*alias)->target_key_id, target)) return std::optional<Outputs>();
  return std::optional<Outputs>(AliasOutputs(**alias));
}

Result<Outputs> KmsAliasHandler::Create(const NodeContext& ctx, const json& props) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(std::string target, RequiredString(props, "target_key_id"));
  aws::Kms kms(client_);
  Status created = kms.CreateAlias(name, target);
  if (created.code() == StatusCode::kAlreadyExists) {
    // Re-point it. The installer's policy has no kms:UpdateAlias: delete + create instead.
    Result<std::optional<aws::KmsAlias>> live = LiveAlias(kms, name);
    if (!live.ok()) return InContext(ctx, live.status());
    if (*live && !SameKey((*live)->target_key_id, target)) {
      TECTONIC_RETURN_IF_ERROR(InContext(ctx, AbsentIsOk(kms.DeleteAlias(name))));
      created = kms.CreateAlias(name, target);
    } else {
      created = Status::Ok();
    }
  }
  // The key may not be visible to KMS's alias API for a few seconds after its creation.
  if (!created.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(created));
  Result<std::optional<aws::KmsAlias>> live = LiveAlias(kms, name);
  if (!live.ok()) return InContext(ctx, live.status());
  if (!*live) return InContext(ctx, Status::NotYetConsistent("alias " + name + " not listed yet"));
  return AliasOutputs(**live);
}

Status KmsAliasHandler::Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) {
  std::string name = outputs.value("id", StringOr(props, "name", ""));
  if (name.empty()) return Status::Ok();
  return InContext(ctx, AbsentIsOk(aws::Kms(client_).DeleteAlias(name)));
}

}  // namespace tectonic::resources
