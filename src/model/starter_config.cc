#include "model/starter_config.h"

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

}  // namespace

std::string RenderStarterConfig(const StarterOptions& o) {
  const ClusterConfig d;  // defaults
  std::string zones;
  for (const auto& zone : o.zones) zones += (zones.empty() ? "" : ", ") + Scalar(zone);
  std::string email = o.admin_email.empty() ? "admin@" + o.base_domain : o.admin_email;
  const NodePool& m = d.nodes.masters;
  const NodePool& w = d.nodes.workers;
  const NodePool& e = d.nodes.etcd;
  return fmt::format(
      R"(# cluster.yaml: one Tectonic cluster on AWS. Check it with: tectonic validate --dir <dir>
# Every field is shown with its default; docs/cluster-yaml.md explains each one.

name: {name}  # 1-24 characters: lower-case letters, digits, '-'; starts with a letter
baseDomain: {domain}  # your public Route53 hosted zone; the cluster adds {name}. and {name}-api.

aws:
  region: {region}
  zones: [{zones}]  # empty: the first 3 available zones of the region
  hostedZoneId: ""  # optional: pick one among several zones named like baseDomain
  sshKeyName: {ssh}  # an existing EC2 key pair in the region
  kmsKeyArn: ""  # empty: create the key alias/tectonic/<name>
  amiId: ""  # empty: the newest Flatcar stable AMI
  vpc:
    id: ""  # empty: create a VPC; else the id of an existing VPC (vpc-...)
    cidr: {cidr}  # /16 to /24 when subnets are derived
    masterSubnets: []  # optional: one CIDR (or subnet id, existing VPC only) per zone
    workerSubnets: []  # give both lists or neither (derived: cidrsubnet(cidr, 4, i))
    natGateways: perZone  # perZone | single
  tags: {{}}  # extra tags on every resource, e.g. {{team: infra}}

networking:
  podCidr: {pod}  # must not overlap the VPC or the service block
  serviceCidr: {service}
  apiAccess: public  # public | internal (internal: reachable only inside the VPC)

nodes:
  masters: {{count: {mc}, instanceType: {mt}, rootVolumeGiB: {ms}}}  # count >= 1
  workers: {{count: {wc}, instanceType: {wt}, rootVolumeGiB: {ws}}}  # count >= 0
  etcd: {{count: {ec}, instanceType: {et}, rootVolumeGiB: {es}}}  # odd count, 1 to 9

tectonic:
  license: {license}  # paths are relative to this directory
  pullSecret: {pull}  # docker config JSON with "auths"
  adminEmail: {email}  # the console's first login
  adminPasswordHash: ""  # bcrypt; empty: set TECTONIC_ADMIN_PASSWORD when you run create
)",
      fmt::arg("name", Scalar(o.name)), fmt::arg("domain", Scalar(o.base_domain)),
      fmt::arg("region", Scalar(o.region)), fmt::arg("zones", zones),
      fmt::arg("ssh", Scalar(o.ssh_key_name)), fmt::arg("cidr", d.aws.vpc.cidr),
      fmt::arg("pod", d.networking.pod_cidr), fmt::arg("service", d.networking.service_cidr),
      fmt::arg("mc", m.count), fmt::arg("mt", m.instance_type), fmt::arg("ms", m.root_volume_gib),
      fmt::arg("wc", w.count), fmt::arg("wt", w.instance_type), fmt::arg("ws", w.root_volume_gib),
      fmt::arg("ec", e.count), fmt::arg("et", e.instance_type), fmt::arg("es", e.root_volume_gib),
      fmt::arg("license", Scalar(d.tectonic.license_path)),
      fmt::arg("pull", Scalar(d.tectonic.pull_secret_path)), fmt::arg("email", Scalar(email)));
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
