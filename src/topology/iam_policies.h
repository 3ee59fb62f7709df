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

// The explicit actions the Kubernetes AWS cloud provider needs on a control-plane node
// (volumes, routes, security groups and load balancers for Services of type LoadBalancer).
const std::vector<std::string>& MasterCloudProviderActions();
// What a worker's kubelet needs: describe itself, pull from ECR.
const std::vector<std::string>& WorkerNodeActions();

// The inline policy for role ("master", "worker", "etcd"): object_arns are the ignition
// objects it may read; kms_key_arn is a literal ARN or an engine reference to one.
nlohmann::json NodeRolePolicy(const std::string& role, const std::vector<std::string>& object_arns,
                              const nlohmann::json& kms_key_arn);

}  // namespace tectonic::topology
