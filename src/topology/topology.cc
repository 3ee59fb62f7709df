#include "topology/topology.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "topology/builder.h"
#include "topology/names.h"

namespace tectonic::topology {
namespace internal {

engine::NodeSpec& Context::Add(const std::string& key, const std::string& kind,
                               nlohmann::json props, std::vector<std::string> deps) {
  engine::NodeSpec node;
  node.key = key;
  node.kind = kind;
  node.props = std::move(props);
  std::sort(deps.begin(), deps.end());
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  node.deps = std::move(deps);
  graph.nodes.push_back(std::move(node));
  return graph.nodes.back();
}

nlohmann::json Context::Tags(const std::string& key, const std::string& name,
                             const std::map<std::string, std::string>& extra) const {
  // User tags first, so ours win on a clash (the loader rejects reserved keys anyway).
  nlohmann::json tags = nlohmann::json::object();
  for (const auto& [k, v] : config->aws.tags) tags[k] = v;
  for (const auto& [k, v] : extra) tags[k] = v;
  tags["Name"] = name;
  tags["kubernetes.io/cluster/" + in->cluster_id] = "owned";
  tags["tectonicClusterID"] = in->cluster_id;
  tags["tectonic.io/resource"] = key;
  return tags;
}

std::string Context::Name(const std::string& suffix, size_t limit) const {
  return FitName(config->name, in->cluster_id, suffix, limit);
}

std::string Context::IgnitionKey(const std::string& role) const {
  auto it = in->ignition.find(role);
  if (it != in->ignition.end() && !it->second.s3_key.empty()) return it->second.s3_key;
  return "ignition/" + role + ".ign";
}

std::string Context::IgnitionUrl(const std::string& role) const {
  return "s3://" + bucket + "/" + IgnitionKey(role);
}

std::string Context::IgnitionArn(const std::string& role) const {
  return "arn:aws:s3:::" + bucket + "/" + IgnitionKey(role);
}

std::string Context::NatKeyFor(const std::string& az) const {
  if (config->aws.vpc.nat_gateways == model::NatMode::kSingle) return "nat/" + zones.front();
  return "nat/" + az;
}

}  // namespace internal

std::vector<std::string> IgnitionRoles(const model::ClusterConfig& config) {
  std::vector<std::string> roles = {"master", "worker"};
  for (int i = 0; i < config.nodes.etcd.count; ++i) roles.push_back(fmt::format("etcd-{}", i));
  return roles;
}

Result<engine::Graph> BuildGraph(const model::ClusterConfig& config, const TopologyInputs& in) {
  internal::Context ctx;
  ctx.config = &config;
  ctx.in = &in;
  if (config.name.empty() || config.base_domain.empty()) {
    return Status::InvalidInput("topology: the cluster name and base domain are required");
  }
  if ((config.name + "-").rfind("internal-", 0) == 0) {
    // ELBv2 rejects load balancer names starting with "internal-".
    return Status::InvalidInput("topology: the cluster name \"" + config.name +
                                "\" would make load balancer names start with "
                                "\"internal-\", which AWS rejects; choose another name");
  }
  if (in.cluster_id.empty()) {
    return Status::InvalidInput("topology: the cluster id is required (metadata.json)");
  }
  ctx.zones = in.zones.empty() ? config.aws.zones : in.zones;
  if (ctx.zones.empty()) {
    return Status::InvalidInput(
        "topology: no availability zones; set aws.zones or let preflight resolve them");
  }
  if (std::set<std::string>(ctx.zones.begin(), ctx.zones.end()).size() != ctx.zones.size()) {
    return Status::InvalidInput("topology: aws.zones lists a zone twice");
  }
  ctx.ami_id = in.ami_id.empty() ? config.aws.ami_id : in.ami_id;
  if (ctx.ami_id.empty()) {
    return Status::InvalidInput("topology: no AMI id; preflight resolves the Flatcar AMI");
  }
  ctx.public_zone_id = in.public_zone_id.empty() ? config.aws.hosted_zone_id : in.public_zone_id;
  if (ctx.public_zone_id.empty()) {
    return Status::InvalidInput(
        "topology: no public hosted zone id; preflight resolves it from baseDomain");
  }
  if (config.nodes.masters.count < 1 || config.nodes.etcd.count < 1 ||
      config.nodes.workers.count < 0) {
    return Status::InvalidInput("topology: node counts must be >= 1 (workers >= 0)");
  }
  ctx.etcd_count = config.nodes.etcd.count;
  ctx.ignition_roles = IgnitionRoles(config);
  for (const auto& role : ctx.ignition_roles) {
    auto it = in.ignition.find(role);
    if (it == in.ignition.end() || it->second.sha512.empty()) {
      return Status::InvalidInput(fmt::format(
          "topology: no ignition digest for role {} (run `tectonic create assets` first)", role));
    }
  }
  ctx.existing_vpc = config.UsesExistingVpc();
  ctx.public_api = config.networking.api_access == model::ApiAccess::kPublic;
  const std::string cidr_text = ctx.existing_vpc && !in.existing_vpc.cidr.empty()
                                    ? in.existing_vpc.cidr
                                    : config.aws.vpc.cidr;
  auto cidr = Cidr::Parse(cidr_text);
  if (!cidr.ok()) {
    return Status::InvalidInput(
        fmt::format("topology: VPC CIDR {}: {}", cidr_text, cidr.status().message()));
  }
  ctx.vpc_cidr = *cidr;
  ctx.bucket = BucketName(config.name, in.cluster_id);
  ctx.kms_arn = config.aws.kms_key_arn.empty() ? engine::Ref("kms/key", "arn")
                                               : nlohmann::json(config.aws.kms_key_arn);

  TECTONIC_RETURN_IF_ERROR(internal::AddStorageAndIam(&ctx));
  TECTONIC_RETURN_IF_ERROR(internal::AddNetwork(&ctx));
  TECTONIC_RETURN_IF_ERROR(internal::AddSecurityGroups(&ctx));
  TECTONIC_RETURN_IF_ERROR(internal::AddLoadBalancers(&ctx));
  TECTONIC_RETURN_IF_ERROR(internal::AddComputeAndDns(&ctx));
  Status valid = engine::ValidateGraph(ctx.graph);
  if (!valid.ok())
    return Status::Internal("topology produced an invalid graph: " + valid.message());
  return std::move(ctx.graph);
}

nlohmann::json GraphToJson(const engine::Graph& graph) {
  std::vector<const engine::NodeSpec*> nodes;
  for (const auto& node : graph.nodes) nodes.push_back(&node);
  std::sort(nodes.begin(), nodes.end(), [](auto* a, auto* b) { return a->key < b->key; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto* node : nodes) {
    out.push_back({{"key", node->key},
                   {"kind", node->kind},
                   {"shared", node->shared},
                   {"deps", engine::Graph::AllDeps(*node)},
                   {"props", node->props}});
  }
  return nlohmann::json{{"nodes", out}};
}

}  // namespace tectonic::topology
