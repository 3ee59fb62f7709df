// BuildTemplate as a whole: every node accounted for, tags, DependsOn, parameters, outputs,
// nodes applied outside the stack, existing-VPC mode, errors, and the YAML rendering.
#include "cloudformation/template.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "cloudformation/test_util.h"

namespace tectonic::cloudformation {
namespace {

using namespace testing;  // NOLINT: test helpers

// The tag list of a resource, wherever its type keeps it.
Json TagsOf(const Json& resource) {
  const Json& props = resource["Properties"];
  if (props.contains("Tags")) return props["Tags"];
  if (props.contains("HostedZoneTags")) return props["HostedZoneTags"];
  if (props.contains("TagSpecifications")) return props["TagSpecifications"][0]["Tags"];
  return Json();
}

std::set<std::string> Referenced(const Json& value) {
  std::set<std::string> out;
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (k == "Ref" && v.is_string()) out.insert(v.get<std::string>());
      if (k == "Fn::GetAtt") out.insert(v[0].get<std::string>());
      auto inner = Referenced(v);
      out.insert(inner.begin(), inner.end());
    }
  } else if (value.is_array()) {
    for (const auto& v : value) {
      auto inner = Referenced(v);
      out.insert(inner.begin(), inner.end());
    }
  }
  return out;
}

TEST(LogicalIdTest, CamelCasesEveryKeyPart) {
  EXPECT_EQ(LogicalIdFor("subnet/master/us-east-1a"), "SubnetMasterUsEast1a");
  EXPECT_EQ(LogicalIdFor("nlb/console/listener/443"), "NlbConsoleListener443");
  EXPECT_EQ(LogicalIdFor("vpc"), "Vpc");
}

TEST(TemplateTest, EveryNodeIsAResourceOrListedAsLeftOut) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  std::set<std::string> left_out;
  for (const auto& left : tmpl.left_out) {
    EXPECT_EQ(left.kind, "s3.object") << left.key;
    left_out.insert(left.key);
  }
  EXPECT_EQ(left_out.size(), 5u);  // master, worker, etcd-0..2
  for (const auto& node : graph.nodes) {
    EXPECT_TRUE(left_out.count(node.key) || tmpl.logical_ids.count(node.key)) << node.key;
  }
  EXPECT_EQ(tmpl.body["Metadata"]["Tectonic"]["NotInStack"].size(), 5u);
  EXPECT_EQ(tmpl.body["AWSTemplateFormatVersion"], "2010-09-09");
}

TEST(TemplateTest, EveryTaggedNodeCarriesTheGraphTags) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  int checked = 0;
  for (const auto& node : graph.nodes) {
    if (!node.props.contains("tags") || node.kind == "iam.instance_profile") continue;
    const Json tags = TagsOf(Resource(tmpl, node.key));
    ASSERT_TRUE(tags.is_array()) << node.key;
    std::map<std::string, std::string> want = node.props["tags"];
    EXPECT_EQ(TagMap(tags), want) << node.key;
    EXPECT_EQ(TagMap(tags)["tectonic.io/resource"], node.key);
    EXPECT_EQ(TagMap(tags)[std::string("kubernetes.io/cluster/") + kClusterId], "owned");
    EXPECT_EQ(TagMap(tags)["team"], "platform");
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(TemplateTest, DependsOnHoldsOnlyEdgesNoReferenceImplies) {
  const engine::Graph graph = DefaultGraph();
  const Template tmpl = Build(graph);
  for (const auto& [id, resource] : tmpl.body["Resources"].items()) {
    if (!resource.contains("DependsOn")) continue;
    const auto referenced = Referenced(resource["Properties"]);
    for (const auto& dep : resource["DependsOn"]) {
      EXPECT_FALSE(referenced.count(dep.get<std::string>())) << id << " -> " << dep;
      EXPECT_TRUE(tmpl.body["Resources"].contains(dep.get<std::string>())) << id << " -> " << dep;
    }
  }
  // The NAT gateway waits for the attached gateway, which none of its properties names.
  const Json& nat = Resource(tmpl, "nat/us-east-1a");
  EXPECT_EQ(nat["DependsOn"], Json::array({"IgwAttach"}));
  // A node waiting for a rules node waits for every rule resource of it.
  const Json& etcd = Resource(tmpl, "etcd/0");
  ASSERT_GT(tmpl.logical_ids.at("sg/etcd/rules").size(), 1u);
  for (const auto& rule : tmpl.logical_ids.at("sg/etcd/rules")) {
    EXPECT_NE(std::find(etcd["DependsOn"].begin(), etcd["DependsOn"].end(), rule),
              etcd["DependsOn"].end())
        << rule;
  }
}

TEST(TemplateTest, ParametersDefaultToTheGraphAndReplaceItsValues) {
  auto config = topology::testing::DefaultConfig();
  config.nodes.workers.instance_type = "c5.xlarge";
  config.nodes.workers.count = 4;
  const Template tmpl = Build(GraphOf(config, topology::testing::DefaultInputs(config)));
  const Json& params = tmpl.body["Parameters"];
  EXPECT_EQ(params["WorkerInstanceType"]["Default"], "c5.xlarge");
  EXPECT_EQ(params["MasterInstanceType"]["Default"], "m5.large");
  EXPECT_EQ(params["WorkerCount"]["Default"], 4);
  EXPECT_EQ(params["WorkerMaxCount"]["Default"], 12);
  EXPECT_EQ(params["ImageId"]["Default"], "ami-0123456789abcdef0");
  EXPECT_EQ(params["AvailabilityZones"]["Default"], "us-east-1a,us-east-1b,us-east-1c");
  EXPECT_EQ(Props(tmpl, "asg/worker")["MaxSize"], Json({{"Ref", "WorkerMaxCount"}}));
  EXPECT_EQ(Props(tmpl, "lt/worker")["LaunchTemplateData"]["InstanceType"],
            Json({{"Ref", "WorkerInstanceType"}}));
  EXPECT_EQ(Props(tmpl, "etcd/2")["InstanceType"], Json({{"Ref", "EtcdInstanceType"}}));
  EXPECT_EQ(Props(tmpl, "etcd/2")["ImageId"], Json({{"Ref", "ImageId"}}));
}

TEST(TemplateTest, UnresolvedFactsBecomeParametersWithoutDefault) {
  auto config = topology::testing::DefaultConfig();
  auto in = topology::testing::DefaultInputs(config);
  in.ami_id = "(ami)";
  in.public_zone_id = "(zone)";
  TemplateOptions options = DefaultOptions();
  options.unresolved["(ami)"] = {"ImageId", "AWS::EC2::Image::Id", "the AMI"};
  options.unresolved["(zone)"] = {"PublicHostedZoneId", "AWS::Route53::HostedZone::Id", "zone"};
  const Template tmpl = Build(GraphOf(config, in), options);
  const Json& params = tmpl.body["Parameters"];
  EXPECT_FALSE(params["ImageId"].contains("Default"));
  EXPECT_EQ(params["PublicHostedZoneId"]["Type"], "AWS::Route53::HostedZone::Id");
  EXPECT_EQ(Props(tmpl, "dns/api")["HostedZoneId"], Json({{"Ref", "PublicHostedZoneId"}}));
  EXPECT_EQ(tmpl.body.dump().find("(zone)"), std::string::npos);
}

TEST(TemplateTest, OutputsNameTheEndpointsClusterAndVpc) {
  const Template tmpl = Build(DefaultGraph());
  const Json& outputs = tmpl.body["Outputs"];
  EXPECT_EQ(outputs["ApiUrl"]["Value"], "https://demo-api.example.com");
  EXPECT_EQ(outputs["ConsoleUrl"]["Value"], "https://demo.example.com");
  EXPECT_EQ(outputs["ClusterId"]["Value"], kClusterId);
  EXPECT_EQ(outputs["VpcId"]["Value"], Ref("vpc"));
}

TEST(TemplateTest, NodesAppliedOutsideBecomeLiterals) {
  TemplateOptions options = DefaultOptions();
  const std::string arn = "arn:aws:kms:us-east-1:123456789012:key/abc";
  options.applied_outside["kms/key"] = {{"id", "abc"}, {"arn", arn}};
  options.applied_outside["s3/bucket"] = {{"id", "demo-tectonic-0b8a3c1e5f2d"}};
  const Template tmpl = Build(DefaultGraph(), options);
  EXPECT_TRUE(Resource(tmpl, "kms/key").is_null());
  EXPECT_TRUE(Resource(tmpl, "s3/bucket").is_null());
  EXPECT_EQ(Props(tmpl, "kms/alias")["TargetKeyId"], "abc");
  const Json& statements = Props(tmpl, "iam/master/policy")["PolicyDocument"]["Statement"];
  EXPECT_NE(statements.dump().find(arn), std::string::npos);
  // Nothing in the stack waits for what is already there.
  EXPECT_FALSE(Resource(tmpl, "iam/master/policy").contains("DependsOn"));
}

TEST(TemplateTest, ExistingVpcIsReferencedByIdAndNeverTagged) {
  auto config = topology::testing::ExistingVpcConfig();
  const Template tmpl = Build(GraphOf(config, topology::testing::ExistingVpcInputs(config)));
  EXPECT_TRUE(Resource(tmpl, "vpc").is_null());
  EXPECT_EQ(Props(tmpl, "sg/master")["VpcId"], "vpc-0a1b2c3d4e5f60718");
  EXPECT_EQ(Props(tmpl, "route/public")["GatewayId"], "igw-0fedcba9876543210");
  std::set<std::string> kinds;
  for (const auto& left : tmpl.left_out) kinds.insert(left.kind);
  EXPECT_TRUE(kinds.count("ec2.tag"));
  EXPECT_TRUE(kinds.count("ec2.vpc"));
  EXPECT_EQ(tmpl.body["Outputs"]["VpcId"]["Value"], "vpc-0a1b2c3d4e5f60718");
}

TEST(TemplateTest, AKindWithoutMappingIsAnErrorNamingTheNode) {
  engine::Graph graph = DefaultGraph();
  graph.nodes.push_back({"future/thing", "ec2.future", nlohmann::json::object(), {}, false});
  auto tmpl = BuildTemplate(graph, DefaultOptions());
  ASSERT_FALSE(tmpl.ok());
  EXPECT_EQ(tmpl.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(tmpl.status().message().find("future/thing"), std::string::npos);
}

TEST(TemplateTest, AnUnmappedAttributeIsAnErrorNamingIt) {
  engine::Graph graph = DefaultGraph();
  for (auto& node : graph.nodes) {
    if (node.key == "asg/master") node.props["name"] = engine::Ref("vpc", "flow_logs");
  }
  auto tmpl = BuildTemplate(graph, DefaultOptions());
  ASSERT_FALSE(tmpl.ok());
  EXPECT_NE(tmpl.status().message().find("flow_logs"), std::string::npos);
  EXPECT_NE(tmpl.status().message().find("asg/master"), std::string::npos);
}

TEST(TemplateTest, YamlReadsBackAsTheSameTemplate) {
  const Template tmpl = Build(DefaultGraph());
  const YAML::Node yaml = YAML::Load(RenderYaml(tmpl));
  EXPECT_EQ(yaml["Resources"].size(), tmpl.body["Resources"].size());
  // Quoted: a port given as a string stays a string, a number stays a number.
  const YAML::Node tg = yaml["Resources"]["NlbApiExtTg"]["Properties"];
  EXPECT_EQ(tg["HealthCheckPort"].Tag(), "!");
  EXPECT_EQ(tg["Port"].as<int>(), 443);
  EXPECT_EQ(yaml["AWSTemplateFormatVersion"].as<std::string>(), "2010-09-09");
  EXPECT_EQ(yaml["Resources"]["NatUsEast1a"]["DependsOn"][0].as<std::string>(), "IgwAttach");
}

TEST(TemplateTest, SameGraphSameBytes) {
  EXPECT_EQ(RenderJson(Build(DefaultGraph())), RenderJson(Build(DefaultGraph())));
}

}  // namespace
}  // namespace tectonic::cloudformation
