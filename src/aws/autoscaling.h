// AutoScaling: typed Auto Scaling calls for the master and worker groups (launch template,
// subnets, target groups, tags propagated to instances). Describe follows NextToken.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct AsgTag {
  std::string key;
  std::string value;
  bool propagate_at_launch = true;
};

struct CreateAutoScalingGroupInput {
  std::string name;
  std::string launch_template_id;  // one of id / name
  std::string launch_template_name;
  std::string launch_template_version = "$Latest";
  int min_size = 0;
  int max_size = 0;
  std::optional<int> desired_capacity;
  std::vector<std::string> subnet_ids;  // sent as VPCZoneIdentifier, comma-separated
  std::vector<std::string> target_group_arns;
  std::string health_check_type;  // EC2 | ELB; empty: service default
  std::optional<int> health_check_grace_period;
  std::vector<AsgTag> tags;
};

struct AsgInstance {
  std::string id;
  std::string availability_zone;
  std::string lifecycle_state;  // Pending | InService | Terminating | ...
  std::string health_status;
};

struct AutoScalingGroup {
  std::string name;
  std::string arn;
  int min_size = 0;
  int max_size = 0;
  int desired_capacity = 0;
  std::string launch_template_id;
  std::string launch_template_name;
  std::string launch_template_version;
  std::vector<std::string> subnet_ids;  // VPCZoneIdentifier split on ','
  std::vector<std::string> target_group_arns;
  std::string health_check_type;
  std::vector<AsgInstance> instances;
  std::vector<AsgTag> tags;
  std::string status;  // "Delete in progress" while deleting
};

class AutoScaling {
 public:
  explicit AutoScaling(AwsClient& client) : client_(client) {}

  Status CreateAutoScalingGroup(const CreateAutoScalingGroupInput& input);
  // By names (empty: all). Missing names are simply absent from the answer.
  Result<std::vector<AutoScalingGroup>> DescribeAutoScalingGroups(
      const std::vector<std::string>& names = {});
  // force_delete terminates the group's instances with it.
  Status DeleteAutoScalingGroup(const std::string& name, bool force_delete);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
