// Layer 3: security groups (empty shells) and, as separate nodes, their rule sets, so groups
// that reference each other never form a cycle. Rules follow the original Tectonic, tightened:
// NLBs have no security groups and preserve client addresses, so traffic through them is
// allowed from the VPC CIDR (health checks, internal LBs) and, when public, from anywhere.
#include <fmt/format.h>

#include "topology/builder.h"
#include "topology/names.h"

namespace tectonic::topology::internal {
namespace {

using engine::Ref;
using nlohmann::json;

const char* const kWorld = "0.0.0.0/0";

json FromCidr(const std::string& protocol, int from, int to, const std::string& cidr,
              const std::string& why) {
  return {{"protocol", protocol},
          {"from_port", from},
          {"to_port", to},
          {"cidr", cidr},
          {"description", why}};
}

json FromGroup(const std::string& protocol, int from, int to, const std::string& sg_key,
               const std::string& why) {
  return {{"protocol", protocol},
          {"from_port", from},
          {"to_port", to},
          {"source_security_group_id", Ref(sg_key)},
          {"description", why}};
}

// Node-to-node traffic between the Kubernetes nodes (masters and workers).
void AddNodeMesh(json* ingress, const std::vector<std::string>& from_groups) {
  for (const auto& g : from_groups) {
    ingress->push_back(FromGroup("tcp", 10250, 10250, g, "kubelet"));
    ingress->push_back(FromGroup("udp", 4789, 4789, g, "VXLAN"));
    ingress->push_back(FromGroup("udp", 8472, 8472, g, "flannel VXLAN"));
    ingress->push_back(FromGroup("tcp", 9100, 9100, g, "node-exporter"));
  }
}

}  // namespace

Status AddSecurityGroups(Context* ctx) {
  const std::string vpc = ctx->vpc_cidr.ToString();
  // Who may reach public endpoints: everyone, or only the VPC when the API is internal.
  const std::string reach = ctx->public_api ? kWorld : vpc;
  const json all_egress = json::array({FromCidr("-1", 0, 0, kWorld, "all egress")});

  // SSH only from networking.sshSourceCidr (default: the VPC); nothing on a master serves
  // port 80 (the console's HTTP listener forwards to NodePort 32001).
  const std::string& ssh_cidr = ctx->config->networking.ssh_source_cidr;
  const std::string ssh = ssh_cidr.empty() ? vpc : ssh_cidr;
  json master = json::array();
  master.push_back(FromCidr("icmp", -1, -1, vpc, "ICMP within the VPC"));
  master.push_back(FromCidr("tcp", 22, 22, ssh, "SSH from networking.sshSourceCidr"));
  master.push_back(FromCidr("tcp", 443, 443, reach, "Kubernetes API via the API load balancers"));
  AddNodeMesh(&master, {"sg/master", "sg/worker"});
  master.push_back(FromGroup("tcp", 30000, 32767, "sg/console", "NodePorts from the console"));
  master.push_back(FromCidr("tcp", 30000, 32767, vpc, "NodePorts and NLB health checks"));
  if (ctx->public_api) {
    master.push_back(FromCidr("tcp", 32000, 32001, kWorld, "console NLB (client IP preserved)"));
  }

  json worker = json::array();
  worker.push_back(FromCidr("icmp", -1, -1, vpc, "ICMP within the VPC"));
  worker.push_back(FromCidr("tcp", 22, 22, vpc, "SSH from within the VPC"));
  AddNodeMesh(&worker, {"sg/worker", "sg/master"});
  worker.push_back(FromGroup("tcp", 30000, 32767, "sg/console", "NodePorts from the console"));
  worker.push_back(FromCidr("tcp", 30000, 32767, vpc, "NodePorts and NLB health checks"));

  json etcd = json::array();
  etcd.push_back(FromCidr("icmp", -1, -1, vpc, "ICMP within the VPC"));
  etcd.push_back(FromGroup("tcp", 22, 22, "sg/master", "SSH from masters"));
  etcd.push_back(FromGroup("tcp", 2379, 2380, "sg/master", "etcd client from masters"));
  etcd.push_back(FromGroup("tcp", 2379, 2380, "sg/etcd", "etcd client and peers"));

  json api = json::array({FromCidr("tcp", 443, 443, reach, "Kubernetes API")});
  json console = json::array({FromCidr("tcp", 80, 80, reach, "console HTTP"),
                              FromCidr("tcp", 443, 443, reach, "console HTTPS")});

  const std::vector<std::pair<std::string, json>> groups = {
      {"master", master}, {"worker", worker}, {"etcd", etcd}, {"api", api}, {"console", console}};
  for (const auto& [role, ingress] : groups) {
    const std::string key = "sg/" + role;
    const std::string name = ctx->Name(role, kSecurityGroupNameLimit);
    ctx->Add(key, "ec2.security_group",
             {{"vpc_id", Ref("vpc")},
              {"group_name", name},
              {"description", fmt::format("tectonic {} {}", ctx->config->name, role)},
              {"tags", ctx->Tags(key, name)}});
    ctx->Add(key + "/rules", "ec2.security_group_rules",
             {{"group_id", Ref(key)}, {"ingress", ingress}, {"egress", all_egress}});
  }
  return Status::Ok();
}

}  // namespace tectonic::topology::internal
