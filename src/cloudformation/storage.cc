// kms.key, kms.alias, s3.bucket and s3.object (the last has no CloudFormation resource: the
// Ignition objects are uploaded by the engine, never by a stack).
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

// The kms.key handler schedules deletion with a 7-day window; the stack deletes the same way.
constexpr int kKeyPendingWindowDays = 7;

Status EmitKey(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"Description", b.Prop(node, "description")},
                {"KeyUsage", b.Prop(node, "key_usage")},
                {"KeySpec", b.Prop(node, "key_spec")},
                {"PendingWindowInDays", kKeyPendingWindowDays},
                {"Tags", b.Tags(node.props.value("tags", nlohmann::json::object()))}};
  b.Add(node, LogicalIdFor(node.key), "AWS::KMS::Key", std::move(props));
  return Status::Ok();
}

Status EmitAlias(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"AliasName", b.Prop(node, "name")},
                {"TargetKeyId", b.Prop(node, "target_key_id")}};
  b.Add(node, LogicalIdFor(node.key), "AWS::KMS::Alias", std::move(props));
  return Status::Ok();
}

Status EmitBucket(Builder& b, const engine::NodeSpec& node) {
  const nlohmann::json sse = node.props.value("sse", nlohmann::json::object());
  Json by_default = {{"SSEAlgorithm", b.Value(sse.value("algorithm", "aws:kms"))}};
  if (sse.contains("kms_key_arn")) by_default["KMSMasterKeyID"] = b.Value(sse["kms_key_arn"]);
  Json rule = {{"ServerSideEncryptionByDefault", by_default},
               {"BucketKeyEnabled", sse.value("bucket_key_enabled", false)}};
  Json props = {{"BucketName", b.Prop(node, "name")},
                {"BucketEncryption", {{"ServerSideEncryptionConfiguration", Json::array({rule})}}}};
  if (node.props.value("block_public_access", false)) {
    props["PublicAccessBlockConfiguration"] = {{"BlockPublicAcls", true},
                                               {"BlockPublicPolicy", true},
                                               {"IgnorePublicAcls", true},
                                               {"RestrictPublicBuckets", true}};
  }
  props["Tags"] = b.Tags(node.props.value("tags", nlohmann::json::object()));
  b.Add(node, LogicalIdFor(node.key), "AWS::S3::Bucket", std::move(props));
  return Status::Ok();
}

}  // namespace

void AddStorageKinds(std::vector<KindRule>* rules) {
  rules->push_back({"kms.key", EmitKey,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "arn") return GetAtt(id, "Arn");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"kms.alias", EmitAlias,
                    [](const engine::NodeSpec& node, const std::string&,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return Json(node.props.value("name", ""));
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"s3.bucket", EmitBucket,
                    [](const engine::NodeSpec& node, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "arn") return GetAtt(id, "Arn");
                      if (attr == "region") return Json(node.props.value("region", ""));
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"s3.object", nullptr, nullptr,
                    "CloudFormation has no S3 object resource: the engine uploads the Ignition "
                    "configs the instances read at boot"});
}

}  // namespace tectonic::cloudformation::internal
