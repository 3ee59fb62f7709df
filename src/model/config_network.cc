// Network rules of cluster.yaml: VPC, subnets, pod and service CIDRs, existing-VPC ids.
#include <optional>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "model/config_validate.h"
#include "util/cidr.h"

namespace tectonic::model {
namespace {

// Subnets are cidrsubnet(vpc, kSubnetNewBits, i): masters i < N, workers N <= i < 2N.
constexpr int kSubnetNewBits = 4;
constexpr int kMinAwsPrefix = 16;  // AWS VPC and subnet blocks are /16 to /28
constexpr int kMaxAwsPrefix = 28;

std::optional<Cidr> ParseField(const ParsedConfig& p, const std::string& field,
                               const std::string& value, const std::string& example,
                               std::vector<ConfigError>* errors) {
  if (p.Bad(field)) return std::nullopt;
  auto block = Cidr::Parse(value);
  if (!block.ok()) {
    p.Error(errors, field, block.status().message(),
            fmt::format("write an IPv4 block like {}", example));
    return std::nullopt;
  }
  return *block;
}

bool CheckAwsPrefix(const ParsedConfig& p, const std::string& field, const Cidr& block,
                    std::vector<ConfigError>* errors) {
  if (block.prefix() >= kMinAwsPrefix && block.prefix() <= kMaxAwsPrefix) return true;
  p.Error(errors, field,
          fmt::format("{} has prefix /{}; AWS blocks must be /{} to /{}", block.ToString(),
                      block.prefix(), kMinAwsPrefix, kMaxAwsPrefix),
          fmt::format("use a prefix from /{} to /{}", kMinAwsPrefix, kMaxAwsPrefix));
  return false;
}

struct NamedBlock {
  std::string field;
  Cidr block;
};

void CheckNoOverlap(const ParsedConfig& p, const NamedBlock& a, const NamedBlock& b,
                    std::vector<ConfigError>* errors) {
  if (!a.block.Overlaps(b.block)) return;
  std::string what = a.block == b.block ? "is the same block as" : "overlaps";
  p.Error(errors, b.field,
          fmt::format("{} {} {} ({})", b.block.ToString(), what, a.field, a.block.ToString()),
          "choose blocks that do not overlap");
}

void CheckSubnetList(const ParsedConfig& p, const std::string& field,
                     const std::vector<std::string>& entries, const std::optional<Cidr>& vpc,
                     std::vector<NamedBlock>* blocks, std::set<std::string>* ids,
                     std::vector<ConfigError>* errors) {
  const ClusterConfig& c = p.config;
  const auto& zones = c.aws.zones;
  if (p.Bad(field) || entries.empty()) return;
  if (zones.empty()) {
    p.Error(errors, field,
            fmt::format("{} subnets are given but aws.zones is empty, so they have no zones",
                        entries.size()),
            "list aws.zones, one zone per subnet in the same order");
  } else if (entries.size() != zones.size() && !p.Bad("aws.zones")) {
    p.Error(errors, field,
            fmt::format("{} subnets for {} zones; give one per zone, in the order of aws.zones",
                        entries.size(), zones.size()),
            "list exactly one subnet per zone, or none to derive them from aws.vpc.cidr");
  }
  static const std::regex kSubnetId("^subnet-[0-9a-f]{8,17}$");
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string item = fmt::format("{}[{}]", field, i);
    const std::string& entry = entries[i];
    if (p.Bad(item)) continue;
    if (entry.rfind("subnet-", 0) == 0) {
      if (!std::regex_match(entry, kSubnetId)) {
        p.Error(errors, item, fmt::format("'{}' is not a subnet id", entry),
                "use an id like subnet-0123456789abcdef0, or a CIDR block");
      } else if (!c.UsesExistingVpc()) {
        p.Error(errors, item,
                fmt::format("subnet id '{}' needs an existing VPC, but aws.vpc.id is empty", entry),
                "set aws.vpc.id to the VPC that holds the subnet, or give a CIDR block");
      } else if (!ids->insert(entry).second) {
        p.Error(errors, item, fmt::format("subnet '{}' is used twice", entry),
                "give each zone and role its own subnet");
      }
      continue;
    }
    auto block = ParseField(p, item, entry, "10.0.0.0/20", errors);
    if (!block || !CheckAwsPrefix(p, item, *block, errors)) continue;
    if (vpc && !vpc->Contains(*block)) {
      p.Error(errors, item,
              fmt::format("{} is not inside the VPC block {}", block->ToString(), vpc->ToString()),
              fmt::format("choose a block inside {}", vpc->ToString()));
      continue;
    }
    NamedBlock named{item, *block};
    for (const auto& other : *blocks) CheckNoOverlap(p, other, named, errors);
    blocks->push_back(named);
  }
}

}  // namespace

void ValidateNetwork(ParsedConfig* parsed, std::vector<ConfigError>* errors) {
  const ParsedConfig& p = *parsed;
  const ClusterConfig& c = p.config;
  const VpcConfig& vpc_config = c.aws.vpc;

  if (!vpc_config.id.empty() && !p.Bad("aws.vpc.id") &&
      !std::regex_match(vpc_config.id, std::regex("^vpc-[0-9a-f]{8,17}$"))) {
    p.Error(errors, "aws.vpc.id", fmt::format("'{}' is not a VPC id", vpc_config.id),
            "use an id like vpc-0123456789abcdef0, or leave it empty to create a VPC");
  }

  auto vpc = ParseField(p, "aws.vpc.cidr", vpc_config.cidr, "10.0.0.0/16", errors);
  if (vpc && !CheckAwsPrefix(p, "aws.vpc.cidr", *vpc, errors)) vpc.reset();
  auto pod = ParseField(p, "networking.podCidr", c.networking.pod_cidr, "10.2.0.0/16", errors);
  if (!c.networking.ssh_source_cidr.empty()) {
    (void)ParseField(p, "networking.sshSourceCidr", c.networking.ssh_source_cidr, "203.0.113.0/24",
                     errors);
  }
  auto service =
      ParseField(p, "networking.serviceCidr", c.networking.service_cidr, "10.3.0.0/16", errors);

  if (pod) {
    // Each node gets a /24 of the pod range (flannel).
    int nodes = c.nodes.masters.count + c.nodes.workers.count;
    if (pod->prefix() > 24) {
      p.Error(errors, "networking.podCidr",
              fmt::format("{} is smaller than one node's /24 of pod addresses", pod->ToString()),
              "use a /16 like 10.2.0.0/16");
    } else if (uint64_t{1} << (24 - pod->prefix()) < static_cast<uint64_t>(std::max(nodes, 0))) {
      p.Error(errors, "networking.podCidr",
              fmt::format("{} holds {} node /24s, fewer than the {} masters and workers",
                          pod->ToString(), uint64_t{1} << (24 - pod->prefix()), nodes),
              "use a larger block like a /16");
    }
  }
  if (service && (service->prefix() < 12 || service->prefix() > 28)) {
    p.Error(errors, "networking.serviceCidr",
            fmt::format("{} has prefix /{}; Kubernetes needs /12 to /28", service->ToString(),
                        service->prefix()),
            "use a /16 like 10.3.0.0/16");
  }
  std::vector<NamedBlock> ranges;
  if (vpc) ranges.push_back({"aws.vpc.cidr", *vpc});
  if (pod) ranges.push_back({"networking.podCidr", *pod});
  if (service) ranges.push_back({"networking.serviceCidr", *service});
  for (size_t i = 0; i < ranges.size(); ++i) {
    for (size_t j = i + 1; j < ranges.size(); ++j) CheckNoOverlap(p, ranges[i], ranges[j], errors);
  }

  // Explicit subnets.
  const auto& masters = vpc_config.master_subnets;
  const auto& workers = vpc_config.worker_subnets;
  std::vector<NamedBlock> blocks;
  std::set<std::string> ids;
  CheckSubnetList(p, "aws.vpc.masterSubnets", masters, vpc, &blocks, &ids, errors);
  CheckSubnetList(p, "aws.vpc.workerSubnets", workers, vpc, &blocks, &ids, errors);
  if (masters.empty() != workers.empty() && !p.Bad("aws.vpc.masterSubnets") &&
      !p.Bad("aws.vpc.workerSubnets")) {
    std::string missing = masters.empty() ? "aws.vpc.masterSubnets" : "aws.vpc.workerSubnets";
    std::string given = masters.empty() ? "aws.vpc.workerSubnets" : "aws.vpc.masterSubnets";
    p.Error(errors, missing,
            fmt::format("{} is empty but {} is given; derived subnets could collide with "
                        "the given ones",
                        missing, given),
            "give both lists, or neither to derive all subnets from aws.vpc.cidr");
  }

  // Derived subnets: 2 x N blocks of cidrsubnet(vpc, 4, i) must exist.
  if (masters.empty() && workers.empty() && !p.Bad("aws.zones")) {
    size_t zones = c.aws.zones.empty() ? 3 : c.aws.zones.size();
    size_t capacity = size_t{1} << kSubnetNewBits;
    if (2 * zones > capacity) {
      p.Error(errors, "aws.zones",
              fmt::format("{} zones need {} derived subnets but the VPC block splits into {}",
                          zones, 2 * zones, capacity),
              fmt::format("use at most {} zones, or list the subnets yourself", capacity / 2));
    }
    if (vpc && vpc->prefix() + kSubnetNewBits > kMaxAwsPrefix) {
      p.Error(errors, "aws.vpc.cidr",
              fmt::format("{} is too small to derive /{} subnets (AWS allows at most /{})",
                          vpc->ToString(), vpc->prefix() + kSubnetNewBits, kMaxAwsPrefix),
              fmt::format("use a VPC block of /{} or larger, or list the subnets yourself",
                          kMaxAwsPrefix - kSubnetNewBits));
    }
  }
}

}  // namespace tectonic::model
