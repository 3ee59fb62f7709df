#include "engine/destroy.h"

#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace tectonic::engine {
namespace {

using std::chrono::seconds;

class DestroyTest : public EngineTest {
 protected:
  ExecutorOptions DestroyOptions() {
    ExecutorOptions options = Options();
    options.scheduler.keep_going = true;
    return options;
  }

  // Every node was deleted after all the nodes that depend on it.
  void ExpectReverseOrder(const Graph& graph) {
    for (const auto& node : graph.nodes) {
      long deleted = cloud_.FirstSeq("delete", node.key);
      if (deleted < 0) continue;
      for (const auto& dep : Graph::AllDeps(node)) {
        long dep_deleted = cloud_.FirstSeq("delete", dep);
        if (dep_deleted < 0) continue;
        EXPECT_LT(cloud_.LastSeq("wait_deleted", node.key), dep_deleted)
            << dep << " deleted before its dependant " << node.key;
      }
    }
  }
};

TEST_F(DestroyTest, DeletesInReverseDependencyOrderAndEmptiesTheJournal) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  Report report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.counts["deleted"], static_cast<int>(g.nodes.size()));
  for (const auto& node : g.nodes) EXPECT_FALSE(cloud_.IsLive(node.key)) << node.key;
  ExpectReverseOrder(g);
  EXPECT_TRUE(journal_->LoadAll()->empty());
  EXPECT_EQ(CountEvents(EventType::kNodeDeleted), static_cast<int>(g.nodes.size()));
}

TEST_F(DestroyTest, WorksFromTheJournalAloneWhenTheConfigIsGone) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  std::string vpc_id = cloud_.Live("vpc").value()["id"];
  Report report = Destroy(nullptr, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  for (const auto& node : g.nodes) EXPECT_FALSE(cloud_.IsLive(node.key)) << node.key;
  ExpectReverseOrder(g);
  // Handlers saw the resolved props the journal remembered.
  EXPECT_EQ(cloud_.PropsSeen("subnet/a").back()["vpc_id"], vpc_id);
}

TEST_F(DestroyTest, DependencyViolationIsRetriedUntilTheBlockerIsGone) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  // The NLB's network interfaces linger: the subnet refuses twice more after the NLB is gone.
  cloud_.SetScript("subnet/a", {.dependency_deletes = 3});
  cloud_.SetScript("vpc", {.blocked_by = {"subnet/a", "subnet/b"}});
  Report report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.Count("delete", "subnet/a"), 4);
  EXPECT_EQ(CountEvents(EventType::kNodeRetrying, "subnet/a"), 3);
  EXPECT_FALSE(cloud_.IsLive("vpc"));
  ExpectReverseOrder(g);
}

TEST_F(DestroyTest, DependencyPastTheDeadlineFailsButOtherNodesAreDeleted) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  cloud_.SetScript("subnet/a", {.dependency_deletes = 1000});
  ExecutorOptions options = DestroyOptions();
  options.scheduler.deadlines["ec2.subnet"] = seconds(120);
  Report report = Destroy(&g, *journal_, handlers_, options);
  EXPECT_EQ(report.status.code(), StatusCode::kFailed);
  EXPECT_EQ(report.first_failure_key, "subnet/a");
  EXPECT_EQ(report.Find("vpc")->outcome, Outcome::kSkipped);
  EXPECT_TRUE(cloud_.IsLive("vpc"));
  EXPECT_FALSE(cloud_.IsLive("role/master"));
  EXPECT_FALSE(cloud_.IsLive("subnet/b"));
  // What is left is still journaled, for the next attempt.
  EXPECT_TRUE(journal_->Get("subnet/a")->has_value());
  EXPECT_TRUE(journal_->Get("vpc")->has_value());
  EXPECT_FALSE(journal_->Get("subnet/b")->has_value());
}

TEST_F(DestroyTest, SharedNodesAreNeverDeleted) {
  Graph g = ClusterGraph();
  g.nodes[0].shared = true;
  cloud_.SetScript("vpc", {.live_initially = true});
  ASSERT_TRUE(Apply(g).status.ok());
  Report report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.Find("vpc")->outcome, Outcome::kKept);
  EXPECT_TRUE(cloud_.IsLive("vpc"));
  EXPECT_EQ(cloud_.Count("delete", "vpc"), 0);
  EXPECT_FALSE(cloud_.IsLive("subnet/a"));
}

TEST_F(DestroyTest, GraphNodesWithoutJournalEntriesAreFoundByTags) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  ASSERT_TRUE(journal_->Remove("igw").ok());  // e.g. killed before the id was committed
  Report report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_FALSE(cloud_.IsLive("igw"));
  EXPECT_EQ(cloud_.Count("find", "igw"), 2);  // apply's and destroy's
  EXPECT_EQ(report.Find("igw")->outcome, Outcome::kDeleted);
}

TEST_F(DestroyTest, NodesOnlyTheJournalRemembersAreDeletedToo) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  Graph smaller = g;
  smaller.nodes.erase(smaller.nodes.begin() + 12);  // record/api left the config
  Report report = Destroy(&smaller, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok());
  EXPECT_FALSE(cloud_.IsLive("record/api"));
  EXPECT_LT(cloud_.FirstSeq("wait_deleted", "record/api"), cloud_.FirstSeq("delete", "nlb/api"));
}

TEST_F(DestroyTest, AlreadyGoneResourcesAreAbsent) {
  Graph g = ClusterGraph();
  Report report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  EXPECT_EQ(report.status.code(), StatusCode::kInvalidInput);  // no handlers registered yet
  Register(g);
  report = Destroy(&g, *journal_, handlers_, DestroyOptions());
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.counts["absent"], static_cast<int>(g.nodes.size()));
  EXPECT_EQ(cloud_.CountOp("delete"), 0);
}

}  // namespace
}  // namespace tectonic::engine
