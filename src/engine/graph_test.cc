#include "engine/graph.h"

#include <gtest/gtest.h>

namespace tectonic::engine {
namespace {

Graph Sample() {
  Graph g;
  g.nodes.push_back({"vpc", "ec2.vpc", {{"cidr", "10.0.0.0/16"}}, {}, false});
  g.nodes.push_back({"igw", "ec2.igw", {{"vpc_id", Ref("vpc")}}, {}, false});
  g.nodes.push_back(
      {"subnet/a", "ec2.subnet", {{"vpc_id", Ref("vpc")}, {"tags", {{"x", 1}}}}, {}, false});
  g.nodes.push_back({"nat/a",
                     "ec2.nat",
                     {{"subnet_id", Ref("subnet/a")}, {"list", {Ref("vpc", "cidr")}}},
                     {"igw"},
                     false});
  return g;
}

TEST(GraphTest, AllDepsMergesExplicitAndNestedRefsSortedUnique) {
  Graph g = Sample();
  EXPECT_EQ(Graph::AllDeps(*g.Find("nat/a")), (std::vector<std::string>{"igw", "subnet/a", "vpc"}));
  EXPECT_TRUE(Graph::AllDeps(*g.Find("vpc")).empty());
  EXPECT_EQ(g.Find("nope"), nullptr);
}

TEST(GraphTest, RefShape) {
  EXPECT_EQ(Ref("vpc"), (nlohmann::json{{"$ref", "vpc"}, {"attr", "id"}}));
  EXPECT_TRUE(IsRef(Ref("a", "arn")));
  EXPECT_FALSE(IsRef(nlohmann::json{{"ref", "a"}}));
}

TEST(GraphTest, ValidatesAndOrders) {
  Graph g = Sample();
  EXPECT_TRUE(ValidateGraph(g).ok());
  auto order = TopologicalOrder(g);
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(*order, (std::vector<std::string>{"vpc", "igw", "subnet/a", "nat/a"}));
}

TEST(GraphTest, UnknownDependencyIsInvalidInput) {
  Graph g = Sample();
  g.nodes[1].deps.push_back("ghost");
  Status s = ValidateGraph(g);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("ghost"), std::string::npos);
}

TEST(GraphTest, DuplicateKeyIsInvalidInput) {
  Graph g = Sample();
  g.nodes.push_back({"igw", "ec2.igw", {}, {}, false});
  Status s = ValidateGraph(g);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("duplicate graph key igw"), std::string::npos);
}

TEST(GraphTest, CycleIsReportedWithItsPath) {
  Graph g = Sample();
  g.nodes[0].deps.push_back("nat/a");  // vpc -> nat/a -> ... -> vpc
  Status s = ValidateGraph(g);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("cycle"), std::string::npos);
  EXPECT_NE(s.message().find("vpc -> nat/a"), std::string::npos) << s.message();
  EXPECT_FALSE(TopologicalOrder(g).ok());
}

TEST(GraphTest, ResolvePropsReplacesNestedRefs) {
  Graph g = Sample();
  std::map<std::string, nlohmann::json> outputs = {
      {"vpc", {{"id", "vpc-1"}, {"cidr", "10.0.0.0/16"}}}, {"subnet/a", {{"id", "subnet-9"}}}};
  auto resolved = ResolveProps(g.Find("nat/a")->props, outputs);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(*resolved, (nlohmann::json{{"subnet_id", "subnet-9"}, {"list", {"10.0.0.0/16"}}}));
}

TEST(GraphTest, ResolvePropsFailsOnMissingAttributeOrKey) {
  std::map<std::string, nlohmann::json> outputs = {{"vpc", {{"id", "vpc-1"}}}};
  auto missing_attr = ResolveProps({{"a", Ref("vpc", "arn")}}, outputs);
  EXPECT_EQ(missing_attr.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(missing_attr.status().message().find("arn"), std::string::npos);
  auto missing_key = ResolveProps({{"a", Ref("igw")}}, outputs);
  EXPECT_FALSE(missing_key.ok());
}

}  // namespace
}  // namespace tectonic::engine
