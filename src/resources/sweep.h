// Tag sweep: after the journal-driven destroy, find and delete everything AWS still holds in
// the cluster's name, including what Kubernetes created (load balancers, security groups,
// volumes tagged kubernetes.io/cluster/<id>=owned), then prove that nothing is left.
// Discovery: the Resource Groups Tagging API plus describes for what it misses (EIPs, NAT
// gateways, IAM roles/instance profiles, Route 53 zones and the public records that alias the
// cluster's load balancers, launch templates, Auto Scaling groups). Deletion follows the
// dependency order of AWS (instances and ASGs, load balancers, NAT, EIPs, ENIs, SGs, subnets,
// route tables, IGW, VPC; IAM; S3; KMS), retrying DependencyViolation until the deadline.
// Never touches a resource tagged kubernetes.io/cluster/<id>=shared (it only removes that tag).
// Thread safety: one sweep at a time per cluster; uses the client from the calling thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "aws/client.h"
#include "util/clock.h"
#include "util/result.h"

namespace tectonic::resources {

struct SweepOptions {
  std::string cluster_id;    // tectonicClusterID value
  std::string cluster_name;  // for IAM names and records; may be empty with --cluster-id only
  std::chrono::seconds deadline{900};
  Clock* clock = nullptr;  // null: the client's clock
  bool dry_run = false;    // list only
};

struct Leftover {
  std::string kind;  // "ec2:vpc", "iam:role", "route53:record", ...
  std::string id;    // id or ARN
  std::string detail;
  // The tectonic.io/resource tag of instances and volumes (launched by the node "asg/master",
  // or the volume of "etcd/0"), so status can tell what belongs to a journaled node.
  std::string key = {};
};

struct SweepResult {
  std::vector<Leftover> deleted;    // what the sweep removed
  std::vector<Leftover> remaining;  // what is still there at the end (empty = proven clean)
  Status status;                    // Ok when remaining is empty
};

// Deletes everything owned by the cluster that is still there, then lists what remains.
SweepResult SweepCluster(aws::AwsClient& client, const SweepOptions& options);

// Lists what the cluster still owns without deleting anything (the proof after a destroy,
// and `tectonic status` for orphans).
Result<std::vector<Leftover>> ListOwned(aws::AwsClient& client, const SweepOptions& options);

}  // namespace tectonic::resources
