// Elbv2: typed Elastic Load Balancing v2 calls (network load balancers, target groups,
// listeners, tags). Creates tag at creation (Tags.member.N); Describe* follow NextMarker.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct SubnetMapping {
  std::string subnet_id;
  std::string allocation_id;  // optional EIP for an internet-facing NLB
};

struct CreateLoadBalancerInput {
  std::string name;                        // <= 32 chars
  std::string type = "network";            // network | application
  std::string scheme = "internet-facing";  // internet-facing | internal
  std::vector<std::string> subnet_ids;     // used when subnet_mappings is empty
  std::vector<SubnetMapping> subnet_mappings;
  std::vector<std::string> security_group_ids;
  Tags tags;
};

struct LoadBalancer {
  std::string arn;
  std::string name;
  std::string dns_name;
  std::string canonical_hosted_zone_id;
  std::string vpc_id;
  std::string scheme;
  std::string type;
  std::string state;  // provisioning | active | active_impaired | failed
  std::string state_reason;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> availability_zones;
};

struct CreateTargetGroupInput {
  std::string name;  // <= 32 chars
  std::string protocol = "TCP";
  int port = 0;
  std::string vpc_id;
  std::string target_type = "instance";
  std::string health_check_protocol;  // empty: service default
  std::string health_check_port;      // "traffic-port" or a number
  std::string health_check_path;      // HTTP(S) checks only
  int health_check_interval_seconds = 0;
  int healthy_threshold = 0;
  int unhealthy_threshold = 0;
  Tags tags;
};

struct TargetGroup {
  std::string arn;
  std::string name;
  std::string protocol;
  int port = 0;
  std::string vpc_id;
  std::string target_type;
  std::string health_check_protocol;
  std::string health_check_port;
  std::string health_check_path;
  std::vector<std::string> load_balancer_arns;
};

struct CreateListenerInput {
  std::string load_balancer_arn;
  std::string protocol = "TCP";
  int port = 0;
  std::string target_group_arn;  // default action: forward
  Tags tags;
};

struct Listener {
  std::string arn;
  std::string load_balancer_arn;
  std::string protocol;
  int port = 0;
  std::vector<std::string> target_group_arns;  // of the forward default actions
};

// One target of a target group and its health (DescribeTargetHealth).
struct TargetHealth {
  std::string target_id;  // instance id for instance targets
  int port = 0;
  std::string health_check_port;
  std::string state;        // initial | healthy | unhealthy | unused | draining | unavailable
  std::string reason;       // "Target.FailedHealthChecks", ... (empty when healthy)
  std::string description;  // AWS's sentence about the reason
};

class Elbv2 {
 public:
  explicit Elbv2(AwsClient& client) : client_(client) {}

  Result<LoadBalancer> CreateLoadBalancer(const CreateLoadBalancerInput& input);
  // By names or ARNs (both empty: all). A name or ARN that does not exist fails the call
  // with LoadBalancerNotFound (NotFound).
  Result<std::vector<LoadBalancer>> DescribeLoadBalancers(
      const std::vector<std::string>& names = {}, const std::vector<std::string>& arns = {});
  Status DeleteLoadBalancer(const std::string& arn);

  Result<TargetGroup> CreateTargetGroup(const CreateTargetGroupInput& input);
  // Filter by load balancer, ARNs or names (all empty: all).
  Result<std::vector<TargetGroup>> DescribeTargetGroups(const std::string& load_balancer_arn = "",
                                                        const std::vector<std::string>& arns = {},
                                                        const std::vector<std::string>& names = {});
  Status DeleteTargetGroup(const std::string& arn);

  Result<Listener> CreateListener(const CreateListenerInput& input);
  // Of one load balancer, or by listener ARNs.
  Result<std::vector<Listener>> DescribeListeners(const std::string& load_balancer_arn,
                                                  const std::vector<std::string>& arns = {});
  Status DeleteListener(const std::string& arn);

  // Every registered target of a target group (the call is not paginated).
  Result<std::vector<TargetHealth>> DescribeTargetHealth(const std::string& target_group_arn);

  // ARN -> tags, for up to 20 ARNs.
  Result<std::map<std::string, Tags>> DescribeTags(const std::vector<std::string>& arns);
  Status AddTags(const std::vector<std::string>& arns, const Tags& tags);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
