#include "topology/topology.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "engine/plan.h"
#include "topology/latency.h"
#include "topology/names.h"
#include "topology/topology_test_util.h"
#include "util/cidr.h"

namespace tectonic::topology {
namespace {

using nlohmann::json;
using testing::DefaultConfig;
using testing::DefaultInputs;
using testing::kClusterId;

engine::Graph Build(const model::ClusterConfig& config, const TopologyInputs& in) {
  auto graph = BuildGraph(config, in);
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return graph.ok() ? *graph : engine::Graph{};
}

engine::Graph Build(const model::ClusterConfig& config) {
  return Build(config, DefaultInputs(config));
}

const engine::NodeSpec& Node(const engine::Graph& g, const std::string& key) {
  const engine::NodeSpec* node = g.Find(key);
  if (node == nullptr) {
    ADD_FAILURE() << "no node " << key;
    static const engine::NodeSpec kEmpty;
    return kEmpty;
  }
  return *node;
}

int CountKind(const engine::Graph& g, const std::string& kind) {
  int n = 0;
  for (const auto& node : g.nodes) n += node.kind == kind;
  return n;
}

std::vector<std::string> Deps(const engine::Graph& g, const std::string& key) {
  return engine::Graph::AllDeps(Node(g, key));
}

// Calls f on every string value inside j.
void ForEachString(const json& j, const std::function<void(const std::string&)>& f) {
  if (j.is_string()) f(j.get<std::string>());
  if (j.is_object() || j.is_array()) {
    for (const auto& child : j) ForEachString(child, f);
  }
}

TEST(BuildGraphTest, NodeCountsFollowZonesAndEtcd) {
  // 48 fixed nodes + 3 per etcd member (object, instance, record) + 8 per zone (2 subnets,
  // 2 associations, private table and route, EIP, NAT).
  for (int zones : {1, 3, 6}) {
    SCOPED_TRACE(zones);
    auto config = DefaultConfig(zones);
    engine::Graph g = Build(config);
    EXPECT_EQ(g.nodes.size(), static_cast<size_t>(48 + 3 * 3 + 8 * zones));
    EXPECT_EQ(CountKind(g, "ec2.subnet"), 2 * zones);
    EXPECT_EQ(CountKind(g, "ec2.nat_gateway"), zones);
    EXPECT_EQ(CountKind(g, "ec2.instance"), 3);
    EXPECT_EQ(CountKind(g, "elbv2.load_balancer"), 3);
    EXPECT_EQ(CountKind(g, "elbv2.target_group"), 4);
    EXPECT_EQ(CountKind(g, "elbv2.listener"), 4);
    EXPECT_EQ(CountKind(g, "ec2.security_group"), 5);
    EXPECT_EQ(CountKind(g, "iam.role"), 3);
  }
  auto five = DefaultConfig(5);
  five.nodes.etcd.count = 5;
  engine::Graph g = Build(five);
  EXPECT_EQ(g.nodes.size(), static_cast<size_t>(48 + 3 * 5 + 8 * 5));
  // Round-robin over the worker subnets.
  EXPECT_EQ(Node(g, "etcd/4").props["subnet_id"], engine::Ref("subnet/worker/us-east-1e"));
  EXPECT_EQ(Node(g, "etcd/1").props["subnet_id"], engine::Ref("subnet/worker/us-east-1b"));
}

TEST(BuildGraphTest, SingleNatServesEveryZone) {
  auto config = DefaultConfig(3);
  config.aws.vpc.nat_gateways = model::NatMode::kSingle;
  engine::Graph g = Build(config);
  EXPECT_EQ(CountKind(g, "ec2.nat_gateway"), 1);
  EXPECT_EQ(CountKind(g, "ec2.eip"), 1);
  EXPECT_EQ(g.nodes.size(), static_cast<size_t>(48 + 9 + 24 - 4));
  for (const char* az : {"us-east-1a", "us-east-1b", "us-east-1c"}) {
    EXPECT_EQ(Node(g, std::string("route/private/") + az).props["nat_gateway_id"],
              engine::Ref("nat/us-east-1a"));
  }
}

TEST(BuildGraphTest, EveryReferenceResolvesAndGraphIsAcyclic) {
  for (int zones : {1, 3, 6}) {
    engine::Graph g = Build(DefaultConfig(zones));
    std::set<std::string> keys;
    for (const auto& node : g.nodes) EXPECT_TRUE(keys.insert(node.key).second) << node.key;
    for (const auto& node : g.nodes) {
      for (const auto& dep : engine::Graph::AllDeps(node)) {
        EXPECT_TRUE(keys.count(dep)) << node.key << " -> " << dep;
        EXPECT_NE(dep, node.key);
      }
    }
    EXPECT_TRUE(engine::ValidateGraph(g).ok());
    auto order = engine::TopologicalOrder(g);
    ASSERT_TRUE(order.ok()) << order.status().ToString();
    EXPECT_EQ(order->size(), g.nodes.size());
  }
}

TEST(BuildGraphTest, NamesFitAwsLimitsForLongClusterName) {
  auto config = DefaultConfig();
  config.name = "abcdefghij-klmnopqrst-uvwxyz";  // 28 characters, the maximum
  ASSERT_EQ(config.name.size(), 28u);
  engine::Graph g = Build(config);
  std::map<std::string, size_t> limit_by_kind = {{"elbv2.load_balancer", kLoadBalancerNameLimit},
                                                 {"elbv2.target_group", kTargetGroupNameLimit},
                                                 {"s3.bucket", kBucketNameLimit},
                                                 {"iam.role", kIamRoleNameLimit},
                                                 {"iam.role_policy", kIamPolicyNameLimit},
                                                 {"iam.instance_profile", kIamProfileNameLimit},
                                                 {"ec2.launch_template", kLaunchTemplateNameLimit},
                                                 {"autoscaling.group", kAutoScalingGroupNameLimit}};
  std::map<std::string, std::set<std::string>> seen;
  for (const auto& node : g.nodes) {
    auto it = limit_by_kind.find(node.kind);
    if (it == limit_by_kind.end()) continue;
    const std::string name = node.props["name"];
    EXPECT_LE(name.size(), it->second) << node.key << ": " << name;
    EXPECT_NE(name.front(), '-');
    EXPECT_NE(name.back(), '-');
    EXPECT_EQ(name.find("--"), std::string::npos) << name;
    EXPECT_EQ(name.rfind("internal-", 0), std::string::npos) << name;
    EXPECT_EQ(name.substr(0, 10), "abcdefghij") << name;  // starts with the cluster name
    EXPECT_TRUE(seen[node.kind].insert(name).second) << "duplicate name " << name;
  }
  EXPECT_EQ(seen["elbv2.load_balancer"].size(), 3u);
  EXPECT_EQ(seen["elbv2.target_group"].size(), 4u);
  const std::string bucket = Node(g, "s3/bucket").props["name"];
  for (char c : bucket) {
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || std::isdigit(c) || c == '-')
        << bucket;
  }
  // Short names are kept whole.
  engine::Graph short_graph = Build(DefaultConfig());
  EXPECT_EQ(Node(short_graph, "nlb/api-ext").props["name"], "demo-api-ext");
  EXPECT_EQ(Node(short_graph, "asg/worker").props["name"], "demo-workers");
  EXPECT_EQ(Node(short_graph, "s3/bucket").props["name"], "demo-tectonic-0b8a3c1e5f2d");
}

TEST(BuildGraphTest, SubnetsSitInsideTheVpcAndDoNotOverlap) {
  for (int zones : {1, 3, 6}) {
    engine::Graph g = Build(DefaultConfig(zones));
    Cidr vpc = *Cidr::Parse("10.0.0.0/16");
    std::vector<Cidr> subnets;
    for (const auto& node : g.nodes) {
      if (node.kind != "ec2.subnet") continue;
      auto cidr = Cidr::Parse(node.props["cidr"].get<std::string>());
      ASSERT_TRUE(cidr.ok());
      EXPECT_TRUE(vpc.Contains(*cidr)) << node.key;
      EXPECT_EQ(cidr->prefix(), 20);
      for (const auto& other : subnets) EXPECT_FALSE(other.Overlaps(*cidr)) << node.key;
      subnets.push_back(*cidr);
    }
    EXPECT_EQ(subnets.size(), static_cast<size_t>(2 * zones));
    // cidrsubnet(vpc,4,i) for masters, (vpc,4,i+N) for workers.
    EXPECT_EQ(Node(g, "subnet/master/us-east-1a").props["cidr"], "10.0.0.0/20");
    EXPECT_EQ(Node(g, "subnet/worker/us-east-1a").props["cidr"], vpc.Subnet(4, zones)->ToString());
  }
}

TEST(BuildGraphTest, UserSubnetCidrsAreCheckedAgainstTheVpc) {
  auto config = DefaultConfig(2);
  config.aws.vpc.master_subnets = {"10.0.0.0/24", "10.0.1.0/24"};
  config.aws.vpc.worker_subnets = {"10.0.2.0/24", "10.0.3.0/24"};
  engine::Graph g = Build(config);
  EXPECT_EQ(Node(g, "subnet/worker/us-east-1b").props["cidr"], "10.0.3.0/24");

  config.aws.vpc.worker_subnets = {"10.0.2.0/24", "10.1.3.0/24"};
  auto outside = BuildGraph(config, DefaultInputs(config));
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.status().message().find("outside the VPC"), std::string::npos);

  config.aws.vpc.worker_subnets = {"10.0.2.0/24", "10.0.0.128/25"};
  auto overlap = BuildGraph(config, DefaultInputs(config));
  ASSERT_FALSE(overlap.ok());
  EXPECT_NE(overlap.status().message().find("overlap"), std::string::npos);

  config.aws.vpc.worker_subnets = {"10.0.2.0/24"};
  EXPECT_FALSE(BuildGraph(config, DefaultInputs(config)).ok());  // wrong count
}

TEST(BuildGraphTest, OwnedResourcesCarryTheStandardTags) {
  engine::Graph g = Build(DefaultConfig());
  const std::set<std::string> taggable = {"kms.key",
                                          "s3.bucket",
                                          "iam.role",
                                          "iam.instance_profile",
                                          "ec2.vpc",
                                          "ec2.internet_gateway",
                                          "ec2.route_table",
                                          "ec2.subnet",
                                          "ec2.eip",
                                          "ec2.nat_gateway",
                                          "ec2.security_group",
                                          "ec2.instance",
                                          "ec2.launch_template",
                                          "elbv2.load_balancer",
                                          "elbv2.target_group",
                                          "autoscaling.group",
                                          "route53.private_zone"};
  int tagged = 0;
  for (const auto& node : g.nodes) {
    if (!taggable.count(node.kind)) {
      EXPECT_FALSE(node.props.contains("tags")) << node.key;
      continue;
    }
    ASSERT_TRUE(node.props.contains("tags")) << node.key;
    const json& tags = node.props["tags"];
    EXPECT_EQ(tags.value(std::string("kubernetes.io/cluster/") + kClusterId, ""), "owned")
        << node.key;
    EXPECT_EQ(tags.value("tectonicClusterID", ""), kClusterId);
    EXPECT_EQ(tags.value("tectonic.io/resource", ""), node.key);
    EXPECT_FALSE(tags.value("Name", "").empty()) << node.key;
    EXPECT_EQ(tags.value("team", ""), "platform") << node.key;
    ++tagged;
  }
  EXPECT_GT(tagged, 40);
  EXPECT_EQ(Node(g, "subnet/worker/us-east-1b").props["tags"]["kubernetes.io/role/internal-elb"],
            "1");
  EXPECT_EQ(Node(g, "subnet/master/us-east-1b").props["tags"]["kubernetes.io/role/elb"], "1");
  // Instances launched by the ASGs are tagged through the launch template.
  EXPECT_EQ(Node(g, "lt/worker").props["instance_tags"]["tectonic.io/resource"], "asg/worker");
}

TEST(BuildGraphTest, IamPoliciesAreLeastPrivilege) {
  auto config = DefaultConfig();
  engine::Graph g = Build(config);
  const std::string bucket = Node(g, "s3/bucket").props["name"];
  const std::map<std::string, std::set<std::string>> own = {
      {"master", {"arn:aws:s3:::" + bucket + "/ignition/master.ign"}},
      {"worker", {"arn:aws:s3:::" + bucket + "/ignition/worker.ign"}},
      {"etcd",
       {"arn:aws:s3:::" + bucket + "/ignition/etcd-0.ign",
        "arn:aws:s3:::" + bucket + "/ignition/etcd-1.ign",
        "arn:aws:s3:::" + bucket + "/ignition/etcd-2.ign"}}};
  for (const auto& [role, objects] : own) {
    SCOPED_TRACE(role);
    const json& doc = Node(g, "iam/" + role + "/policy").props["document"];
    std::set<std::string> s3_resources;
    bool decrypt = false;
    for (const auto& st : doc["Statement"]) {
      for (const auto& action : st["Action"]) {
        const std::string a = action;
        EXPECT_EQ(a.find('*'), std::string::npos) << a;
        if (a.rfind("s3:", 0) == 0) {
          EXPECT_EQ(a, "s3:GetObject");
          for (const auto& r : st["Resource"]) s3_resources.insert(r.get<std::string>());
        }
        if (a == "kms:Decrypt") {
          decrypt = true;
          EXPECT_EQ(st["Resource"], json::array({engine::Ref("kms/key", "arn")}));
        }
      }
    }
    EXPECT_EQ(s3_resources, objects);
    EXPECT_TRUE(decrypt);
    EXPECT_EQ(Node(g, "iam/" + role + "/role")
                  .props["assume_role_policy"]["Statement"][0]["Principal"]["Service"],
              "ec2.amazonaws.com");
  }
  // A user-provided key: no KMS nodes, the literal ARN in policies and bucket encryption.
  config.aws.kms_key_arn =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  engine::Graph user_key = Build(config);
  EXPECT_EQ(user_key.Find("kms/key"), nullptr);
  EXPECT_EQ(user_key.Find("kms/alias"), nullptr);
  EXPECT_EQ(Node(user_key, "s3/bucket").props["sse"]["kms_key_arn"], config.aws.kms_key_arn);
  EXPECT_EQ(Node(user_key, "iam/worker/policy").props["document"]["Statement"][1]["Resource"][0],
            config.aws.kms_key_arn);
}

TEST(BuildGraphTest, WorkersHoldNoAwsRightsBeyondTheirIgnition) {
  engine::Graph g = Build(DefaultConfig());
  std::set<std::string> actions;
  for (const auto& st : Node(g, "iam/worker/policy").props["document"]["Statement"]) {
    for (const auto& a : st["Action"]) actions.insert(a);
  }
  EXPECT_EQ(actions, (std::set<std::string>{"s3:GetObject", "kms:Decrypt"}));
  std::set<std::string> master;
  for (const auto& st : Node(g, "iam/master/policy").props["document"]["Statement"]) {
    for (const auto& a : st["Action"]) master.insert(a);
  }
  for (const char* a : {"ec2:DescribeInstances", "ec2:CreateVolume", "ec2:AttachVolume",
                        "ec2:CreateSnapshot", "elasticloadbalancing:CreateLoadBalancer"}) {
    EXPECT_TRUE(master.count(a)) << a;
  }
}

TEST(BuildGraphTest, LongPolesDependOnlyOnTheirTrueInputs) {
  engine::Graph g = Build(DefaultConfig());
  EXPECT_EQ(Deps(g, "nat/us-east-1b"),
            (std::vector<std::string>{"eip/us-east-1b", "igw/attach", "subnet/master/us-east-1b"}));
  EXPECT_EQ(Deps(g, "nlb/api-ext"),
            (std::vector<std::string>{"igw/attach", "subnet/master/us-east-1a",
                                      "subnet/master/us-east-1b", "subnet/master/us-east-1c"}));
  EXPECT_EQ(Deps(g, "nlb/api-int"),
            (std::vector<std::string>{"subnet/master/us-east-1a", "subnet/master/us-east-1b",
                                      "subnet/master/us-east-1c"}));
  EXPECT_TRUE(Deps(g, "igw").empty());
  EXPECT_TRUE(Deps(g, "eip/us-east-1a").empty());
  EXPECT_EQ(Deps(g, "rtb/private/us-east-1a"), std::vector<std::string>{"vpc"});
  // The master ASG registers into every master target group, not through listeners.
  const json& tgs = Node(g, "asg/master").props["target_group_arns"];
  EXPECT_EQ(tgs.size(), 4u);
  for (const auto& dep : Deps(g, "asg/master")) {
    EXPECT_EQ(dep.find("listener"), std::string::npos) << dep;
    EXPECT_NE(dep, "nlb/api-ext");
  }
  EXPECT_TRUE(Node(g, "asg/worker").props["target_group_arns"].empty());
}

TEST(BuildGraphTest, CriticalPathRunsThroughTheApiLoadBalancer) {
  engine::Graph g = Build(DefaultConfig());
  auto path = engine::ComputeCriticalPath(g, RealisticLatencyTable(), kApiCallSeconds);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_FALSE(path->keys.empty());
  EXPECT_EQ(path->keys.front(), "vpc");
  EXPECT_EQ(path->keys.back(), "dns/api");
  EXPECT_NE(std::find(path->keys.begin(), path->keys.end(), "nlb/api-ext"), path->keys.end());
  // vpc + subnet + NLB + record: 0.9 + 0.6 + 180 + 45 (the NAT chain is shorter).
  EXPECT_NEAR(path->seconds, 226.5, 0.01);
}

TEST(BuildGraphTest, InternalApiHasNoPublicLoadBalancer) {
  auto config = DefaultConfig();
  config.networking.api_access = model::ApiAccess::kInternal;
  engine::Graph g = Build(config);
  EXPECT_EQ(g.Find("nlb/api-ext"), nullptr);
  EXPECT_EQ(g.Find("nlb/api-ext/tg"), nullptr);
  EXPECT_EQ(Node(g, "nlb/console").props["scheme"], "internal");
  EXPECT_EQ(Node(g, "dns/api").props["alias"]["dns_name"], engine::Ref("nlb/api-int", "dns_name"));
  EXPECT_EQ(Node(g, "asg/master").props["target_group_arns"].size(), 3u);
  ForEachString(Node(g, "sg/master/rules").props["ingress"], [](const std::string& s) {
    EXPECT_NE(s, "0.0.0.0/0") << "internal API must not open masters to the world";
  });
}

TEST(BuildGraphTest, MasterSshComesFromTheSettingAndNoHttpFromTheWorld) {
  auto ssh_sources = [](const engine::Graph& g) {
    std::vector<std::string> out;
    for (const auto& rule : Node(g, "sg/master/rules").props["ingress"]) {
      if (rule["from_port"] == 80) ADD_FAILURE() << "port 80 is open on masters";
      if (rule["from_port"] == 22) out.push_back(rule["cidr"]);
    }
    return out;
  };
  auto config = DefaultConfig();
  EXPECT_EQ(ssh_sources(Build(config)), std::vector<std::string>{config.aws.vpc.cidr});
  config.networking.ssh_source_cidr = "203.0.113.7/32";
  EXPECT_EQ(ssh_sources(Build(config)), std::vector<std::string>{"203.0.113.7/32"});
}

TEST(BuildGraphTest, ExistingVpcBorrowsAndNeverDeletes) {
  auto config = testing::ExistingVpcConfig();
  auto in = testing::ExistingVpcInputs(config);
  engine::Graph g = Build(config, in);
  EXPECT_TRUE(Node(g, "vpc").shared);
  EXPECT_EQ(Node(g, "vpc").props["existing_id"], "vpc-0a1b2c3d4e5f60718");
  EXPECT_TRUE(Node(g, "igw").shared);
  EXPECT_EQ(Node(g, "igw").props["existing_id"], "igw-0fedcba9876543210");
  EXPECT_EQ(g.Find("igw/attach"), nullptr);
  EXPECT_EQ(Node(g, "tag/vpc").kind, "ec2.tag");
  EXPECT_EQ(Node(g, "tag/vpc").props["tags"][std::string("kubernetes.io/cluster/") + kClusterId],
            "shared");
  // The exactly-equal subnet is reused by id, shared, without our route table association.
  const auto& reused = Node(g, "subnet/master/us-east-1a");
  EXPECT_TRUE(reused.shared);
  EXPECT_EQ(reused.props["existing_id"], "subnet-0aaaaaaaaaaaaaaaa");
  EXPECT_EQ(g.Find("rtbassoc/master/us-east-1a"), nullptr);
  EXPECT_NE(g.Find("tag/subnet/master/us-east-1a"), nullptr);
  EXPECT_FALSE(Node(g, "subnet/master/us-east-1b").shared);
  EXPECT_EQ(Node(g, "subnet/master/us-east-1b").props["cidr"], "10.20.16.0/20");
  // NAT and route tables are ours.
  EXPECT_FALSE(Node(g, "nat/us-east-1a").shared);
  EXPECT_EQ(Deps(g, "nat/us-east-1a"),
            (std::vector<std::string>{"eip/us-east-1a", "igw", "subnet/master/us-east-1a"}));
  for (const auto& node : g.nodes) {
    if (node.shared) {
      EXPECT_FALSE(node.props.contains("tags")) << node.key;
    }
  }
  // The engine plans shared nodes as "shared": found, never created nor deleted.
  auto plan = engine::Plan(g, {}, RealisticLatencyTable(), nullptr, kApiCallSeconds);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  int shared = 0;
  for (const auto& node : plan->nodes) {
    EXPECT_NE(node.action, engine::PlanAction::kDelete) << node.key;
    if (node.key == "vpc" || node.key == "igw" || node.key == "subnet/master/us-east-1a") {
      EXPECT_EQ(node.action, engine::PlanAction::kShared) << node.key;
      ++shared;
    }
  }
  EXPECT_EQ(shared, 3);
}

TEST(BuildGraphTest, ExistingVpcRejectsOverlapsAndUnknownSubnets) {
  auto config = testing::ExistingVpcConfig();
  auto in = testing::ExistingVpcInputs(config);
  in.existing_vpc.subnets["subnet-0ccccccccccccccccc"] = {"10.20.20.0/24", "us-east-1c"};
  auto overlap = BuildGraph(config, in);
  ASSERT_FALSE(overlap.ok());
  EXPECT_NE(overlap.status().message().find("subnet-0ccccccccccccccccc"), std::string::npos);

  auto by_id = testing::ExistingVpcConfig();
  by_id.aws.vpc.master_subnets = {"subnet-0aaaaaaaaaaaaaaaa", "10.20.16.0/20", "subnet-0dddd"};
  auto unknown = BuildGraph(by_id, testing::ExistingVpcInputs(by_id));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("subnet-0dddd"), std::string::npos);

  // A subnet id in a new VPC makes no sense.
  auto fresh = DefaultConfig();
  fresh.aws.vpc.master_subnets = {"subnet-0aaaaaaaaaaaaaaaa", "10.0.16.0/20", "10.0.32.0/20"};
  EXPECT_FALSE(BuildGraph(fresh, DefaultInputs(fresh)).ok());
}

TEST(BuildGraphTest, MissingInputsAreReported) {
  auto config = DefaultConfig();
  auto in = DefaultInputs(config);
  config.aws.zones.clear();
  EXPECT_EQ(BuildGraph(config, in).status().code(), StatusCode::kInvalidInput);
  in.zones = {"us-east-1a", "us-east-1b"};  // resolved zones win over the empty config
  EXPECT_TRUE(BuildGraph(config, in).ok());

  auto missing = DefaultInputs(config);
  missing.zones = in.zones;
  missing.ignition.erase("etcd-2");
  auto result = BuildGraph(config, missing);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("etcd-2"), std::string::npos);

  auto internal = config;
  internal.name = "internal";
  EXPECT_FALSE(BuildGraph(internal, in).ok());  // LB names may not start with "internal-"
  internal.name = "internals";
  EXPECT_TRUE(BuildGraph(internal, in).ok());

  auto no_ami = in;
  no_ami.ami_id.clear();
  EXPECT_FALSE(BuildGraph(config, no_ami).ok());
  auto no_zone = in;
  no_zone.public_zone_id.clear();
  EXPECT_FALSE(BuildGraph(config, no_zone).ok());
}

TEST(BuildGraphTest, UserDataPointsAtTheRoleObject) {
  auto config = DefaultConfig();
  auto in = DefaultInputs(config);
  engine::Graph g = Build(config, in);
  const std::string bucket = Node(g, "s3/bucket").props["name"];
  EXPECT_EQ(Node(g, "lt/master").props["user_data"]["ignition_url"],
            "s3://" + bucket + "/ignition/master.ign");
  EXPECT_EQ(Node(g, "lt/master").props["user_data"]["ignition_sha512"],
            in.ignition["master"].sha512);
  EXPECT_EQ(Node(g, "etcd/2").props["user_data"]["ignition_url"],
            "s3://" + bucket + "/ignition/etcd-2.ign");
  EXPECT_EQ(Node(g, "s3/ignition/etcd-2").props["key"], "ignition/etcd-2.ign");
  EXPECT_EQ(Node(g, "dns/etcd/1").props["name"], "etcd-1.demo.example.com");
  EXPECT_EQ(Node(g, "dns/api").props["name"], "demo-api.example.com");
  EXPECT_EQ(Node(g, "dns/api").props["zone_id"], "Z0123456789ABCDEFGHIJ");
  EXPECT_EQ(Node(g, "zone/private").props["name"], "demo.example.com");
}

TEST(BuildGraphTest, IsDeterministic) {
  auto config = DefaultConfig();
  EXPECT_EQ(GraphToJson(Build(config)).dump(), GraphToJson(Build(config)).dump());
}

}  // namespace
}  // namespace tectonic::topology
