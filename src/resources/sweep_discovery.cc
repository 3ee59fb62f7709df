// Discovery for the tag sweep (sweep_internal.h): EC2 describes with tag filters (the
// authority for EC2: the Tagging API keeps listing deleted resources for a while), ELBv2 and
// Auto Scaling describes with their tags, the Tagging API for KMS, S3, Route 53 and anything
// else tagged, IAM and S3 by the cluster's names, and the public records aliasing the NLBs.
#include <set>
#include <string>
#include <vector>

#include "aws/autoscaling.h"
#include "aws/kms.h"
#include "aws/route53.h"
#include "aws/s3.h"
#include "aws/tagging.h"
#include "aws/xml_util.h"
#include "resources/handler_util.h"
#include "resources/sweep_internal.h"

namespace tectonic::resources::sweep {
namespace {

struct Context {
  aws::AwsClient& client;
  const SweepOptions& options;
  SweepState& state;
  Inventory& inv;
};

// Describes items twice (tag:tectonicClusterID, tag:kubernetes.io/cluster/<id>), merges by
// id, routes shared ones to inv.shared and keeps the owned ones that `keep` accepts.
template <typename T, typename DescribeFn, typename IdFn, typename KeepFn>
Result<std::vector<T>> Ec2Tagged(Context& c, DescribeFn describe, IdFn id_of, KeepFn keep) {
  const std::string& id = c.options.cluster_id;
  std::vector<aws::Filter> filters = {aws::TagFilter(std::string(kClusterIdTagKey), id),
                                      aws::Filter{"tag:" + ClusterTagKey(id), {"owned", "shared"}}};
  std::vector<T> out;
  std::set<std::string> seen;
  for (const auto& filter : filters) {
    TECTONIC_ASSIGN_OR_RETURN(auto items, describe(aws::DescribeQuery{{}, {filter}}));
    for (auto& item : items) {
      std::string item_id = id_of(item);
      if (!seen.insert(item_id).second || c.state.protected_ids.count(item_id)) continue;
      if (IsSharedTags(item.tags, id)) {
        c.inv.shared.push_back(item_id);
      } else if (IsOwnedTags(item.tags, id) && keep(item)) {
        out.push_back(std::move(item));
      }
    }
  }
  return out;
}

std::string IdOf(const auto& item) { return item.id; }
bool All(const auto&) { return true; }

Status DiscoverEc2(Context& c) {
  aws::Ec2 ec2(c.client);
  Inventory& inv = c.inv;
  auto ids = [](const auto& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
  };
  TECTONIC_ASSIGN_OR_RETURN(
      inv.instances, Ec2Tagged<aws::Instance>(
                         c, [&](const aws::DescribeQuery& q) { return ec2.DescribeInstances(q); },
                         [](const auto& i) { return IdOf(i); },
                         [](const aws::Instance& i) { return i.state != "terminated"; }));
  TECTONIC_ASSIGN_OR_RETURN(
      auto templates,
      Ec2Tagged<aws::LaunchTemplate>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeLaunchTemplates(q); },
          [](const auto& i) { return IdOf(i); }, [](const auto& i) { return All(i); }));
  inv.launch_templates = ids(templates);
  TECTONIC_ASSIGN_OR_RETURN(
      inv.nat_gateways,
      Ec2Tagged<aws::NatGateway>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeNatGateways(q); },
          [](const auto& i) { return IdOf(i); },
          [](const aws::NatGateway& n) { return n.state != "deleted" && n.state != "failed"; }));
  TECTONIC_ASSIGN_OR_RETURN(
      inv.addresses, Ec2Tagged<aws::Address>(
                         c, [&](const aws::DescribeQuery& q) { return ec2.DescribeAddresses(q); },
                         [](const aws::Address& a) { return a.allocation_id; },
                         [](const auto& i) { return All(i); }));
  TECTONIC_ASSIGN_OR_RETURN(
      inv.enis,
      Ec2Tagged<aws::NetworkInterface>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeNetworkInterfaces(q); },
          [](const auto& i) { return IdOf(i); }, [](const auto& i) { return All(i); }));
  TECTONIC_ASSIGN_OR_RETURN(
      inv.security_groups,
      Ec2Tagged<aws::SecurityGroup>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeSecurityGroups(q); },
          [](const auto& i) { return IdOf(i); },
          [](const aws::SecurityGroup& g) { return g.name != "default"; }));
  TECTONIC_ASSIGN_OR_RETURN(
      auto subnets,
      Ec2Tagged<aws::Subnet>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeSubnets(q); },
          [](const auto& i) { return IdOf(i); }, [](const auto& i) { return All(i); }));
  inv.subnets = ids(subnets);
  TECTONIC_ASSIGN_OR_RETURN(
      inv.route_tables,
      Ec2Tagged<aws::RouteTable>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeRouteTables(q); },
          [](const auto& i) { return IdOf(i); }, [](const auto& i) { return All(i); }));
  TECTONIC_ASSIGN_OR_RETURN(
      inv.igws, Ec2Tagged<aws::InternetGateway>(
                    c, [&](const aws::DescribeQuery& q) { return ec2.DescribeInternetGateways(q); },
                    [](const auto& i) { return IdOf(i); }, [](const auto& i) { return All(i); }));
  TECTONIC_ASSIGN_OR_RETURN(
      auto vpcs,
      Ec2Tagged<aws::Vpc>(
          c, [&](const aws::DescribeQuery& q) { return ec2.DescribeVpcs(q); },
          [](const auto& i) { return IdOf(i); }, [](const aws::Vpc& v) { return !v.is_default; }));
  inv.vpcs = ids(vpcs);
  TECTONIC_ASSIGN_OR_RETURN(
      inv.volumes, Ec2Tagged<aws::Volume>(
                       c, [&](const aws::DescribeQuery& q) { return ec2.DescribeVolumes(q); },
                       [](const auto& i) { return IdOf(i); },
                       [](const aws::Volume& v) { return v.state != "deleted"; }));
  return Status::Ok();
}

// Load balancers and target groups whose ELBv2 tags are the cluster's; listeners of the LBs.
Status DiscoverElb(Context& c) {
  aws::Elbv2 elb(c.client);
  auto owned = [&](const std::vector<std::string>& arns) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    for (size_t i = 0; i < arns.size(); i += 20) {
      std::vector<std::string> batch(arns.begin() + i,
                                     arns.begin() + std::min(arns.size(), i + 20));
      auto tags = elb.DescribeTags(batch);
      if (!tags.ok() && IsNotFound(tags.status())) continue;  // deleted meanwhile
      if (!tags.ok()) return tags.status();
      for (const auto& [arn, t] : *tags) {
        if (IsOwnedTags(t, c.options.cluster_id) && !IsSharedTags(t, c.options.cluster_id)) {
          out.insert(arn);
        }
      }
    }
    return out;
  };
  TECTONIC_ASSIGN_OR_RETURN(auto lbs, elb.DescribeLoadBalancers());
  std::vector<std::string> lb_arns;
  for (const auto& lb : lbs) lb_arns.push_back(lb.arn);
  TECTONIC_ASSIGN_OR_RETURN(auto owned_lbs, owned(lb_arns));
  for (const auto& lb : lbs) {
    if (!owned_lbs.count(lb.arn)) continue;
    c.inv.load_balancers.push_back(lb);
    c.state.lb_dns_names.insert(aws::NormalDnsName(lb.dns_name));
    auto listeners = elb.DescribeListeners(lb.arn);
    if (!listeners.ok() && IsNotFound(listeners.status())) continue;
    if (!listeners.ok()) return listeners.status();
    for (const auto& l : *listeners) c.inv.listeners.push_back(l.arn);
  }
  TECTONIC_ASSIGN_OR_RETURN(auto tgs, elb.DescribeTargetGroups());
  std::vector<std::string> tg_arns;
  for (const auto& tg : tgs) tg_arns.push_back(tg.arn);
  TECTONIC_ASSIGN_OR_RETURN(auto owned_tgs, owned(tg_arns));
  c.inv.target_groups.assign(owned_tgs.begin(), owned_tgs.end());
  return Status::Ok();
}

Status DiscoverAsgs(Context& c) {
  aws::AutoScaling asg(c.client);
  TECTONIC_ASSIGN_OR_RETURN(auto groups, asg.DescribeAutoScalingGroups());
  for (const auto& group : groups) {
    aws::Tags tags;
    for (const auto& tag : group.tags) tags[tag.key] = tag.value;
    if (IsOwnedTags(tags, c.options.cluster_id)) c.inv.asgs.push_back(group.name);
  }
  return Status::Ok();
}

// Query-protocol list with Marker/IsTruncated: the text of `field` of every `list` member.
Result<std::vector<std::string>> IamNames(aws::AwsClient& client, const aws::Operation& op,
                                          const char* list, const char* field) {
  std::vector<std::string> out;
  std::string marker;
  while (true) {
    aws::FormParams params;
    if (!marker.empty()) params.Add("Marker", marker);
    TECTONIC_ASSIGN_OR_RETURN(aws::XmlResponse r, client.Query(op, params));
    for (pugi::xml_node n : aws::xml::Items(r.result(), list, "member")) {
      out.push_back(aws::xml::Text(n, field));
    }
    marker = aws::xml::Text(r.result(), "Marker");
    if (!aws::xml::Bool(r.result(), "IsTruncated") || marker.empty()) return out;
  }
}

// Roles and instance profiles whose tags (or roles) are the cluster's: those named
// <cluster_name>-*, or every one when the name is unknown (destroy by --cluster-id alone: IAM
// is not in the Tagging API, so only the tags of each role can tell).
Status DiscoverIam(Context& c) {
  aws::Iam iam(c.client);
  std::string prefix = c.options.cluster_name.empty() ? "" : c.options.cluster_name + "-";
  TECTONIC_ASSIGN_OR_RETURN(auto roles,
                            IamNames(c.client, aws::ops::kIamListRoles, "Roles", "RoleName"));
  std::set<std::string> owned_roles;
  for (const auto& name : roles) {
    if (name.rfind(prefix, 0) != 0) continue;
    auto role = iam.GetRole(name);
    if (!role.ok() && IsNotFound(role.status())) continue;
    if (!role.ok()) return role.status();
    if (IsOwnedTags(role->tags, c.options.cluster_id)) owned_roles.insert(name);
  }
  c.inv.roles.assign(owned_roles.begin(), owned_roles.end());
  TECTONIC_ASSIGN_OR_RETURN(auto profiles, IamNames(c.client, aws::ops::kIamListInstanceProfiles,
                                                    "InstanceProfiles", "InstanceProfileName"));
  for (const auto& name : profiles) {
    if (name.rfind(prefix, 0) != 0) continue;
    auto profile = iam.GetInstanceProfile(name);
    if (!profile.ok() && IsNotFound(profile.status())) continue;
    if (!profile.ok()) return profile.status();
    bool owned = IsOwnedTags(profile->tags, c.options.cluster_id);
    for (const auto& role : profile->role_names) owned = owned || owned_roles.count(role) > 0;
    if (owned) c.inv.profiles.push_back(*profile);
  }
  return Status::Ok();
}

// Buckets named <cluster_name>-tectonic-* (plus those the Tagging API named) with our tag.
Status DiscoverBuckets(Context& c, std::set<std::string> candidates) {
  if (!c.options.cluster_name.empty()) {
    aws::RestRequest request;
    request.path = "/";
    TECTONIC_ASSIGN_OR_RETURN(auto response, c.client.Rest(aws::ops::kS3ListBuckets, request));
    TECTONIC_ASSIGN_OR_RETURN(auto xml, response.Xml());
    std::string prefix = c.options.cluster_name + "-tectonic-";
    for (pugi::xml_node n : aws::xml::Items(xml.result(), "Buckets", "Bucket")) {
      std::string name = aws::xml::Text(n, "Name");
      if (name.rfind(prefix, 0) == 0) candidates.insert(name);
    }
  }
  aws::S3 s3(c.client);
  for (const auto& bucket : candidates) {
    auto tags = s3.GetBucketTagging(bucket);
    if (!tags.ok() && IsNotFound(tags.status())) continue;
    if (!tags.ok()) return tags.status();
    if (IsOwnedTags(*tags, c.options.cluster_id)) c.inv.buckets.push_back(bucket);
  }
  return Status::Ok();
}

// Keys the Tagging API named plus the key of alias/tectonic/<name>; PendingDeletion = gone.
Status DiscoverKeys(Context& c, std::set<std::string> candidates) {
  aws::Kms kms(c.client);
  TECTONIC_ASSIGN_OR_RETURN(auto aliases, kms.ListAliases());
  std::string cluster_alias = "alias/tectonic/" + c.options.cluster_name;
  for (const auto& alias : aliases) {
    if (!c.options.cluster_name.empty() && alias.name == cluster_alias &&
        !alias.target_key_id.empty()) {
      candidates.insert(alias.target_key_id);
    }
  }
  for (const auto& key : candidates) {
    auto meta = kms.DescribeKey(key);
    if (!meta.ok() && IsNotFound(meta.status())) continue;
    if (!meta.ok()) return meta.status();
    if (meta->key_state == "PendingDeletion" || meta->key_manager == "AWS") continue;
    TECTONIC_ASSIGN_OR_RETURN(auto tags, kms.ListResourceTags(meta->key_id));
    if (!IsOwnedTags(tags, c.options.cluster_id)) continue;
    c.inv.keys.push_back(meta->key_id);
    for (const auto& alias : aliases) {
      if (alias.target_key_id == meta->key_id) c.inv.aliases.push_back(alias.name);
    }
  }
  return Status::Ok();
}

// Private zones tagged with the cluster; in every other zone, the A/AAAA alias records whose
// target is one of the cluster's load balancers.
Status DiscoverZones(Context& c) {
  aws::Route53 r53(c.client);
  TECTONIC_ASSIGN_OR_RETURN(auto zones, r53.ListHostedZones());
  for (const auto& zone : zones) {
    if (zone.private_zone) {
      auto tags = r53.ListTagsForResource("hostedzone", zone.id);
      if (!tags.ok() && IsNotFound(tags.status())) continue;
      if (!tags.ok()) return tags.status();
      if (IsOwnedTags(*tags, c.options.cluster_id)) {
        c.inv.private_zones.push_back(zone);
        continue;
      }
    }
    if (c.state.lb_dns_names.empty()) continue;
    auto records = r53.ListResourceRecordSets(zone.id);
    if (!records.ok() && IsNotFound(records.status())) continue;
    if (!records.ok()) return records.status();
    for (const auto& record : *records) {
      if (!record.alias || (record.type != "A" && record.type != "AAAA")) continue;
      if (c.state.lb_dns_names.count(aws::NormalDnsName(record.alias->dns_name))) {
        c.inv.records.push_back({zone.id, record});
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Inventory> Discover(aws::AwsClient& client, const SweepOptions& options, SweepState& state) {
  Inventory inv;
  Context c{client, options, state, inv};
  // The Tagging API: KMS keys and S3 buckets to verify; ELB, EC2, Route 53, IAM and Auto
  // Scaling are covered by their own describes; any other tagged kind is reported.
  aws::Tagging tagging(client);
  std::set<std::string> keys, buckets;
  std::set<std::string> arns;
  for (const auto& filter :
       {aws::TagFilterSpec{std::string(kClusterIdTagKey), {options.cluster_id}},
        aws::TagFilterSpec{ClusterTagKey(options.cluster_id), {"owned"}}}) {
    TECTONIC_ASSIGN_OR_RETURN(auto tagged, tagging.GetResources({filter}));
    for (const auto& resource : tagged) arns.insert(resource.arn);
  }
  for (const auto& arn : arns) {
    // arn:partition:service:region:account:resource
    std::vector<std::string> parts;
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      size_t colon = arn.find(':', start);
      if (colon == std::string::npos) break;
      parts.push_back(arn.substr(start, colon - start));
      start = colon + 1;
    }
    if (parts.size() < 5) continue;
    std::string service = parts[2], resource = arn.substr(start);
    if (service == "kms" && resource.rfind("key/", 0) == 0) {
      keys.insert(resource.substr(4));
    } else if (service == "s3" && resource.find('/') == std::string::npos) {
      buckets.insert(resource);
    } else if (service != "ec2" && service != "elasticloadbalancing" && service != "route53" &&
               service != "iam" && service != "autoscaling" && service != "s3" &&
               service != "kms") {
      inv.unknown.push_back({"tagging:" + service, arn, "tagged with the cluster; not swept"});
    }
  }
  TECTONIC_RETURN_IF_ERROR(DiscoverAsgs(c));
  TECTONIC_RETURN_IF_ERROR(DiscoverElb(c));
  TECTONIC_RETURN_IF_ERROR(DiscoverEc2(c));
  TECTONIC_RETURN_IF_ERROR(DiscoverZones(c));
  TECTONIC_RETURN_IF_ERROR(DiscoverIam(c));
  TECTONIC_RETURN_IF_ERROR(DiscoverBuckets(c, buckets));
  TECTONIC_RETURN_IF_ERROR(DiscoverKeys(c, keys));
  return inv;
}

}  // namespace tectonic::resources::sweep
