#include "topology/iam_policies.h"

namespace tectonic::topology {

nlohmann::json Ec2AssumeRolePolicy() {
  return {{"Version", "2012-10-17"},
          {"Statement", nlohmann::json::array({{{"Effect", "Allow"},
                                                {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                                                {"Action", "sts:AssumeRole"}}})}};
}

const std::vector<std::string>& MasterCloudProviderActions() {
  // What the controllers on masters call with the master role: the AWS cloud controller
  // manager (documented policy of kubernetes/cloud-provider-aws) and the EBS CSI controller
  // (volumes, attachments, snapshots, tags), both deployed by manifests/06 and 07.
  static const std::vector<std::string> kActions = {
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeTags",
      "ec2:AttachVolume",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateRoute",
      "ec2:CreateSecurityGroup",
      "ec2:CreateSnapshot",
      "ec2:CreateTags",
      "ec2:CreateVolume",
      "ec2:DeleteRoute",
      "ec2:DeleteSecurityGroup",
      "ec2:DeleteSnapshot",
      "ec2:DeleteVolume",
      "ec2:DescribeAvailabilityZones",
      "ec2:DescribeInstances",
      "ec2:DescribeRegions",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSnapshots",
      "ec2:DescribeSubnets",
      "ec2:DescribeTags",
      "ec2:DescribeVolumes",
      "ec2:DescribeVolumesModifications",
      "ec2:DescribeVpcs",
      "ec2:DetachVolume",
      "ec2:ModifyInstanceAttribute",
      "ec2:ModifyVolume",
      "ec2:RevokeSecurityGroupIngress",
      "elasticloadbalancing:AddTags",
      "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
      "elasticloadbalancing:AttachLoadBalancerToSubnets",
      "elasticloadbalancing:ConfigureHealthCheck",
      "elasticloadbalancing:CreateListener",
      "elasticloadbalancing:CreateLoadBalancer",
      "elasticloadbalancing:CreateLoadBalancerListeners",
      "elasticloadbalancing:CreateLoadBalancerPolicy",
      "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:DeleteListener",
      "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:DeleteLoadBalancerListeners",
      "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
      "elasticloadbalancing:DeregisterTargets",
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:DescribeLoadBalancerPolicies",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
      "elasticloadbalancing:DetachLoadBalancerFromSubnets",
      "elasticloadbalancing:ModifyListener",
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
      "elasticloadbalancing:SetLoadBalancerPoliciesOfListener",
      "iam:CreateServiceLinkedRole",
      "kms:DescribeKey",
  };
  return kActions;
}

nlohmann::json NodeRolePolicy(const std::string& role, const std::vector<std::string>& object_arns,
                              const nlohmann::json& kms_key_arn) {
  nlohmann::json statements = nlohmann::json::array();
  statements.push_back({{"Sid", "ReadOwnIgnition"},
                        {"Effect", "Allow"},
                        {"Action", nlohmann::json::array({"s3:GetObject"})},
                        {"Resource", object_arns}});
  statements.push_back({{"Sid", "DecryptWithClusterKey"},
                        {"Effect", "Allow"},
                        {"Action", nlohmann::json::array({"kms:Decrypt"})},
                        {"Resource", nlohmann::json::array({kms_key_arn})}});
  if (role == "master") {
    statements.push_back({{"Sid", "CloudProvider"},
                          {"Effect", "Allow"},
                          {"Action", MasterCloudProviderActions()},
                          {"Resource", "*"}});
  }
  return {{"Version", "2012-10-17"}, {"Statement", statements}};
}

}  // namespace tectonic::topology
