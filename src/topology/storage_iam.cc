// Layer 1: the KMS key, the ignition bucket and objects, and the node IAM roles.
#include <fmt/format.h>

#include "topology/builder.h"
#include "topology/iam_policies.h"
#include "topology/names.h"

namespace tectonic::topology::internal {
namespace {

using engine::Ref;
using nlohmann::json;

json Sse(const Context& ctx) {
  return {{"algorithm", "aws:kms"}, {"kms_key_arn", ctx.kms_arn}, {"bucket_key_enabled", true}};
}

void AddKms(Context* ctx) {
  const auto& config = *ctx->config;
  if (!config.aws.kms_key_arn.empty()) return;  // the user's key: nothing to create
  const std::string alias = "alias/tectonic/" + config.name;
  ctx->Add(
      "kms/key", "kms.key",
      {{"description", fmt::format("tectonic cluster {} ({})", config.name, ctx->in->cluster_id)},
       {"key_usage", "ENCRYPT_DECRYPT"},
       {"key_spec", "SYMMETRIC_DEFAULT"},
       {"tags", ctx->Tags("kms/key", ctx->Name("kms"))}});
  ctx->Add("kms/alias", "kms.alias", {{"name", alias}, {"target_key_id", Ref("kms/key", "id")}});
}

void AddBucket(Context* ctx) {
  const auto& config = *ctx->config;
  ctx->Add("s3/bucket", "s3.bucket",
           {{"name", ctx->bucket},
            {"region", config.aws.region},
            {"sse", Sse(*ctx)},
            {"block_public_access", true},
            {"tags", ctx->Tags("s3/bucket", ctx->bucket)}});
  for (const auto& role : ctx->ignition_roles) {
    const IgnitionInput& ign = ctx->in->ignition.at(role);
    const std::string key = "s3/ignition/" + role;
    ctx->Add(key, "s3.object",
             {{"bucket", Ref("s3/bucket", "id")},
              {"key", ctx->IgnitionKey(role)},
              {"source_path", ign.source_path},
              {"sha512", ign.sha512},
              {"content_type", "application/vnd.coreos.ignition+json"},
              {"sse", Sse(*ctx)}});
  }
}

void AddRole(Context* ctx, const std::string& role) {
  const std::string base = "iam/" + role + "/";
  std::vector<std::string> arns;
  for (const auto& ign_role : ctx->ignition_roles) {
    const bool own = role == "etcd" ? ign_role.rfind("etcd-", 0) == 0 : ign_role == role;
    if (own) arns.push_back(ctx->IgnitionArn(ign_role));
  }
  const std::string role_name = ctx->Name(role + "-role", kIamRoleNameLimit);
  ctx->Add(
      base + "role", "iam.role",
      {{"name", role_name},
       {"path", "/"},
       {"description", fmt::format("tectonic {} nodes of cluster {}", role, ctx->config->name)},
       {"assume_role_policy", Ec2AssumeRolePolicy()},
       {"tags", ctx->Tags(base + "role", role_name)}});
  ctx->Add(base + "policy", "iam.role_policy",
           {{"role_name", Ref(base + "role", "id")},
            {"name", ctx->Name(role + "-policy", kIamPolicyNameLimit)},
            {"document", NodeRolePolicy(role, arns, ctx->kms_arn)}});
  const std::string profile_name = ctx->Name(role + "-profile", kIamProfileNameLimit);
  // The profile waits for the policy so whoever uses the profile gets the permissions too.
  ctx->Add(base + "profile", "iam.instance_profile",
           {{"name", profile_name},
            {"path", "/"},
            {"role_name", Ref(base + "role", "id")},
            {"tags", ctx->Tags(base + "profile", profile_name)}},
           {base + "policy"});
}

}  // namespace

Status AddStorageAndIam(Context* ctx) {
  AddKms(ctx);
  AddBucket(ctx);
  for (const char* role : {"master", "worker", "etcd"}) AddRole(ctx, role);
  return Status::Ok();
}

}  // namespace tectonic::topology::internal
