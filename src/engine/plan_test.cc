#include "engine/plan.h"

#include <gtest/gtest.h>

namespace tectonic::engine {
namespace {

Graph Diamond() {
  Graph g;
  g.nodes.push_back({"vpc", "ec2.vpc", {}, {}, false});
  g.nodes.push_back({"subnet", "ec2.subnet", {{"v", Ref("vpc")}}, {}, false});
  g.nodes.push_back({"nat", "ec2.nat", {{"s", Ref("subnet")}}, {}, false});
  g.nodes.push_back({"nlb", "elbv2.nlb", {{"s", Ref("subnet")}}, {}, false});
  g.nodes.push_back({"route", "ec2.route", {{"n", Ref("nat")}}, {}, false});
  g.nodes.push_back({"record", "route53.record", {{"l", Ref("nlb")}}, {}, false});
  g.nodes.push_back({"instance", "ec2.instance", {{"s", Ref("subnet")}}, {"route"}, false});
  return g;
}

const LatencyTable kLatency = {{"ec2.vpc", 1},      {"ec2.subnet", 1}, {"ec2.nat", 100},
                               {"elbv2.nlb", 150},  {"ec2.route", 1},  {"route53.record", 60},
                               {"ec2.instance", 40}};

TEST(PlanTest, CriticalPathIsTheLongestChain) {
  auto path = ComputeCriticalPath(Diamond(), kLatency);
  ASSERT_TRUE(path.ok());
  // nlb + record = 210 beats nat + route + instance = 141.
  EXPECT_EQ(path->keys, (std::vector<std::string>{"vpc", "subnet", "nlb", "record"}));
  EXPECT_DOUBLE_EQ(path->seconds, 212);
  LatencyTable slow_nat = kLatency;
  slow_nat["ec2.nat"] = 600;
  path = ComputeCriticalPath(Diamond(), slow_nat);
  EXPECT_EQ(path->keys, (std::vector<std::string>{"vpc", "subnet", "nat", "route", "instance"}));
  EXPECT_DOUBLE_EQ(path->seconds, 643);
}

TEST(PlanTest, ActionsFromTheJournal) {
  Graph g = Diamond();
  g.nodes[0].shared = true;
  std::vector<JournalEntry> journal(3);
  journal[0].key = "subnet";
  journal[0].kind = "ec2.subnet";
  journal[0].state = NodeState::kReady;
  journal[1].key = "nat";
  journal[1].kind = "ec2.nat";
  journal[1].state = NodeState::kCreating;
  journal[2].key = "old-sg";
  journal[2].kind = "ec2.sg";
  journal[2].state = NodeState::kReady;
  journal[2].deps = {"vpc"};
  auto plan = Plan(g, journal, kLatency);
  ASSERT_TRUE(plan.ok());
  std::map<std::string, PlanAction> actions;
  for (const auto& n : plan->nodes) actions[n.key] = n.action;
  EXPECT_EQ(actions["vpc"], PlanAction::kShared);
  EXPECT_EQ(actions["subnet"], PlanAction::kExists);
  EXPECT_EQ(actions["nat"], PlanAction::kCreate);
  EXPECT_EQ(actions["old-sg"], PlanAction::kDelete);
  EXPECT_EQ(plan->summary["create"], 5);
  EXPECT_EQ(plan->summary["exists"], 1);
  EXPECT_EQ(plan->summary["delete"], 1);
  // Existing work weighs nothing.
  EXPECT_DOUBLE_EQ(plan->critical_path.seconds, 210);
}

TEST(PlanTest, FinderTurnsCreateIntoExists) {
  auto plan = Plan(Diamond(), {}, kLatency,
                   [](const NodeSpec& node) -> Result<bool> { return node.key == "nlb"; });
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->summary["exists"], 1);
  EXPECT_EQ(plan->critical_path.keys.back(), "instance");
  auto failing = Plan(Diamond(), {}, kLatency, [](const NodeSpec&) -> Result<bool> {
    return Status::PermissionDenied("no");
  });
  EXPECT_EQ(failing.status().code(), StatusCode::kPermissionDenied);
}

TEST(PlanTest, RendersJsonAndText) {
  auto plan = Plan(Diamond(), {}, kLatency);
  ASSERT_TRUE(plan.ok());
  nlohmann::json j = RenderPlanJson(*plan);
  auto round = nlohmann::json::parse(j.dump());
  ASSERT_EQ(round["nodes"].size(), 7u);
  EXPECT_EQ(round["nodes"][0]["key"], "vpc");
  EXPECT_EQ(round["nodes"][0]["action"], "create");
  EXPECT_EQ(round["nodes"][1]["deps"], nlohmann::json::array({"vpc"}));
  EXPECT_EQ(round["critical_path"]["seconds"], 212);
  EXPECT_EQ(round["critical_path"]["keys"].size(), 4u);
  EXPECT_EQ(round["summary"]["create"], 7);
  std::string text = RenderPlanText(*plan);
  EXPECT_NE(text.find("ACTION"), std::string::npos);
  EXPECT_NE(text.find("create   subnet"), std::string::npos) << text;
  EXPECT_NE(text.find("Plan: 7 create"), std::string::npos);
  EXPECT_NE(text.find("vpc -> subnet -> nlb -> record"), std::string::npos);
}

TEST(PlanTest, InvalidGraphIsAnError) {
  Graph g = Diamond();
  g.nodes[0].deps = {"record"};
  EXPECT_EQ(Plan(g, {}, kLatency).status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace tectonic::engine
