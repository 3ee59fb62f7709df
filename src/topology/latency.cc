#include "topology/latency.h"

namespace tectonic::topology {

const std::vector<KindLatency>& LatencyTable() {
  // Synchronous kinds cost their calls (kApiCallSeconds each); asynchronous ones their typical
  // wait. Figures: aws-wire.md 7.1 (typical column) and peer-installers.md C1.
  static const std::vector<KindLatency> kTable = {
      {"kms.key", 2 * kApiCallSeconds, "CreateKey + DescribeKey, synchronous"},
      {"kms.alias", kApiCallSeconds, "CreateAlias, synchronous"},
      {"s3.bucket", 4 * kApiCallSeconds,
       "CreateBucket, PutBucketEncryption, PutPublicAccessBlock, PutBucketTagging"},
      {"s3.object", kApiCallSeconds, "PutObject"},
      {"iam.role", kApiCallSeconds, "CreateRole"},
      {"iam.role_policy", kApiCallSeconds, "PutRolePolicy"},
      {"iam.instance_profile", 10.0,
       "CreateInstanceProfile + AddRoleToInstanceProfile, then propagation to EC2 (5-15 s)"},
      {"ec2.vpc", 3 * kApiCallSeconds, "CreateVpc + 2 ModifyVpcAttribute; available in seconds"},
      {"ec2.internet_gateway", kApiCallSeconds, "CreateInternetGateway"},
      {"ec2.igw_attachment", kApiCallSeconds, "AttachInternetGateway"},
      {"ec2.route_table", kApiCallSeconds, "CreateRouteTable"},
      {"ec2.route", kApiCallSeconds, "CreateRoute"},
      {"ec2.route_table_association", kApiCallSeconds, "AssociateRouteTable"},
      {"ec2.subnet", 2 * kApiCallSeconds, "CreateSubnet + ModifySubnetAttribute"},
      {"ec2.eip", kApiCallSeconds, "AllocateAddress"},
      {"ec2.nat_gateway", 90.0, "pending -> available: 84-121 s in public logs"},
      {"ec2.security_group", kApiCallSeconds, "CreateSecurityGroup"},
      {"ec2.security_group_rules", 2 * kApiCallSeconds,
       "AuthorizeSecurityGroupIngress + AuthorizeSecurityGroupEgress"},
      {"ec2.tag", kApiCallSeconds, "CreateTags"},
      {"ec2.instance", 30.0, "RunInstances, pending -> running: 31-43 s observed"},
      {"ec2.launch_template", kApiCallSeconds, "CreateLaunchTemplate"},
      {"elbv2.load_balancer", 180.0, "NLB provisioning -> active: 142-161 s observed, 2-5 min"},
      {"elbv2.target_group", kApiCallSeconds, "CreateTargetGroup"},
      {"elbv2.listener", kApiCallSeconds, "CreateListener"},
      {"autoscaling.group", 60.0,
       "CreateAutoScalingGroup, instances launched -> InService with EC2 health checks"},
      {"route53.private_zone", 45.0, "CreateHostedZone, change PENDING -> INSYNC (<= 60 s)"},
      {"route53.record", 45.0, "ChangeResourceRecordSets, PENDING -> INSYNC (<= 60 s)"},
  };
  return kTable;
}

double RealisticSeconds(std::string_view kind) {
  for (const auto& entry : LatencyTable()) {
    if (entry.kind == kind) return entry.seconds;
  }
  return kApiCallSeconds;
}

engine::LatencyTable RealisticLatencyTable() {
  engine::LatencyTable table;
  for (const auto& entry : LatencyTable()) table[std::string(entry.kind)] = entry.seconds;
  return table;
}

}  // namespace tectonic::topology
