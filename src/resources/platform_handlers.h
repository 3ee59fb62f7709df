// The platform kinds of KINDS.md: kms.key, kms.alias, s3.bucket, s3.object, iam.role,
// iam.role_policy, iam.instance_profile, route53.private_zone, route53.record.
// Each handler wraps one AwsClient (its typed service client is built per call: they are thin
// and stateless). Callers may rely on the outputs KINDS.md lists for each kind; Find returns
// the same outputs as Create. Wait/WaitDeleted poll once and never sleep.
// Thread safety: handlers keep no per-call state; safe to call from several threads.
#pragma once

#include <chrono>
#include <optional>

#include "aws/client.h"
#include "aws/route53.h"
#include "engine/resource.h"
#include "resources/describe_cache.h"

namespace tectonic::resources {

// Declares the three overrides every platform handler implements (Find, Create, Delete).
#define TECTONIC_PLATFORM_HANDLER_METHODS                                                     \
  Result<std::optional<engine::Outputs>> Find(                                                \
      const engine::NodeContext& ctx, const nlohmann::json& props,                            \
      const std::optional<engine::Outputs>& journaled) override;                              \
  Result<engine::Outputs> Create(const engine::NodeContext& ctx, const nlohmann::json& props) \
      override;                                                                               \
  Status Delete(const engine::NodeContext& ctx, const nlohmann::json& props,                  \
                const engine::Outputs& outputs) override

// kms.key: CreateKey with tags; found by journaled id, tags, or the cluster alias.
class KmsKeyHandler : public engine::ResourceHandler {
 public:
  explicit KmsKeyHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;
  Result<engine::Poll> Wait(const engine::NodeContext& ctx, const nlohmann::json& props,
                            const engine::Outputs& outputs) override;

 private:
  aws::AwsClient& client_;
};

// kms.alias: natural key = alias name; an alias on another key is re-pointed by Create.
class KmsAliasHandler : public engine::ResourceHandler {
 public:
  explicit KmsAliasHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;

 private:
  aws::AwsClient& client_;
};

// s3.bucket: private, SSE-KMS by default, tagged; Delete empties it first.
class S3BucketHandler : public engine::ResourceHandler {
 public:
  explicit S3BucketHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;
  Result<engine::Poll> Wait(const engine::NodeContext& ctx, const nlohmann::json& props,
                            const engine::Outputs& outputs) override;
  Result<engine::Poll> WaitDeleted(const engine::NodeContext& ctx, const nlohmann::json& props,
                                   const engine::Outputs& outputs) override;

 private:
  aws::AwsClient& client_;
};

// s3.object: uploads source_path once its SHA-512 matches props.sha512 (stored as metadata).
class S3ObjectHandler : public engine::ResourceHandler {
 public:
  explicit S3ObjectHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;

 private:
  aws::AwsClient& client_;
};

// iam.role: natural key = role name, owned when its tectonicClusterID tag is ours.
class IamRoleHandler : public engine::ResourceHandler {
 public:
  explicit IamRoleHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;

 private:
  aws::AwsClient& client_;
};

// iam.role_policy: found when the live document equals props.document (else Create puts it).
class IamRolePolicyHandler : public engine::ResourceHandler {
 public:
  explicit IamRolePolicyHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;

 private:
  aws::AwsClient& client_;
};

// iam.instance_profile: carries one role. Ready as soon as the role is in it: EC2 may not see
// a new profile for seconds (IAM propagation), and its consumers (RunInstances,
// CreateAutoScalingGroup) retry AWS's "Invalid IAM Instance Profile" answer, which the client
// classifies as NotYetConsistent (aws/error_classification.h), instead of a fixed wait here.
class IamInstanceProfileHandler : public engine::ResourceHandler {
 public:
  explicit IamInstanceProfileHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;

 private:
  aws::AwsClient& client_;
};

// route53.private_zone: found by journaled id or name + CallerReference (props
// caller_reference, else the node's client token). Wait: GetChange of the create INSYNC.
class Route53PrivateZoneHandler : public engine::ResourceHandler {
 public:
  explicit Route53PrivateZoneHandler(aws::AwsClient& client) : client_(client) {}
  TECTONIC_PLATFORM_HANDLER_METHODS;
  Result<engine::Poll> Wait(const engine::NodeContext& ctx, const nlohmann::json& props,
                            const engine::Outputs& outputs) override;

 private:
  aws::AwsClient& client_;
};

// route53.record: UPSERT of a plain or alias record; found only when the live values equal
// the props. Wait: GetChange of the UPSERT INSYNC. Delete sends the exact live record.
// The records of a zone are listed once per run for every record node's look (a node looks
// again only after it changed its record: describe_cache.h).
class Route53RecordHandler : public engine::ResourceHandler {
 public:
  explicit Route53RecordHandler(aws::AwsClient& client);
  TECTONIC_PLATFORM_HANDLER_METHODS;
  Result<engine::Poll> Wait(const engine::NodeContext& ctx, const nlohmann::json& props,
                            const engine::Outputs& outputs) override;
  void BeginRun() override { records_.Clear(); }

 private:
  // The live record with the name and type in the zone, if any.
  Result<std::optional<aws::RecordSet>> LiveRecord(const engine::NodeContext& ctx,
                                                   const std::string& zone, const std::string& name,
                                                   const std::string& type);

  aws::AwsClient& client_;
  DescribeCache<aws::RecordSet> records_;  // filter "zone" = the hosted zone id
};

#undef TECTONIC_PLATFORM_HANDLER_METHODS

}  // namespace tectonic::resources
