#include "tests/integration/cluster/topology_checks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

namespace tectonic::testing {
namespace {

using nlohmann::json;

// ---- small helpers ------------------------------------------------------------------------

struct Block {
  uint32_t first = 0, last = 0;
  bool ok = false;
};

// An IPv4 CIDR block as its first and last address (independent of src/util/cidr).
Block ParseCidr(const std::string& text) {
  unsigned a, b, c, d, bits;
  Block block;
  if (std::sscanf(text.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &bits) != 5 || bits > 32) {
    return block;
  }
  uint32_t addr = (a << 24) | (b << 16) | (c << 8) | d;
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  block.first = addr & mask;
  block.last = block.first | ~mask;
  block.ok = true;
  return block;
}

const json& List(const json& report, const char* name) {
  static const json kEmpty = json::array();
  auto it = report.find(name);
  return it != report.end() && it->is_array() ? *it : kEmpty;
}

// The item of a list whose tectonic.io/resource key is `key` (null, with a failure, if none).
json Keyed(const json& report, const char* list, const std::string& key) {
  for (const auto& item : List(report, list)) {
    if (item.value("key", "") == key) return item;
  }
  ADD_FAILURE() << list << ": nothing tagged tectonic.io/resource=" << key;
  return json::object();
}

std::set<std::string> Strings(const json& array) {
  std::set<std::string> out;
  if (array.is_array()) {
    for (const auto& s : array) out.insert(s.get<std::string>());
  }
  return out;
}

std::string Str(const json& item, const char* field) { return item.value(field, ""); }

// Ingress permissions of a group matching protocol and ports.
std::vector<json> Rules(const json& group, const std::string& protocol, int from, int to) {
  std::vector<json> out;
  for (const auto& p : group.value("ingress", json::array())) {
    if (p.value("protocol", "") == protocol && p.value("from_port", -2) == from &&
        p.value("to_port", -2) == to) {
      out.push_back(p);
    }
  }
  return out;
}

bool AdmitsCidr(const json& group, const std::string& protocol, int from, int to,
                const std::string& cidr) {
  for (const auto& p : Rules(group, protocol, from, to)) {
    if (Strings(p["cidrs"]).count(cidr)) return true;
  }
  return false;
}

bool AdmitsGroup(const json& group, const std::string& protocol, int from, int to,
                 const std::string& source) {
  for (const auto& p : Rules(group, protocol, from, to)) {
    if (Strings(p["groups"]).count(source)) return true;
  }
  return false;
}

// ---- the sections of the topology ---------------------------------------------------------

struct Ids {
  std::string vpc, igw;
  std::map<std::string, json> master_subnets, worker_subnets;  // by zone
  std::map<std::string, std::string> sg;                       // role -> id
  std::string bucket, kms_arn;
};

void CheckVpc(const json& report, const ExpectedCluster& want, Ids* ids) {
  const auto& vpcs = List(report, "vpcs");
  ASSERT_EQ(vpcs.size(), 1u) << "VPCs tagged with the cluster: " << vpcs.dump();
  const auto& vpc = vpcs[0];
  ids->vpc = Str(vpc, "id");
  std::string cluster_tag = "kubernetes.io/cluster/" + want.cluster_id;
  if (want.existing_vpc_id.empty()) {
    EXPECT_EQ(Str(vpc, "key"), "vpc");
    EXPECT_EQ(vpc["tags"].value(cluster_tag, ""), "owned");
  } else {
    EXPECT_EQ(ids->vpc, want.existing_vpc_id);
    EXPECT_EQ(vpc["tags"].value(cluster_tag, ""), "shared") << vpc.dump();
    EXPECT_FALSE(vpc["tags"].contains("tectonicClusterID")) << "a borrowed VPC is not owned";
  }
  EXPECT_EQ(Str(vpc, "cidr"), want.vpc_cidr);
  EXPECT_TRUE(vpc.value("dns_support", false));
  EXPECT_TRUE(vpc.value("dns_hostnames", false));
}

void CheckSubnets(const json& report, const ExpectedCluster& want, Ids* ids) {
  const auto& subnets = List(report, "subnets");
  EXPECT_EQ(subnets.size(), 2 * want.zones.size()) << subnets.dump();
  Block vpc = ParseCidr(want.vpc_cidr);
  std::vector<Block> blocks;
  for (const auto& s : subnets) {
    EXPECT_EQ(Str(s, "vpc_id"), ids->vpc) << Str(s, "key");
    Block b = ParseCidr(Str(s, "cidr"));
    EXPECT_TRUE(b.ok && b.first >= vpc.first && b.last <= vpc.last)
        << Str(s, "cidr") << " is not inside " << want.vpc_cidr;
    for (const auto& other : blocks) {
      EXPECT_TRUE(b.last < other.first || b.first > other.last)
          << Str(s, "cidr") << " overlaps another subnet";
    }
    blocks.push_back(b);
  }
  for (const auto& zone : want.zones) {
    json master = Keyed(report, "subnets", "subnet/master/" + zone);
    json worker = Keyed(report, "subnets", "subnet/worker/" + zone);
    EXPECT_EQ(Str(master, "zone"), zone);
    EXPECT_EQ(Str(worker, "zone"), zone);
    EXPECT_TRUE(master.value("public_ip", false)) << "master subnets map public IPs";
    EXPECT_FALSE(worker.value("public_ip", true)) << "worker subnets are private";
    EXPECT_EQ(master["tags"].value("kubernetes.io/role/elb", ""), "1");
    EXPECT_EQ(worker["tags"].value("kubernetes.io/role/internal-elb", ""), "1");
    ids->master_subnets[zone] = master;
    ids->worker_subnets[zone] = worker;
  }
}

void CheckGatewaysAndRoutes(const json& report, const ExpectedCluster& want, Ids* ids) {
  const auto& igws = List(report, "igws");
  ASSERT_EQ(igws.size(), 1u) << igws.dump();
  ids->igw = Str(igws[0], "id");
  if (!want.existing_igw_id.empty()) {
    EXPECT_EQ(ids->igw, want.existing_igw_id);
  }
  EXPECT_EQ(Strings(igws[0]["vpcs"]), std::set<std::string>{ids->vpc}) << "IGW attached";

  EXPECT_EQ(List(report, "nats").size(), want.zones.size());
  EXPECT_EQ(List(report, "eips").size(), want.zones.size());
  std::set<std::string> allocations;
  for (const auto& zone : want.zones) {
    json nat = Keyed(report, "nats", "nat/" + zone);
    json eip = Keyed(report, "eips", "eip/" + zone);
    EXPECT_EQ(Str(nat, "subnet_id"), Str(ids->master_subnets[zone], "id"))
        << "nat/" << zone << " sits in its zone's public subnet";
    EXPECT_EQ(Strings(nat["allocation_ids"]), std::set<std::string>{Str(eip, "id")})
        << "nat/" << zone << " holds its own EIP";
    allocations.insert(Str(eip, "id"));

    json rtb = Keyed(report, "route_tables", "rtb/private/" + zone);
    EXPECT_EQ(Str(rtb, "vpc_id"), ids->vpc);
    bool routed = false;
    for (const auto& r : rtb.value("routes", json::array())) {
      if (Str(r, "destination") == "0.0.0.0/0") {
        routed = Str(r, "nat_gateway_id") == Str(nat, "id");
      }
    }
    EXPECT_TRUE(routed) << "rtb/private/" << zone << " default route to nat/" << zone << ": "
                        << rtb.dump();
    EXPECT_EQ(Strings(rtb["subnets"]), std::set<std::string>{Str(ids->worker_subnets[zone], "id")});
  }
  EXPECT_EQ(allocations.size(), want.zones.size()) << "every NAT has its own EIP";

  EXPECT_EQ(List(report, "route_tables").size(), want.zones.size() + 1);
  json pub = Keyed(report, "route_tables", "rtb/public");
  bool to_igw = false;
  for (const auto& r : pub.value("routes", json::array())) {
    if (Str(r, "destination") == "0.0.0.0/0") to_igw = Str(r, "gateway_id") == ids->igw;
  }
  EXPECT_TRUE(to_igw) << "rtb/public default route to the IGW: " << pub.dump();
  std::set<std::string> masters;
  for (const auto& [zone, s] : ids->master_subnets) masters.insert(Str(s, "id"));
  EXPECT_EQ(Strings(pub["subnets"]), masters) << "public table serves every master subnet";
}

void CheckSecurityGroups(const json& report, const ExpectedCluster& want, Ids* ids) {
  EXPECT_EQ(List(report, "security_groups").size(), 5u);
  std::map<std::string, json> groups;
  for (const char* role : {"master", "worker", "etcd", "api", "console"}) {
    groups[role] = Keyed(report, "security_groups", std::string("sg/") + role);
    ids->sg[role] = Str(groups[role], "id");
    EXPECT_EQ(Str(groups[role], "vpc_id"), ids->vpc);
    EXPECT_EQ(Str(groups[role], "name"), want.name + "-" + role);
  }
  const json& etcd = groups["etcd"];
  EXPECT_TRUE(AdmitsGroup(etcd, "tcp", 2379, 2380, ids->sg["master"])) << etcd.dump();
  EXPECT_TRUE(AdmitsGroup(etcd, "tcp", 2379, 2380, ids->sg["etcd"]));
  for (const auto& p : etcd["ingress"]) {
    // A rule reaching the etcd ports: tcp over 2379-2380, or every protocol.
    bool etcd_ports = p.value("protocol", "") == "-1" ||
                      (p.value("protocol", "") == "tcp" && p.value("from_port", 0) <= 2380 &&
                       p.value("to_port", 0) >= 2379);
    if (!etcd_ports) continue;
    EXPECT_TRUE(p["cidrs"].empty()) << "etcd is reachable only from groups: " << p.dump();
    for (const auto& g : Strings(p["groups"])) {
      EXPECT_TRUE(g == ids->sg["master"] || g == ids->sg["etcd"]) << "etcd admits " << g;
    }
  }
  EXPECT_TRUE(AdmitsGroup(etcd, "tcp", 22, 22, ids->sg["master"]));
  EXPECT_FALSE(AdmitsCidr(etcd, "tcp", 22, 22, "0.0.0.0/0")) << "no public SSH to etcd";

  const json& master = groups["master"];
  EXPECT_TRUE(AdmitsCidr(master, "tcp", 443, 443, "0.0.0.0/0"));
  // SSH from networking.sshSourceCidr, by default the VPC; nothing serves port 80 on masters.
  EXPECT_TRUE(AdmitsCidr(master, "tcp", 22, 22, want.vpc_cidr));
  EXPECT_FALSE(AdmitsCidr(master, "tcp", 22, 22, "0.0.0.0/0")) << "no public SSH to masters";
  EXPECT_TRUE(Rules(master, "tcp", 80, 80).empty()) << "no port 80 on masters";
  EXPECT_TRUE(AdmitsGroup(master, "tcp", 10250, 10250, ids->sg["worker"]));
  EXPECT_TRUE(AdmitsGroup(master, "tcp", 30000, 32767, ids->sg["console"]));
  EXPECT_TRUE(AdmitsCidr(master, "tcp", 30000, 32767, want.vpc_cidr)) << "NLB health checks";

  const json& worker = groups["worker"];
  EXPECT_TRUE(AdmitsGroup(worker, "tcp", 10250, 10250, ids->sg["master"]));
  EXPECT_TRUE(AdmitsGroup(worker, "udp", 4789, 4789, ids->sg["worker"]));
  EXPECT_FALSE(AdmitsCidr(worker, "tcp", 22, 22, "0.0.0.0/0")) << "workers are private";

  EXPECT_TRUE(AdmitsCidr(groups["api"], "tcp", 443, 443, "0.0.0.0/0"));
  EXPECT_TRUE(AdmitsCidr(groups["console"], "tcp", 443, 443, "0.0.0.0/0"));
  EXPECT_TRUE(AdmitsCidr(groups["console"], "tcp", 80, 80, "0.0.0.0/0"));
}

void CheckLoadBalancing(const json& report, const Ids& ids) {
  std::set<std::string> masters;
  for (const auto& [zone, s] : ids.master_subnets) masters.insert(Str(s, "id"));
  EXPECT_EQ(List(report, "load_balancers").size(), 3u);
  EXPECT_EQ(List(report, "target_groups").size(), 4u);
  EXPECT_EQ(List(report, "listeners").size(), 4u);
  struct Lb {
    const char* key;
    const char* scheme;
    std::map<int, std::string> listeners;  // port -> target group key
  };
  const Lb lbs[] = {
      {"nlb/api-ext", "internet-facing", {{443, "nlb/api-ext/tg"}}},
      {"nlb/api-int", "internal", {{443, "nlb/api-int/tg"}}},
      {"nlb/console",
       "internet-facing",
       {{443, "nlb/console/tg/https"}, {80, "nlb/console/tg/http"}}},
  };
  for (const auto& want : lbs) {
    json lb = Keyed(report, "load_balancers", want.key);
    EXPECT_EQ(Str(lb, "type"), "network") << want.key;
    EXPECT_EQ(Str(lb, "scheme"), want.scheme) << want.key;
    EXPECT_EQ(Strings(lb["subnets"]), masters) << want.key << " spans the public subnets";
    std::map<int, std::string> seen;
    for (const auto& li : List(report, "listeners")) {
      if (Str(li, "lb_arn") != Str(lb, "arn")) continue;
      EXPECT_EQ(Str(li, "protocol"), "TCP");
      EXPECT_EQ(li["target_group_arns"].size(), 1u);
      seen[li.value("port", 0)] =
          li["target_group_arns"].empty() ? "" : li["target_group_arns"][0].get<std::string>();
    }
    std::map<int, std::string> expected;
    for (const auto& [port, tg_key] : want.listeners) {
      expected[port] = Str(Keyed(report, "target_groups", tg_key), "arn");
    }
    EXPECT_EQ(seen, expected) << want.key << " listeners forward to their target groups";
  }
  const std::pair<const char*, int> ports[] = {{"nlb/api-ext/tg", 443},
                                               {"nlb/api-int/tg", 443},
                                               {"nlb/console/tg/https", 32000},
                                               {"nlb/console/tg/http", 32001}};
  for (const auto& [key, port] : ports) {
    json tg = Keyed(report, "target_groups", key);
    EXPECT_EQ(tg.value("port", 0), port) << key;
    EXPECT_EQ(Str(tg, "protocol"), "TCP") << key;
    EXPECT_EQ(Str(tg, "vpc_id"), ids.vpc) << key;
    EXPECT_EQ(Str(tg, "target_type"), "instance") << key;
  }
}

void CheckIamAndStorage(const json& report, const ExpectedCluster& want, Ids* ids) {
  const auto& keys = List(report, "kms_keys");
  ASSERT_EQ(keys.size(), 1u) << keys.dump();
  ids->kms_arn = Str(keys[0], "arn");
  EXPECT_EQ(Str(keys[0], "key"), "kms/key");
  EXPECT_TRUE(Strings(keys[0]["aliases"]).count("alias/tectonic/" + want.name));

  const auto& buckets = List(report, "buckets");
  ASSERT_EQ(buckets.size(), 1u) << buckets.dump();
  const json& bucket = buckets[0];
  ids->bucket = Str(bucket, "name");
  EXPECT_EQ(Str(bucket, "key"), "s3/bucket");
  EXPECT_EQ(Str(bucket, "sse_algorithm"), "aws:kms");
  EXPECT_TRUE(Str(bucket, "kms_key") == ids->kms_arn ||
              Str(bucket, "kms_key") == Str(keys[0], "id"))
      << "bucket encrypted with the cluster key: " << Str(bucket, "kms_key");
  for (const char* flag :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    EXPECT_TRUE(bucket["public_access_block"].value(flag, false)) << flag;
  }
  std::set<std::string> objects;
  for (const auto& [key, object] : bucket["objects"].items()) {
    objects.insert(key);
    EXPECT_EQ(Str(object, "sse"), "aws:kms") << key;
  }
  std::set<std::string> expected = {"ignition/master.ign", "ignition/worker.ign"};
  for (int i = 0; i < want.etcd; ++i)
    expected.insert("ignition/etcd-" + std::to_string(i) + ".ign");
  EXPECT_EQ(objects, expected);

  EXPECT_EQ(List(report, "iam_roles").size(), 3u);
  EXPECT_EQ(List(report, "instance_profiles").size(), 3u);
  for (const char* role : {"master", "worker", "etcd"}) {
    std::string base = std::string("iam/") + role;
    json r = Keyed(report, "iam_roles", base + "/role");
    json p = Keyed(report, "instance_profiles", base + "/profile");
    EXPECT_EQ(Strings(p["roles"]), std::set<std::string>{Str(r, "name")}) << base;
    EXPECT_NE(r["trust"].dump().find("ec2.amazonaws.com"), std::string::npos) << base;
    ASSERT_EQ(r["policies"].size(), 1u) << base << ": one inline policy";
    const json& doc = r["policies"].begin().value();
    bool reads_own_ignition = false, decrypts_with_key = false;
    for (const auto& st : doc.value("Statement", json::array())) {
      json actions = st["Action"].is_array() ? st["Action"] : json::array({st["Action"]});
      json resources = st["Resource"].is_array() ? st["Resource"] : json::array({st["Resource"]});
      for (const auto& a : actions) {
        EXPECT_NE(a, "*") << base;
        if (std::string(role) != "master") {
          EXPECT_NE(a, "ec2:*") << base << ": no ec2:*";
        }
        if (a == "s3:GetObject") {
          for (const auto& res : resources) {
            std::string arn = res.get<std::string>();
            EXPECT_EQ(arn.rfind("arn:aws:s3:::" + ids->bucket + "/ignition/", 0), 0u)
                << base << " reads only ignition objects: " << arn;
            EXPECT_NE(arn.find(std::string("/") + role), std::string::npos)
                << base << " reads only its own role's ignition: " << arn;
            reads_own_ignition = true;
          }
        }
        if (a == "kms:Decrypt") decrypts_with_key = Strings(resources).count(ids->kms_arn) > 0;
      }
    }
    EXPECT_TRUE(reads_own_ignition) << base;
    EXPECT_TRUE(decrypts_with_key) << base;
  }
}

void CheckCompute(const json& report, const ExpectedCluster& want, const Ids& ids) {
  json bucket = List(report, "buckets").empty() ? json::object() : List(report, "buckets")[0];
  std::set<std::string> masters, workers;
  for (const auto& [zone, s] : ids.master_subnets) masters.insert(Str(s, "id"));
  for (const auto& [zone, s] : ids.worker_subnets) workers.insert(Str(s, "id"));
  EXPECT_EQ(List(report, "launch_templates").size(), 2u);
  EXPECT_EQ(List(report, "auto_scaling_groups").size(), 2u);
  for (const char* role : {"master", "worker"}) {
    std::string r = role;
    json lt = Keyed(report, "launch_templates", "lt/" + r);
    json profile = Keyed(report, "instance_profiles", "iam/" + r + "/profile");
    EXPECT_EQ(Str(lt, "image_id"), want.ami_id) << r;
    EXPECT_EQ(Str(lt, "http_tokens"), "required") << r << ": IMDSv2";
    EXPECT_EQ(Strings(lt["security_group_ids"]), std::set<std::string>{ids.sg.at(r)}) << r;
    EXPECT_EQ(Str(lt, "profile_arn"), Str(profile, "arn")) << r;
    EXPECT_EQ(lt["instance_tags"].value("tectonic.io/resource", ""), "asg/" + r);
    // User data is the Ignition pointer: the S3 object and its sha512.
    auto pointer = json::parse(Str(lt, "user_data"), nullptr, false);
    ASSERT_TRUE(pointer.is_object()) << r << " user data is not JSON: " << Str(lt, "user_data");
    std::string object = "ignition/" + r + ".ign";
    json replace = pointer["ignition"]["config"]["replace"];
    EXPECT_EQ(Str(replace, "source"), "s3://" + ids.bucket + "/" + object);
    std::string sha = bucket["objects"].contains(object) ? Str(bucket["objects"][object], "sha512")
                                                         : std::string("(no object)");
    EXPECT_EQ(replace["verification"].value("hash", ""), "sha512-" + sha)
        << r << ": the pointer's hash is the object's";

    json asg = Keyed(report, "auto_scaling_groups", "asg/" + r);
    EXPECT_EQ(Str(asg, "name"), want.name + "-" + r + "s");
    EXPECT_EQ(Str(asg, "launch_template_id"), Str(lt, "id")) << r;
    int count = r == "master" ? want.masters : want.workers;
    EXPECT_EQ(asg.value("min_size", -1), count) << r;
    EXPECT_EQ(asg.value("desired_capacity", -1), count) << r;
    EXPECT_EQ(asg.value("max_size", -1), r == "master" ? count : 3 * count) << r;
    EXPECT_EQ(Strings(asg["subnets"]), r == "master" ? masters : workers) << r;
    std::set<std::string> tgs;
    if (r == "master") {
      for (const char* key :
           {"nlb/api-ext/tg", "nlb/api-int/tg", "nlb/console/tg/https", "nlb/console/tg/http"}) {
        tgs.insert(Str(Keyed(report, "target_groups", key), "arn"));
      }
    }
    EXPECT_EQ(Strings(asg["target_group_arns"]), tgs) << r;
  }

  json etcd_profile = Keyed(report, "instance_profiles", "iam/etcd/profile");
  std::map<std::string, int> per_key;
  std::set<std::string> etcd_subnets;
  for (const auto& i : List(report, "instances")) {
    per_key[Str(i, "key")]++;
    if (Str(i, "key").rfind("etcd/", 0) != 0) continue;
    EXPECT_EQ(Str(i, "state"), "running") << Str(i, "key");
    EXPECT_TRUE(workers.count(Str(i, "subnet_id"))) << Str(i, "key") << " in a private subnet";
    EXPECT_EQ(Str(i, "profile_arn"), Str(etcd_profile, "arn"));
    etcd_subnets.insert(Str(i, "subnet_id"));
  }
  for (int i = 0; i < want.etcd; ++i) EXPECT_EQ(per_key["etcd/" + std::to_string(i)], 1) << i;
  EXPECT_EQ(etcd_subnets.size(), std::min<size_t>(want.etcd, want.zones.size()))
      << "etcd members round-robin over the zones";
  EXPECT_EQ(per_key["asg/master"], want.masters) << "instances launched by asg/master";
  EXPECT_EQ(per_key["asg/worker"], want.workers) << "instances launched by asg/worker";
}

void CheckDns(const json& report, const ExpectedCluster& want, const Ids& ids) {
  const auto& zones = List(report, "private_zones");
  ASSERT_EQ(zones.size(), 1u) << zones.dump();
  const json& zone = zones[0];
  std::string cluster_domain = want.name + "." + want.domain;
  EXPECT_EQ(Str(zone, "key"), "zone/private");
  EXPECT_EQ(Str(zone, "name"), cluster_domain);
  EXPECT_EQ(Strings(zone["vpcs"]), std::set<std::string>{ids.vpc});
  std::map<std::string, json> records;
  for (const auto& r : zone["records"]) records[Str(r, "name")] = r;
  json api_int = Keyed(report, "load_balancers", "nlb/api-int");
  EXPECT_EQ(Str(records["api." + cluster_domain], "alias_dns_name"), Str(api_int, "dns_name"));
  for (int i = 0; i < want.etcd; ++i) {
    json instance = Keyed(report, "instances", "etcd/" + std::to_string(i));
    json record = records["etcd-" + std::to_string(i) + "." + cluster_domain];
    EXPECT_EQ(record.value("values", json::array()), json::array({Str(instance, "private_ip")}))
        << "etcd-" << i << " resolves to its instance";
  }

  std::map<std::string, json> pub;
  for (const auto& r : List(report, "public_records")) pub[Str(r, "name")] = r;
  EXPECT_EQ(pub.size(), 2u);
  const std::pair<std::string, const char*> aliases[] = {
      {want.name + "-api." + want.domain, "nlb/api-ext"}, {cluster_domain, "nlb/console"}};
  for (const auto& [name, lb_key] : aliases) {
    json lb = Keyed(report, "load_balancers", lb_key);
    EXPECT_EQ(Str(pub[name], "type"), "A") << name;
    EXPECT_EQ(Str(pub[name], "alias_dns_name"), Str(lb, "dns_name")) << name;
    EXPECT_EQ(Str(pub[name], "alias_zone_id"), Str(lb, "zone_id")) << name;
  }
}

}  // namespace

void ExpectFullCluster(const json& report, const ExpectedCluster& want) {
  Ids ids;
  CheckVpc(report, want, &ids);
  CheckSubnets(report, want, &ids);
  CheckGatewaysAndRoutes(report, want, &ids);
  CheckSecurityGroups(report, want, &ids);
  CheckLoadBalancing(report, ids);
  CheckIamAndStorage(report, want, &ids);
  CheckCompute(report, want, ids);
  CheckDns(report, want, ids);
}

void ExpectNoDuplicates(const json& report, const ExpectedCluster& want) {
  for (const auto& [list, items] : report.items()) {
    if (!items.is_array() || list == "public_records" || list == "listeners") continue;
    std::map<std::string, int> per_key;
    for (const auto& item : items) per_key[Str(item, "key")]++;
    for (const auto& [key, n] : per_key) {
      if (list == "instances" && key == "asg/master") {
        EXPECT_EQ(n, want.masters) << "instances of asg/master";
      } else if (list == "instances" && key == "asg/worker") {
        EXPECT_EQ(n, want.workers) << "instances of asg/worker";
      } else if (list == "volumes") {
        EXPECT_LE(n, 1) << "volumes tagged " << key;
      } else {
        EXPECT_EQ(n, 1) << list << ": " << n << " items tagged tectonic.io/resource=" << key;
      }
    }
  }
  std::map<std::string, int> public_names;
  for (const auto& r : List(report, "public_records")) public_names[Str(r, "name")]++;
  for (const auto& [name, n] : public_names) EXPECT_EQ(n, 1) << name;
}

void ExpectNothingLeft(const json& report) {
  for (const auto& [list, items] : report.items()) {
    if (list == "probes" || !items.is_array()) continue;
    EXPECT_TRUE(items.empty()) << list << " left after destroy: " << items.dump();
  }
}

void ExpectUntouched(const json& report, const std::vector<std::string>& probes,
                     const std::string& cluster_id) {
  for (const auto& probe : probes) {
    json p = report["probes"].value(probe, json::object());
    EXPECT_TRUE(p.value("exists", false)) << probe << " was removed";
    json tags = p.value("tags", json::object());
    for (const auto& [tag, value] : tags.items()) {
      EXPECT_EQ(tag.find(cluster_id), std::string::npos) << probe << " keeps tag " << tag;
      EXPECT_NE(tag, "tectonicClusterID") << probe;
    }
  }
}

}  // namespace tectonic::testing
