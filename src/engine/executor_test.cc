#include "engine/executor.h"

#include <gtest/gtest.h>

#include <atomic>

#include "engine/engine_test_util.h"

namespace tectonic::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

using ExecutorTest = EngineTest;

TEST_F(ExecutorTest, CreatesEverythingInDependencyOrderWithResolvedProps) {
  Graph g = ClusterGraph();
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.counts["created"], static_cast<int>(g.nodes.size()));
  for (const auto& node : g.nodes) {
    EXPECT_EQ(cloud_.Count("created", node.key), 1) << node.key;
    const NodeReport* nr = report.Find(node.key);
    ASSERT_NE(nr, nullptr);
    EXPECT_EQ(nr->outcome, Outcome::kCreated);
    EXPECT_TRUE(nr->finished);
  }
  ExpectDependencyOrder(g);
  // The subnet saw the VPC's id, not the reference.
  std::string vpc_id = cloud_.Live("vpc").value()["id"];
  EXPECT_EQ(cloud_.PropsSeen("subnet/a").front()["vpc_id"], vpc_id);
  EXPECT_EQ(cloud_.PropsSeen("nlb/api").front()["subnets"][1],
            cloud_.Live("subnet/b").value()["id"]);
  // Journal: every node ready with its outputs, deps and resolved props.
  auto entries = journal_->LoadAll();
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), g.nodes.size());
  for (const auto& e : *entries) {
    EXPECT_EQ(e.state, NodeState::kReady) << e.key;
    EXPECT_EQ(e.outputs["state"], "available");
  }
  auto subnet = journal_->Get("subnet/a");
  EXPECT_EQ((*subnet)->deps, (std::vector<std::string>{"vpc"}));
  EXPECT_EQ((*subnet)->props["vpc_id"], vpc_id);
  EXPECT_EQ(journal_->GetMeta("cluster_id")->value_or(""), "cluster-1");
  EXPECT_EQ(CountEvents(EventType::kNodeDone), static_cast<int>(g.nodes.size()));
}

TEST_F(ExecutorTest, ContextCarriesTagsAndStableClientToken) {
  NodeContext a =
      MakeNodeContext({"cluster-1", "demo", {{"owner", "me"}}}, "subnet/a", "ec2.subnet", false);
  NodeContext b = MakeNodeContext({"cluster-1", "demo", {}}, "subnet/a", "ec2.subnet", false);
  NodeContext c = MakeNodeContext({"cluster-2", "demo", {}}, "subnet/a", "ec2.subnet", false);
  EXPECT_EQ(a.client_token.size(), 32u);
  EXPECT_EQ(a.client_token, b.client_token);
  EXPECT_NE(a.client_token, c.client_token);
  EXPECT_EQ(a.tags["tectonic.io/resource"], "subnet/a");
  EXPECT_EQ(a.tags["Name"], "demo-subnet-a");
  EXPECT_EQ(a.tags["kubernetes.io/cluster/cluster-1"], "owned");
  EXPECT_EQ(a.tags["tectonicClusterID"], "cluster-1");
  EXPECT_EQ(a.tags["owner"], "me");
  // The token reaches the handler.
  Graph g;
  g.nodes.push_back({"subnet/a", "ec2.subnet", {}, {}, false});
  ASSERT_TRUE(Apply(g).status.ok());
  EXPECT_EQ(cloud_.Live("subnet/a").value()["token"], a.client_token);
}

TEST_F(ExecutorTest, SecondRunFindsEverythingAndCreatesNothing) {
  Graph g = ClusterGraph();
  ASSERT_TRUE(Apply(g).status.ok());
  int creates = cloud_.CountOp("create");
  Report again = Apply(g);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(cloud_.CountOp("create"), creates);
  EXPECT_EQ(again.counts["found"], static_cast<int>(g.nodes.size()));
  // Journaled outputs were handed to Find.
  EXPECT_EQ(cloud_.Count("find_journaled", "vpc"), 1);
  EXPECT_EQ(cloud_.CountOp("duplicate"), 0);
}

TEST_F(ExecutorTest, ExistingResourceIsFoundByTagsNotCreated) {
  Graph g = ClusterGraph();
  cloud_.SetScript("vpc", {.live_initially = true});
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.Find("vpc")->outcome, Outcome::kFound);
  EXPECT_EQ(cloud_.Count("create", "vpc"), 0);
  EXPECT_EQ(cloud_.PropsSeen("igw").back()["vpc_id"], "pre-vpc");
  EXPECT_EQ(CountEvents(EventType::kNodeFound, "vpc"), 1);
}

TEST_F(ExecutorTest, ThrottlingStormIsRetriedWithBackoff) {
  Graph g = ClusterGraph();
  cloud_.SetScript("subnet/a", {.throttled_creates = 6});
  cloud_.SetScript("vpc", {.throttled_finds = 2});
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.Count("create", "subnet/a"), 7);
  EXPECT_EQ(cloud_.Count("created", "subnet/a"), 1);
  EXPECT_EQ(CountEvents(EventType::kNodeRetrying, "subnet/a"), 6);
  // Backoff with random()=0.5: 0.5, 1, 2, 4, 8, 10 (capped at 20) seconds = 25.5s slept at least.
  EXPECT_GE(clock_.TotalSlept(), milliseconds(25500));
  ExpectDependencyOrder(g);
}

TEST_F(ExecutorTest, TransientCreateLooksAgainInsteadOfCreatingTwice) {
  Graph g = ClusterGraph();
  cloud_.SetScript("igw", {.transient_creates = 1});
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.Count("create", "igw"), 1);
  EXPECT_EQ(cloud_.Count("find", "igw"), 2);
  EXPECT_EQ(cloud_.CountOp("duplicate"), 0);
  EXPECT_EQ(report.Find("igw")->outcome, Outcome::kFound);
}

TEST_F(ExecutorTest, NotFoundRightAfterCreateIsWaitedOut) {
  Graph g = ClusterGraph();
  cloud_.SetScript("nat/a", {.inconsistent_waits = 3, .pending_waits = 4});
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.Count("wait", "nat/a"), 8);
  EXPECT_EQ(cloud_.Count("create", "nat/a"), 1);
  EXPECT_EQ(CountEvents(EventType::kNodeWaiting, "nat/a"), 4);
  ExpectDependencyOrder(g);
}

TEST_F(ExecutorTest, IamPropagationOnDependantCreateIsRetried) {
  Graph g = ClusterGraph();
  cloud_.SetScript("instance/m0", {.inconsistent_creates = 4});
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.Count("create", "instance/m0"), 5);
  EXPECT_EQ(cloud_.Count("created", "instance/m0"), 1);
  EXPECT_EQ(report.Find("instance/m0")->attempts, 1 + 5 + 1);  // find, creates, wait
}

TEST_F(ExecutorTest, RetriesStopAtTheNodeDeadline) {
  Graph g = ClusterGraph();
  cloud_.SetScript("role/master", {.throttled_creates = 1000});
  ExecutorOptions options = Options();
  options.scheduler.deadlines["iam.role"] = seconds(60);
  options.scheduler.random = [] { return 1.0; };
  Report report = Apply(g, options);
  EXPECT_EQ(report.status.code(), StatusCode::kFailed);
  EXPECT_EQ(report.first_failure_key, "role/master");
  EXPECT_NE(report.status.message().find("gave up"), std::string::npos) << report.status.message();
  EXPECT_NE(report.status.message().find("Throttled"), std::string::npos);
  // 1+2+4+8+16+20 = 51s of backoff fit in 60s; the next (20s) does not.
  EXPECT_EQ(cloud_.Count("create", "role/master"), 7);
  EXPECT_EQ(report.Find("role/master")->outcome, Outcome::kFailed);
  EXPECT_NE(report.Find("instance/m0")->outcome, Outcome::kCreated);
}

TEST_F(ExecutorTest, PollingPastTheDeadlineFails) {
  Graph g;
  g.nodes.push_back({"nat/a", "ec2.nat", {}, {}, false});
  cloud_.SetScript("nat/a", {.pending_waits = 100, .poll_after = seconds(15)});
  ExecutorOptions options = Options();
  options.scheduler.deadlines["ec2.nat"] = std::chrono::minutes(5);
  Report report = Apply(g, options);
  EXPECT_EQ(report.status.code(), StatusCode::kFailed);
  EXPECT_NE(report.status.message().find("deadline"), std::string::npos);
  EXPECT_LE(cloud_.Count("wait", "nat/a"), 21);
  EXPECT_GE(cloud_.Count("wait", "nat/a"), 19);
}

TEST_F(ExecutorTest, FinalErrorStopsNewWorkAndLetsInFlightCallsFinish) {
  Graph g;
  g.nodes.push_back({"bad", "iam.role", {}, {}, false});
  g.nodes.push_back({"slow", "ec2.vpc", {}, {}, false});
  for (int i = 0; i < 6; ++i) {
    g.nodes.push_back({"r" + std::to_string(i), "route53.record", {}, {}, false});
  }
  cloud_.SetScript("bad",
                   {.create_error = Status::PermissionDenied("not authorized: iam:CreateRole")});
  // "slow" is mid-Create when "bad" fails; its call must complete and be journaled.
  std::mutex mu;
  std::condition_variable cv;
  bool bad_failed = false;
  cloud_.on_call = [&](const std::string& op, const std::string& key) {
    if (op == "create" && key == "bad") {
      std::lock_guard lock(mu);
      bad_failed = true;
      cv.notify_all();
    }
    if (op == "create" && key == "slow") {
      std::unique_lock lock(mu);
      cv.wait_for(lock, seconds(10), [&] { return bad_failed; });
    }
  };
  ExecutorOptions options = Options();
  options.scheduler.pool_limits["route53"] = 1;
  Report report = Apply(g, options);
  EXPECT_EQ(report.status.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(report.first_failure_key, "bad");
  EXPECT_EQ(report.Find("bad")->outcome, Outcome::kFailed);
  // The in-flight create finished and is in the journal; its Wait never started.
  EXPECT_EQ(report.Find("slow")->outcome, Outcome::kCreated);
  EXPECT_FALSE(report.Find("slow")->finished);
  auto slow = journal_->Get("slow");
  ASSERT_TRUE(slow->has_value());
  EXPECT_EQ((*slow)->state, NodeState::kCreated);
  EXPECT_GT(report.counts["not started"], 0);
  // No node started after the failure was seen.
  bool failed_seen = false;
  for (const auto& e : events_.events()) {
    if (e.type == EventType::kNodeFailed) failed_seen = true;
    if (failed_seen) {
      EXPECT_NE(e.type, EventType::kNodeStarted) << e.key;
    }
  }
  EXPECT_TRUE(failed_seen);
}

TEST_F(ExecutorTest, PerPoolConcurrencyIsNeverExceeded) {
  Graph g;
  for (int i = 0; i < 12; ++i) g.nodes.push_back({"e" + std::to_string(i), "ec2.x", {}, {}, false});
  for (int i = 0; i < 6; ++i) g.nodes.push_back({"i" + std::to_string(i), "iam.x", {}, {}, false});
  ExecutorOptions options = Options();
  options.scheduler.pool_limits = {{"ec2", 3}, {"iam", 2}};
  options.scheduler.worker_threads = 8;
  // Each call waits until its pool has been full once, so the limits are actually reached.
  cloud_.on_call = [&](const std::string&, const std::string& key) {
    if (key[0] == 'e') cloud_.AwaitInFlight("ec2", 3, seconds(5));
    if (key[0] == 'i') cloud_.AwaitInFlight("iam", 2, seconds(5));
  };
  Report report = Apply(g, options);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(cloud_.MaxInFlight("ec2"), 3);
  EXPECT_EQ(cloud_.MaxInFlight("iam"), 2);
}

TEST_F(ExecutorTest, LongPoleStartsAsSoonAsItsInputsExist) {
  Graph g;
  g.nodes.push_back({"vpc", "ec2.vpc", {}, {}, false});
  std::string prev = "vpc";
  for (int i = 0; i < 5; ++i) {
    std::string key = "chain" + std::to_string(i);
    g.nodes.push_back({key, "iam.x", {{"after", Ref(prev)}}, {}, false});
    prev = key;
  }
  g.nodes.push_back({"nat", "ec2.nat", {{"vpc", Ref("vpc")}}, {}, false});
  cloud_.SetScript("nat", {.pending_waits = 8, .poll_after = seconds(15)});
  for (int i = 0; i < 5; ++i) {
    cloud_.SetScript("chain" + std::to_string(i), {.pending_waits = 1, .poll_after = seconds(5)});
  }
  Report report = Apply(g);
  ASSERT_TRUE(report.status.ok());
  EXPECT_LT(cloud_.FirstSeq("create", "nat"), cloud_.FirstSeq("find", "chain1"));
  // Makespan is the longer of the two branches (nat: 120s; chain: 25s), not their sum.
  EXPECT_GE(report.makespan, seconds(120));
  EXPECT_LT(report.makespan, seconds(130));
}

TEST_F(ExecutorTest, EarlyPollsSeeAShortWaitEarly) {
  Graph g;
  g.nodes.push_back({"nat", "ec2.nat", {}, {}, false});
  cloud_.SetScript("nat", {.pending_waits = 12, .poll_after = seconds(15)});
  ExecutorOptions options = Options();
  options.scheduler.poll_min = seconds(1);
  options.scheduler.poll_fraction = 0.125;
  Report report = Apply(g, options);
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(cloud_.Count("wait", "nat"), 13);
  // Polled every second for the first 8 s, then every 1/8 of the time waited: 12 pending
  // answers take about 13.5 s, where fixed 15 s intervals took 180 s.
  EXPECT_GE(report.makespan, seconds(12));
  EXPECT_LT(report.makespan, seconds(15));
}

TEST_F(ExecutorTest, LongWaitsArePolledNoOftenerThanTheHandlerAsks) {
  Graph g;
  g.nodes.push_back({"nlb", "elbv2.nlb", {}, {}, false});
  cloud_.SetScript("nlb", {.pending_waits = 40, .poll_after = seconds(15)});
  ExecutorOptions options = Options();
  options.scheduler.poll_min = seconds(1);
  options.scheduler.deadlines["elbv2.nlb"] = std::chrono::minutes(30);
  Report report = Apply(g, options);
  ASSERT_TRUE(report.status.ok());
  // 8 polls at 1 s, then growing by 1/8 until the 15 s cap: 40 polls span minutes, and
  // never more than 15 s apart (makespan <= 40 * 15 s).
  EXPECT_GT(report.makespan, std::chrono::minutes(2));
  EXPECT_LE(report.makespan, seconds(40 * 15));
}

TEST_F(ExecutorTest, WaitsDoNotHoldWorkerThreads) {
  Graph g;
  for (int i = 0; i < 20; ++i)
    g.nodes.push_back({"n" + std::to_string(i), "ec2.nat", {}, {}, false});
  for (int i = 0; i < 20; ++i) {
    cloud_.SetScript("n" + std::to_string(i), {.pending_waits = 6, .poll_after = seconds(10)});
  }
  ExecutorOptions options = Options();
  options.scheduler.worker_threads = 2;
  options.scheduler.pool_limits["ec2"] = 20;
  Report report = Apply(g, options);
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.counts["created"], 20);
  // 60s of polling per node; serial waits would take 1200s.
  EXPECT_GE(report.makespan, seconds(60));
  EXPECT_LT(report.makespan, seconds(70));
}

TEST_F(ExecutorTest, CancelledRunResumesWithoutDuplicates) {
  Graph g = ClusterGraph();
  std::atomic<bool> cancel{false};
  cloud_.on_call = [&](const std::string& op, const std::string& key) {
    if (op == "create" && key == "nat/a") cancel = true;
  };
  cloud_.SetScript("nat/a", {.pending_waits = 3});
  ExecutorOptions options = Options();
  options.scheduler.cancel = &cancel;
  Report first = Apply(g, options);
  EXPECT_EQ(first.status.code(), StatusCode::kCancelled);
  EXPECT_GT(first.counts["not started"], 0);
  // The journal is consistent: every live resource is journaled created or ready.
  for (const auto& node : g.nodes) {
    if (!cloud_.IsLive(node.key)) continue;
    auto entry = journal_->Get(node.key);
    ASSERT_TRUE(entry->has_value()) << node.key;
    EXPECT_TRUE((*entry)->state == NodeState::kCreated || (*entry)->state == NodeState::kReady);
  }
  // Re-run (a new process: reopen the journal) creates only what is missing.
  OpenJournal();
  cloud_.on_call = nullptr;
  long since = LastCallSeq();
  Report second = Apply(g);
  ASSERT_TRUE(second.status.ok()) << second.status.ToString();
  for (const auto& node : g.nodes) EXPECT_EQ(cloud_.Count("created", node.key), 1) << node.key;
  EXPECT_EQ(cloud_.CountOp("duplicate"), 0);
  EXPECT_GT(second.counts["found"], 0);
  EXPECT_GT(second.counts["created"], 0);
  ExpectDependencyOrder(g, since);
}

TEST_F(ExecutorTest, MissingHandlerIsInvalidInputBeforeAnythingStarts) {
  Graph g = ClusterGraph();
  Register(g);
  handlers_.erase("elbv2.nlb");
  Executor executor(handlers_, *journal_, Options());
  Report report = executor.Apply(g);
  EXPECT_EQ(report.status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(report.status.message().find("elbv2.nlb"), std::string::npos);
  EXPECT_TRUE(cloud_.Calls().empty());
  EXPECT_EQ(report.counts["not started"], static_cast<int>(g.nodes.size()));
}

TEST_F(ExecutorTest, InvalidGraphOrForeignJournalIsRejected) {
  Graph g = ClusterGraph();
  g.nodes[0].deps.push_back("record/api");
  EXPECT_EQ(Apply(g).status.code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(journal_->SetMeta("cluster_id", "someone-else").ok());
  EXPECT_EQ(Apply(ClusterGraph()).status.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(cloud_.Calls().empty());
}

TEST_F(ExecutorTest, SharedNodesAreFoundNeverCreated) {
  Graph g = ClusterGraph();
  g.nodes[0].shared = true;
  Report missing = Apply(g);
  EXPECT_EQ(missing.status.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.first_failure_key, "vpc");
  EXPECT_EQ(cloud_.Count("create", "vpc"), 0);

  cloud_.SetScript("vpc", {.live_initially = true});
  Report found = Apply(g);
  ASSERT_TRUE(found.status.ok()) << found.status.ToString();
  EXPECT_EQ(found.Find("vpc")->outcome, Outcome::kFound);
  EXPECT_EQ(cloud_.Count("create", "vpc"), 0);
}

}  // namespace
}  // namespace tectonic::engine
