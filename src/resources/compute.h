// The compute and load-balancing handlers of KINDS.md (owned by resources-compute):
// ec2.instance, ec2.launch_template, autoscaling.group, elbv2.load_balancer,
// elbv2.target_group, elbv2.listener. Factories used by RegisterComputeHandlers and by tests
// that drive one handler directly, plus the prop readers the instance and launch-template
// handlers share.
// Callers may rely on the outputs KINDS.md lists; Find returns the same outputs as Create;
// Wait/WaitDeleted poll once and never sleep.
// Thread safety: every handler may be shared; apart from its client it keeps only answers it
// shares between the nodes of its kind within one run (describe_cache.h, dropped by BeginRun).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/ec2.h"
#include "engine/resource.h"
#include "util/result.h"

namespace tectonic::resources {

std::unique_ptr<engine::ResourceHandler> NewInstanceHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewLaunchTemplateHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewAutoScalingGroupHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewLoadBalancerHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewTargetGroupHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewListenerHandler(aws::AwsClient& client);

// ---- shared by ec2.instance and ec2.launch_template ------------------------------------

// props.user_data {ignition_url, ignition_sha512} -> the Ignition pointer config (raw JSON
// text; the EC2 client base64-encodes it on the wire). InvalidInput when either is missing.
Result<std::string> PointerUserData(const nlohmann::json& props);
// props.root_volume -> one block device (empty when the prop is absent).
std::vector<aws::BlockDevice> RootVolume(const nlohmann::json& props);
// props[name] as an array of strings (absent: empty).
std::vector<std::string> StringList(const nlohmann::json& props, const char* name);
// True for RunInstances / CreateAutoScalingGroup errors that mean "the instance profile is
// not visible to EC2 yet" (IAM propagation).
bool IsProfilePropagation(const Status& status);

}  // namespace tectonic::resources
