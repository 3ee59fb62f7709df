// The network part of a cluster run through the real engine against moto: Apply creates it,
// a second Apply finds everything and makes no mutating call, Destroy leaves nothing tagged
// with the cluster id, and moto's default VPC is untouched.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>

#include "engine/destroy.h"
#include "engine/executor.h"
#include "engine/journal.h"
#include "resources/network_test_fixture.h"

namespace tectonic::resources {
namespace {

using engine::Graph;
using engine::NodeSpec;
using engine::Ref;
using nlohmann::json;

class NetworkGraphTest : public NetworkMotoTest {
 protected:
  // Taggable node: props.tags as the topology writes them (= the node context's tags).
  NodeSpec Node(const std::string& key, const std::string& kind, json props, bool tagged = true) {
    if (tagged) props["tags"] = Ctx(key, kind).tags;
    return NodeSpec{key, kind, std::move(props), {}, false};
  }

  json Rule(const std::string& protocol, int from, int to, json source,
            const std::string& description) {
    json rule = {
        {"protocol", protocol}, {"from_port", from}, {"to_port", to}, {"description", description}};
    if (source.is_string()) {
      rule["cidr"] = source;
    } else {
      rule["source_security_group_id"] = source;
    }
    return rule;
  }

  Graph NetworkGraph() {
    const std::string a = "us-east-1a";
    json egress = json::array({Rule("-1", 0, 0, "0.0.0.0/0", "all egress")});
    Graph g;
    g.nodes = {
        Node("vpc", "ec2.vpc",
             {{"cidr", "10.40.0.0/16"},
              {"enable_dns_support", true},
              {"enable_dns_hostnames", true}}),
        Node("igw", "ec2.internet_gateway", json::object()),
        Node("igw/attach", "ec2.igw_attachment",
             {{"internet_gateway_id", Ref("igw")}, {"vpc_id", Ref("vpc")}}, false),
        Node("subnet/master/" + a, "ec2.subnet",
             {{"vpc_id", Ref("vpc")},
              {"cidr", "10.40.0.0/20"},
              {"availability_zone", a},
              {"map_public_ip_on_launch", true}}),
        Node("subnet/worker/" + a, "ec2.subnet",
             {{"vpc_id", Ref("vpc")},
              {"cidr", "10.40.128.0/20"},
              {"availability_zone", a},
              {"map_public_ip_on_launch", false}}),
        Node("rtb/public", "ec2.route_table", {{"vpc_id", Ref("vpc")}}),
        Node("route/public", "ec2.route",
             {{"route_table_id", Ref("rtb/public")},
              {"destination_cidr_block", "0.0.0.0/0"},
              {"gateway_id", Ref("igw")}},
             false),
        Node("rtbassoc/master/" + a, "ec2.route_table_association",
             {{"route_table_id", Ref("rtb/public")}, {"subnet_id", Ref("subnet/master/" + a)}},
             false),
        Node("eip/" + a, "ec2.eip", {{"domain", "vpc"}}),
        Node("nat/" + a, "ec2.nat_gateway",
             {{"subnet_id", Ref("subnet/master/" + a)},
              {"allocation_id", Ref("eip/" + a)},
              {"connectivity_type", "public"}}),
        Node("rtb/private/" + a, "ec2.route_table", {{"vpc_id", Ref("vpc")}}),
        Node("route/private/" + a, "ec2.route",
             {{"route_table_id", Ref("rtb/private/" + a)},
              {"destination_cidr_block", "0.0.0.0/0"},
              {"nat_gateway_id", Ref("nat/" + a)}},
             false),
        Node(
            "rtbassoc/worker/" + a, "ec2.route_table_association",
            {{"route_table_id", Ref("rtb/private/" + a)}, {"subnet_id", Ref("subnet/worker/" + a)}},
            false),
        Node("sg/master", "ec2.security_group",
             {{"vpc_id", Ref("vpc")}, {"group_name", "resnet-master"}, {"description", "m"}}),
        Node("sg/worker", "ec2.security_group",
             {{"vpc_id", Ref("vpc")}, {"group_name", "resnet-worker"}, {"description", "w"}}),
        Node("sg/master/rules", "ec2.security_group_rules",
             {{"group_id", Ref("sg/master")},
              {"egress", egress},
              {"ingress", json::array({Rule("tcp", 22, 22, "0.0.0.0/0", "SSH"),
                                       Rule("tcp", 10250, 10250, Ref("sg/worker"), "kubelet"),
                                       Rule("-1", 0, 0, Ref("sg/master"), "self")})}},
             false),
        Node("sg/worker/rules", "ec2.security_group_rules",
             {{"group_id", Ref("sg/worker")},
              {"egress", egress},
              {"ingress", json::array({Rule("tcp", 10250, 10250, Ref("sg/master"), "kubelet"),
                                       Rule("udp", 4789, 4789, Ref("sg/worker"), "VXLAN")})}},
             false),
    };
    // The NAT gateway needs the attached gateway (KINDS.md: Gateway.NotAttached).
    g.nodes[9].deps = {"igw/attach"};
    return g;
  }

  engine::ExecutorOptions Options() {
    engine::ExecutorOptions options;
    options.identity = identity_;
    options.scheduler.backoff_base = std::chrono::milliseconds(50);
    options.scheduler.backoff_cap = std::chrono::milliseconds(500);
    options.scheduler.default_deadline = std::chrono::minutes(2);
    return options;
  }
};

// Counts the calls whose name does not start with Describe (the mutating ones).
class MutationCounter {
 public:
  explicit MutationCounter(aws::AwsClient& client) : client_(client) {
    client_.SetObserver([this](const aws::CallRecord& record) {
      std::lock_guard<std::mutex> lock(mu_);
      std::string name(record.operation->name);
      if (!name.starts_with("Describe")) mutating_.insert(name);
      ++total_;
    });
  }
  ~MutationCounter() { client_.SetObserver(nullptr); }
  std::set<std::string> mutating() {
    std::lock_guard<std::mutex> lock(mu_);
    return mutating_;
  }
  int total() {
    std::lock_guard<std::mutex> lock(mu_);
    return total_;
  }

 private:
  aws::AwsClient& client_;
  std::mutex mu_;
  std::set<std::string> mutating_;
  int total_ = 0;
};

std::string Summary(const engine::Report& report) {
  std::string out = report.status.ToString() + "\n";
  for (const auto& node : report.nodes) {
    out += node.key + " " + std::string(engine::OutcomeName(node.outcome)) + " " +
           (node.status.ok() ? "" : node.status.ToString()) + "\n";
  }
  return out;
}

TEST_F(NetworkGraphTest, ApplyTwiceThenDestroyLeavesNothing) {
  json default_vpcs_before = Judge(
      "[v['VpcId'] for v in ec2.describe_vpcs(Filters=[{'Name': 'is-default', "
      "'Values': ['true']}])['Vpcs']]");
  ASSERT_EQ(default_vpcs_before.size(), 1u) << default_vpcs_before.dump();
  json default_subnets_before = Judge(
      "sorted(s['SubnetId'] for s in ec2.describe_subnets(Filters=[{'Name': 'vpc-id', "
      "'Values': ['" +
      default_vpcs_before[0].get<std::string>() + "']}])['Subnets'])");

  testing::TempDir dir("tectonic-resnet-journal");
  auto journal = engine::Journal::Open(dir.path() + "/journal.db");
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  Graph graph = NetworkGraph();
  const size_t n = graph.nodes.size();

  engine::Executor first(*registry_, **journal, Options());
  engine::Report applied = first.Apply(graph);
  ASSERT_TRUE(applied.status.ok()) << Summary(applied);
  EXPECT_EQ(applied.counts["created"], static_cast<int>(n)) << Summary(applied);

  // The judge: the wiring the graph asked for.
  json tagged = TaggedWithCluster();
  EXPECT_EQ(tagged["vpcs"].size(), 1u);
  EXPECT_EQ(tagged["subnets"].size(), 2u);
  EXPECT_EQ(tagged["igws"].size(), 1u);
  EXPECT_EQ(tagged["rtbs"].size(), 2u);
  EXPECT_EQ(tagged["eips"].size(), 1u);
  EXPECT_EQ(tagged["nats"].size(), 1u);
  EXPECT_EQ(tagged["sgs"].size(), 2u);
  std::string vpc_id = tagged["vpcs"][0];
  json routes = Judge(
      "sorted((t['Tags'] and [x['Value'] for x in t['Tags'] if x['Key'] == "
      "'tectonic.io/resource'][0], [a['SubnetId'] for a in t['Associations'] if not "
      "a.get('Main')] != [], [r.get('GatewayId', r.get('NatGatewayId')) for r in t['Routes'] if "
      "r.get('DestinationCidrBlock') == '0.0.0.0/0'][0][:4]) for t in "
      "ec2.describe_route_tables(Filters=[{'Name': 'vpc-id', 'Values': ['" +
      vpc_id +
      "']}, "
      "{'Name': 'tag:tectonicClusterID', 'Values': ['" +
      identity_.cluster_id +
      "']}])"
      "['RouteTables'])");
  EXPECT_EQ(routes, json::parse(R"([["rtb/private/us-east-1a", true, "nat-"],
                                    ["rtb/public", true, "igw-"]])"));

  // Second run: everything is found, nothing is mutated.
  {
    MutationCounter counter(*session_->client);
    engine::Executor second(*registry_, **journal, Options());
    engine::Report again = second.Apply(graph);
    ASSERT_TRUE(again.status.ok()) << Summary(again);
    EXPECT_EQ(again.counts["found"], static_cast<int>(n)) << Summary(again);
    EXPECT_EQ(again.counts["created"], 0);
    EXPECT_TRUE(counter.mutating().empty()) << *counter.mutating().begin();
    EXPECT_GT(counter.total(), 0);
  }
  // Same without the journal: found by tags and natural keys.
  {
    testing::TempDir fresh_dir("tectonic-resnet-journal2");
    auto fresh = engine::Journal::Open(fresh_dir.path() + "/journal.db");
    ASSERT_TRUE(fresh.ok());
    MutationCounter counter(*session_->client);
    engine::Executor third(*registry_, **fresh, Options());
    engine::Report again = third.Apply(graph);
    ASSERT_TRUE(again.status.ok()) << Summary(again);
    EXPECT_EQ(again.counts["found"], static_cast<int>(n)) << Summary(again);
    EXPECT_TRUE(counter.mutating().empty()) << *counter.mutating().begin();
  }

  engine::ExecutorOptions destroy_options = Options();
  destroy_options.scheduler.keep_going = true;
  engine::Report destroyed = engine::Destroy(&graph, **journal, *registry_, destroy_options);
  ASSERT_TRUE(destroyed.status.ok()) << Summary(destroyed);
  EXPECT_EQ(destroyed.counts["deleted"], static_cast<int>(n)) << Summary(destroyed);

  tagged = TaggedWithCluster();
  for (const auto& [kind, ids] : tagged.items()) {
    EXPECT_TRUE(ids.empty()) << kind << " left: " << ids.dump();
  }
  EXPECT_EQ(Judge("len(ec2.describe_vpcs(Filters=[{'Name': 'vpc-id', 'Values': ['" + vpc_id +
                  "']}])['Vpcs'])"),
            0);
  json default_vpcs_after = Judge(
      "[v['VpcId'] for v in ec2.describe_vpcs(Filters=[{'Name': 'is-default', "
      "'Values': ['true']}])['Vpcs']]");
  EXPECT_EQ(default_vpcs_after, default_vpcs_before);
  EXPECT_EQ(Judge("sorted(s['SubnetId'] for s in ec2.describe_subnets(Filters=[{'Name': "
                  "'vpc-id', 'Values': ['" +
                  default_vpcs_before[0].get<std::string>() + "']}])['Subnets'])"),
            default_subnets_before);
  auto entries = (*journal)->LoadAll();
  ASSERT_TRUE(entries.ok());
  EXPECT_TRUE(entries->empty());
}

}  // namespace
}  // namespace tectonic::resources
