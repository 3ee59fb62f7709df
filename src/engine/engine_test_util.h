// Test support shared by the engine's tests: a fixture with a FakeClock, a fake cloud,
// a handler registry, a journal in a temp dir and a memory event sink.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "engine/executor.h"
#include "engine/fake_handler.h"
#include "tests/support/process.h"

namespace tectonic::engine {

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : clock_(std::chrono::system_clock::time_point(std::chrono::hours(480000))) {
    OpenJournal();
  }

  void OpenJournal() {
    journal_.reset();
    auto opened = Journal::Open(std::filesystem::path(dir_.path()) / "state.db");
    if (!opened.ok()) std::abort();
    journal_ = std::move(opened).value();
  }

  void Register(const Graph& graph) {
    for (const auto& node : graph.nodes) handlers_[node.kind] = &handler_;
  }

  ExecutorOptions Options() {
    ExecutorOptions options;
    options.identity = {"cluster-1", "demo", {{"owner", "me"}}};
    options.scheduler.clock = &clock_;
    options.scheduler.random = [] { return 0.5; };
    options.scheduler.events = &events_;
    options.scheduler.worker_threads = 4;
    // Every poll waits exactly what the handler asked, so times in these tests count polls;
    // ExecutorTest.EarlyPollsSeeAShortWaitEarly covers the adaptive default.
    options.scheduler.poll_min = std::chrono::hours(1);
    return options;
  }

  Report Apply(const Graph& graph, ExecutorOptions options) {
    Register(graph);
    Executor executor(handlers_, *journal_, std::move(options));
    return executor.Apply(graph);
  }
  Report Apply(const Graph& graph) { return Apply(graph, Options()); }

  // No node's first call happened before each of its dependencies was ready (considering
  // only calls numbered above since, i.e. one run).
  void ExpectDependencyOrder(const Graph& graph, long since = 0) {
    std::map<std::string, long> first_find, last_wait;
    for (const auto& call : cloud_.Calls()) {
      if (call.seq <= since) continue;
      if ((call.op == "find" || call.op == "find_journaled") && !first_find.count(call.key)) {
        first_find[call.key] = call.seq;
      }
      if (call.op == "wait") last_wait[call.key] = call.seq;
    }
    for (const auto& node : graph.nodes) {
      if (!first_find.count(node.key)) continue;
      for (const auto& dep : Graph::AllDeps(node)) {
        ASSERT_TRUE(last_wait.count(dep)) << node.key << " started but " << dep << " never waited";
        EXPECT_GT(first_find[node.key], last_wait[dep])
            << node.key << " started before " << dep << " was ready";
      }
    }
  }

  long LastCallSeq() {
    auto calls = cloud_.Calls();
    return calls.empty() ? 0 : calls.back().seq;
  }

  int CountEvents(EventType type, const std::string& key = "") {
    int n = 0;
    for (const auto& e : events_.events()) n += (e.type == type && (key.empty() || e.key == key));
    return n;
  }

  FakeClock clock_;
  fake::FakeCloud cloud_;
  fake::FakeHandler handler_{cloud_};
  HandlerRegistry handlers_;
  MemorySink events_;
  ::tectonic::testing::TempDir dir_;
  std::unique_ptr<Journal> journal_;
};

// A small cluster-shaped graph: network, NAT long pole, IAM chain, an instance.
inline Graph ClusterGraph() {
  Graph g;
  auto add = [&](std::string key, std::string kind, nlohmann::json props,
                 std::vector<std::string> deps = {}) {
    g.nodes.push_back({std::move(key), std::move(kind), std::move(props), std::move(deps), false});
  };
  add("vpc", "ec2.vpc", {{"cidr", "10.0.0.0/16"}});
  add("igw", "ec2.igw", {{"vpc_id", Ref("vpc")}});
  add("subnet/a", "ec2.subnet", {{"vpc_id", Ref("vpc")}, {"cidr", "10.0.0.0/20"}});
  add("subnet/b", "ec2.subnet", {{"vpc_id", Ref("vpc")}, {"cidr", "10.0.16.0/20"}});
  add("eip/a", "ec2.eip", nlohmann::json::object());
  add("nat/a", "ec2.nat", {{"subnet_id", Ref("subnet/a")}, {"allocation_id", Ref("eip/a")}},
      {"igw"});
  add("rt/private", "ec2.route_table", {{"vpc_id", Ref("vpc")}});
  add("route/private", "ec2.route", {{"rt", Ref("rt/private")}, {"nat", Ref("nat/a")}});
  add("role/master", "iam.role", {{"name", "demo-master"}});
  add("profile/master", "iam.instance_profile", {{"role", Ref("role/master")}});
  add("instance/m0", "ec2.instance",
      {{"subnet_id", Ref("subnet/b")}, {"profile", Ref("profile/master", "id")}},
      {"route/private"});
  add("nlb/api", "elbv2.nlb", {{"subnets", {Ref("subnet/a"), Ref("subnet/b")}}});
  add("record/api", "route53.record", {{"target", Ref("nlb/api")}});
  return g;
}

}  // namespace tectonic::engine
