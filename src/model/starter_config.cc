#include "model/starter_config.h"

#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/cluster_config.h"

namespace tectonic::model {
namespace {

// A plain YAML scalar when that is unambiguous, else a double-quoted one (JSON string syntax
// is valid YAML).
std::string Scalar(const std::string& value) {
  static const std::regex kPlain("^[A-Za-z][A-Za-z0-9._@/-]*$");
  static const std::set<std::string> kSpecial = {"true", "false", "yes", "no", "on",
                                                 "off",  "null",  "y",   "n",  "~"};
  std::string lower = value;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::regex_match(value, kPlain) && !kSpecial.count(lower)) return value;
  return nlohmann::json(value).dump();
}

// A YAML flow list of scalars: [a, b].
std::string FlowList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + Scalar(item);
  return "[" + out + "]";
}

// A YAML flow mapping of scalars: {k: v}.
std::string FlowMap(const std::map<std::string, std::string>& items) {
  std::string out;
  for (const auto& [k, v] : items) out += (out.empty() ? "" : ", ") + Scalar(k) + ": " + Scalar(v);
  return "{" + out + "}";
}

std::string Pool(const NodePool& p) {
  return fmt::format("{{count: {}, instanceType: {}, rootVolumeGiB: {}}}", p.count,
                     Scalar(p.instance_type), p.root_volume_gib);
}

}  // namespace

std::string RenderClusterConfig(const ClusterConfig& c) {
  const char* nat = c.aws.vpc.nat_gateways == NatMode::kSingle ? "single" : "perZone";
  const char* access = c.networking.api_access == ApiAccess::kInternal ? "internal" : "public";
  return fmt::format(
      R"(# cluster.yaml: one Tectonic cluster on AWS. Check it with: tectonic validate --dir <dir>
# Every field is shown with its default; docs/cluster-yaml.md explains each one.

name: {name}  # 1-24 characters: lower-case letters, digits, '-'; starts with a letter
baseDomain: {domain}  # your public Route53 hosted zone; the cluster adds {name}. and {name}-api.

aws:
  region: {region}
  zones: {zones}  # empty: the first 3 available zones of the region
  hostedZoneId: {zone_id}  # optional: pick one among several zones named like baseDomain
  sshKeyName: {ssh}  # an existing EC2 key pair in the region
  kmsKeyArn: {kms}  # empty: create the key alias/tectonic/<name>
  amiId: {ami}  # empty: the newest Flatcar stable AMI
  vpc:
    id: {vpc_id}  # empty: create a VPC; else the id of an existing VPC (vpc-...)
    cidr: {cidr}  # /16 to /24 when subnets are derived
    masterSubnets: {masters}  # optional: one CIDR (or subnet id, existing VPC only) per zone
    workerSubnets: {workers}  # give both lists or neither (derived: cidrsubnet(cidr, 4, i))
    natGateways: {nat}  # perZone | single
  tags: {tags}  # extra tags on every resource, e.g. {{team: infra}}

networking:
  podCidr: {pod}  # must not overlap the VPC or the service block
  serviceCidr: {service}
  apiAccess: {access}  # public | internal (internal: reachable only inside the VPC)

nodes:
  masters: {mp}  # count >= 1
  workers: {wp}  # count >= 0
  etcd: {ep}  # odd count, 1 to 9

tectonic:
  license: {license}  # paths are relative to this directory
  pullSecret: {pull}  # docker config JSON with "auths"
  adminEmail: {email}  # the console's first login
  adminPasswordHash: {hash}  # bcrypt; empty: set TECTONIC_ADMIN_PASSWORD when you run create
)",
      fmt::arg("name", Scalar(c.name)), fmt::arg("domain", Scalar(c.base_domain)),
      fmt::arg("region", Scalar(c.aws.region)), fmt::arg("zones", FlowList(c.aws.zones)),
      fmt::arg("zone_id", Scalar(c.aws.hosted_zone_id)),
      fmt::arg("ssh", Scalar(c.aws.ssh_key_name)), fmt::arg("kms", Scalar(c.aws.kms_key_arn)),
      fmt::arg("ami", Scalar(c.aws.ami_id)), fmt::arg("vpc_id", Scalar(c.aws.vpc.id)),
      fmt::arg("cidr", Scalar(c.aws.vpc.cidr)),
      fmt::arg("masters", FlowList(c.aws.vpc.master_subnets)),
      fmt::arg("workers", FlowList(c.aws.vpc.worker_subnets)), fmt::arg("nat", nat),
      fmt::arg("tags", FlowMap(c.aws.tags)), fmt::arg("pod", Scalar(c.networking.pod_cidr)),
      fmt::arg("service", Scalar(c.networking.service_cidr)), fmt::arg("access", access),
      fmt::arg("mp", Pool(c.nodes.masters)), fmt::arg("wp", Pool(c.nodes.workers)),
      fmt::arg("ep", Pool(c.nodes.etcd)), fmt::arg("license", Scalar(c.tectonic.license_path)),
      fmt::arg("pull", Scalar(c.tectonic.pull_secret_path)),
      fmt::arg("email", Scalar(c.tectonic.admin_email)),
      fmt::arg("hash", Scalar(c.tectonic.admin_password_hash)));
}

std::string RenderStarterConfig(const StarterOptions& o) {
  ClusterConfig c;  // defaults
  c.name = o.name;
  c.base_domain = o.base_domain;
  c.aws.region = o.region;
  c.aws.ssh_key_name = o.ssh_key_name;
  c.aws.zones = o.zones;
  c.tectonic.admin_email = o.admin_email.empty() ? "admin@" + o.base_domain : o.admin_email;
  return RenderClusterConfig(c);
}

std::string StarterFlagFor(const std::string& field) {
  if (field == "name") return "--name";
  if (field == "baseDomain") return "--base-domain";
  if (field == "aws.region") return "--region";
  if (field == "aws.sshKeyName") return "--ssh-key";
  if (field.rfind("aws.zones", 0) == 0) return "--zones";
  if (field == "tectonic.adminEmail") return "--admin-email";
  return "";
}

}  // namespace tectonic::model
