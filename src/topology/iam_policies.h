// The IAM documents of the node roles: the EC2 trust policy and one least-privilege inline
// policy per role (master, worker, etcd). No wildcard actions; S3 reads are limited to the
// role's own ignition object ARNs, KMS to Decrypt on the cluster key. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tectonic::topology {

// {"Version":"2012-10-17","Statement":[{Allow ec2.amazonaws.com sts:AssumeRole}]}
nlohmann::json Ec2AssumeRolePolicy();

// The explicit actions the controllers on control-plane nodes need: the AWS cloud controller
// manager (volumes, routes, security groups and load balancers for Services of type
// LoadBalancer), the EBS CSI controller and the CSR approver (DescribeInstances). Workers
// get none: their kubelet runs with --cloud-provider=external and the EBS CSI node plugin
// makes no AWS API calls.
const std::vector<std::string>& MasterCloudProviderActions();

// The inline policy for role ("master", "worker", "etcd"): object_arns are the ignition
// objects it may read; kms_key_arn is a literal ARN or an engine reference to one.
nlohmann::json NodeRolePolicy(const std::string& role, const std::vector<std::string>& object_arns,
                              const nlohmann::json& kms_key_arn);

}  // namespace tectonic::topology
