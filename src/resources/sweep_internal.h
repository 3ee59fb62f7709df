// Internals of the tag sweep (sweep.h): the inventory of what the cluster still holds, how it
// is discovered (sweep_discovery.cc) and how one pass deletes it (sweep_delete.cc).
// Not part of the public API. Thread safety: one sweep at a time; plain values otherwise.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "aws/iam.h"
#include "aws/route53.h"
#include "resources/sweep.h"

namespace tectonic::resources::sweep {

struct ZoneRecord {
  std::string zone_id;
  aws::RecordSet record;
};

struct Inventory {
  std::vector<std::string> asgs;         // names (a group being deleted is still listed)
  std::vector<aws::Instance> instances;  // not terminated
  std::vector<ZoneRecord> records;       // public-zone records aliasing the cluster's NLBs
  std::vector<std::string> listeners;    // ARNs
  std::vector<aws::LoadBalancer> load_balancers;
  std::vector<std::string> target_groups;     // ARNs
  std::vector<std::string> launch_templates;  // ids
  std::vector<aws::NatGateway> nat_gateways;  // not deleted
  std::vector<aws::Address> addresses;
  std::vector<aws::NetworkInterface> enis;
  std::vector<aws::SecurityGroup> security_groups;  // never the VPC's "default" group
  std::vector<std::string> subnets;
  std::vector<aws::RouteTable> route_tables;
  std::vector<aws::InternetGateway> igws;
  std::vector<std::string> vpcs;
  std::vector<aws::Volume> volumes;
  std::vector<aws::HostedZone> private_zones;
  std::vector<aws::InstanceProfile> profiles;
  std::vector<std::string> roles;  // names
  std::vector<std::string> buckets;
  std::vector<std::string> keys;     // KMS key ids, not PendingDeletion
  std::vector<std::string> aliases;  // alias/... names pointing at those keys
  // EC2 ids tagged kubernetes.io/cluster/<id>=shared: only that tag is removed.
  std::vector<std::string> shared;
  // Tagged resources of kinds the sweep does not know how to delete ("tagging:<arn>").
  std::vector<Leftover> unknown;

  bool empty() const { return Leftovers().empty(); }
  std::vector<Leftover> Leftovers() const;
};

// What persists between the passes of one sweep.
struct SweepState {
  // DNS names (lower case, no trailing dot) of every cluster NLB ever seen, so the public
  // records aliasing them are found even after the NLBs are gone.
  std::set<std::string> lb_dns_names;
  // Ids whose shared tag the sweep removed: never deleted, never reported again.
  std::set<std::string> protected_ids;
};

// Everything the cluster still holds, by tags (Tagging API + describes) and natural names.
Result<Inventory> Discover(aws::AwsClient& client, const SweepOptions& options, SweepState& state);

// One pass of deletes in dependency order. Appends what it removed (or started removing) to
// deleted; returns the last non-Dependency error (Ok when only Dependency refusals happened).
Status DeletePass(aws::AwsClient& client, const SweepOptions& options, const Inventory& inv,
                  SweepState& state, std::vector<Leftover>& deleted);

// Tag helpers.
bool IsOwnedTags(const aws::Tags& tags, const std::string& cluster_id);
bool IsSharedTags(const aws::Tags& tags, const std::string& cluster_id);
std::string ClusterTagKey(const std::string& cluster_id);  // kubernetes.io/cluster/<id>

}  // namespace tectonic::resources::sweep
