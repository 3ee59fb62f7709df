// The wait for the cluster: the pure checks; the HTTPS checks against a local TLS server that
// presents the API server certificate `create assets` generates (admin client certificate
// required, as kube-apiserver does); the whole wait over an AWS client whose transport answers
// by Action, on a fake clock.
#include "installer/wait_cluster.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "assets/assets.h"
#include "assets/test_config.h"
#include "engine/events.h"
#include "installer/api_probe.h"
#include "installer/cluster_checks.h"
#include "tests/support/process.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::installer {
namespace {

// ---- pure checks -------------------------------------------------------------------------

TEST(ClusterChecksTest, GroupLabelsAreShort) {
  EXPECT_EQ(GroupLabel("nlb/api-ext/tg"), "api-ext");
  EXPECT_EQ(GroupLabel("nlb/console/tg/https"), "console/https");
}

TEST(ClusterChecksTest, TargetsReadyNeedsTheExpectedHealthyCountInEveryGroup) {
  std::vector<std::string> keys = {"nlb/api-int/tg", "nlb/console/tg/http"};
  std::vector<TargetReport> targets = {
      {"nlb/api-int/tg", "i-1", 443, "healthy", "", ""},
      {"nlb/api-int/tg", "i-2", 443, "healthy", "", ""},
      {"nlb/console/tg/http", "i-1", 32001, "healthy", "", ""},
      {"nlb/console/tg/http", "i-2", 32001, "initial", "Elb.InitialHealthChecking", ""},
  };
  EXPECT_FALSE(TargetsReady(keys, targets, 2));
  EXPECT_TRUE(TargetsReady(keys, targets, 1));
  EXPECT_EQ(TargetProgress(keys, targets, 2),
            "healthy targets: api-int 2/2, console/http 1/2 (1 initial)");
  EXPECT_FALSE(TargetsReady(keys, {}, 1));
  EXPECT_EQ(TargetProgress({"nlb/api-int/tg"}, {}, 3),
            "healthy targets: api-int 0/3 (no target registered)");
  EXPECT_FALSE(TargetsReady({}, targets, 1));  // no group: nothing to wait for is an error
}

TEST(ClusterChecksTest, TargetGroupsComeFromTheJournalsCreatedGroups) {
  auto entry = [](std::string key, std::string kind, engine::NodeState state, std::string arn) {
    engine::JournalEntry e;
    e.key = std::move(key);
    e.kind = std::move(kind);
    e.state = state;
    e.outputs = {{"id", arn}, {"arn", arn}};
    return e;
  };
  auto groups = TargetGroupsOf({
      entry("nlb/console/tg/http", "elbv2.target_group", engine::NodeState::kReady, "arn:c"),
      entry("nlb/api-int", "elbv2.load_balancer", engine::NodeState::kReady, "arn:lb"),
      entry("nlb/api-ext/tg", "elbv2.target_group", engine::NodeState::kCreated, "arn:a"),
      entry("nlb/api-int/tg", "elbv2.target_group", engine::NodeState::kDeleted, "arn:gone"),
  });
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].key, "nlb/api-ext/tg");
  EXPECT_EQ(groups[0].arn, "arn:a");
  EXPECT_EQ(groups[1].arn, "arn:c");
}

TEST(ClusterChecksTest, NodeListReadsTheReadyCondition) {
  auto nodes = ParseNodeList(R"({"kind":"NodeList","items":[
    {"metadata":{"name":"ip-10-0-0-5.ec2.internal"},"status":{"conditions":[
      {"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}]}},
    {"metadata":{"name":"ip-10-0-64-7.ec2.internal"},"status":{"conditions":[
      {"type":"Ready","status":"False","reason":"KubeletNotReady"}]}},
    {"metadata":{"name":"ip-10-0-64-8.ec2.internal"},"status":{}}]})");
  ASSERT_TRUE(nodes.ok()) << nodes.status().ToString();
  EXPECT_EQ(nodes->ready, std::set<std::string>{"ip-10-0-0-5.ec2.internal"});
  EXPECT_EQ(nodes->not_ready.size(), 2u);
  EXPECT_FALSE(ParseNodeList("<html>").ok());
  EXPECT_FALSE(ParseNodeList(R"({"kind":"Status"})").ok());
}

TEST(ClusterChecksTest, LastLinesKeepsTheEnd) {
  EXPECT_EQ(LastLines("a\nb\r\nc\n\n", 2), "b\nc\n");
  EXPECT_EQ(LastLines("only", 5), "only\n");
  EXPECT_EQ(LastLines("", 5), "");
}

TEST(ClusterChecksTest, DiagnosisNamesTargetsReasonsStatesAndConsoleAndIsRedacted) {
  RegisterSecret("console-secret-4f9a8b7c");
  WaitOutcome out;
  out.targets = {{"nlb/api-ext/tg", "i-1", 443, "unhealthy", "Target.FailedHealthChecks",
                  "Health checks failed"},
                 {"nlb/api-ext/tg", "i-2", 443, "healthy", "", ""}};
  out.instances = {{"i-1", "asg/master", "running", "us-east-1a", "10.0.0.5", true,
                    "kubelet failed\ntoken console-secret-4f9a8b7c\n"},
                   {"i-2", "asg/master", "running", "us-east-1b", "10.0.16.5", false, ""}};
  std::string text = FormatDiagnosis(out, "targets not healthy", 300);
  EXPECT_NE(text.find("within 300s"), std::string::npos) << text;
  EXPECT_NE(text.find("api-ext i-1:443 unhealthy Target.FailedHealthChecks: Health checks failed"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("i-2:443"), std::string::npos) << "healthy targets are not listed\n" << text;
  EXPECT_NE(text.find("i-1 asg/master running us-east-1a 10.0.0.5  <- failing"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  | kubelet failed"), std::string::npos) << text;
  EXPECT_EQ(text.find("console-secret-4f9a8b7c"), std::string::npos) << text;
  EXPECT_NE(text.find("[REDACTED]"), std::string::npos) << text;
}

// ---- HTTPS checks against a local TLS server ------------------------------------------------

// A cluster directory with generated assets (the CA, apiserver and admin certificates).
class ClusterAssets {
 public:
  explicit ClusterAssets(const std::string& name) : tmp_("tectonic-wait-" + name) {
    dir_ = tmp_.path();
    config_ = assets::TestClusterConfig();
    (void)files::WriteAtomic(dir_ / "license.txt", "TECTONIC-LICENSE-wait-test-0123456789\n");
    (void)files::WriteAtomic(dir_ / "pull-secret.json",
                             R"({"auths":{"quay.io":{"auth":"d2FpdDp0ZXN0LXNlY3JldC0x"}}})");
    auto set = assets::GenerateAssets(config_, dir_);
    ok_ = set.ok();
    if (!ok_) error_ = set.status().ToString();
  }
  std::filesystem::path Tls(const std::string& name) const { return dir_ / "tls" / name; }
  const model::ClusterConfig& config() const { return config_; }
  const std::filesystem::path& dir() const { return dir_; }
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

 private:
  testing::TempDir tmp_;
  std::filesystem::path dir_;
  model::ClusterConfig config_;
  bool ok_ = false;
  std::string error_;
};

// kube-apiserver's stand-in: presents tls/apiserver.crt, requires a client certificate signed
// by the cluster CA, answers /readyz and /api/v1/nodes.
class FakeApiServer {
 public:
  FakeApiServer(const ClusterAssets& assets, std::string nodes_json, int readyz_status = 200)
      : server_(assets.Tls("apiserver.crt").c_str(), assets.Tls("apiserver.key").c_str(),
                assets.Tls("ca.crt").c_str()),
        nodes_json_(std::move(nodes_json)) {
    server_.Get("/readyz", [this, readyz_status](const httplib::Request&, httplib::Response& res) {
      ++readyz_;
      res.status = readyz_status;
      res.set_content(readyz_status == 200 ? "ok" : "[-]etcd failed: reason withheld",
                      "text/plain");
    });
    server_.Get("/api/v1/nodes", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(nodes_json_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeApiServer() {
    server_.stop();
    thread_.join();
  }
  bool valid() const { return server_.is_valid() && port_ > 0; }
  int port() const { return port_; }
  int readyz_calls() const { return readyz_.load(); }

 private:
  httplib::SSLServer server_;
  std::string nodes_json_;
  int port_ = 0;
  std::atomic<int> readyz_{0};
  std::thread thread_;
};

const char* kTwoReadyNodes = R"({"kind":"NodeList","items":[
  {"metadata":{"name":"ip-10-0-0-5.ec2.internal"},"status":{"conditions":[{"type":"Ready","status":"True"}]}},
  {"metadata":{"name":"ip-10-0-64-5.ec2.internal"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}]})";

ApiEndpoint LocalEndpoint(const ClusterAssets& trust, const ClusterAssets& client, int port,
                          const std::string& host) {
  return ApiEndpoint{host,
                     port,
                     "127.0.0.1",
                     trust.Tls("ca.crt"),
                     client.Tls("admin.crt"),
                     client.Tls("admin.key")};
}

class ApiProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new ClusterAssets("cluster");
    other_ = new ClusterAssets("other");
  }
  static void TearDownTestSuite() {
    delete cluster_;
    delete other_;
  }
  void SetUp() override {
    ASSERT_TRUE(cluster_->ok()) << cluster_->error();
    ASSERT_TRUE(other_->ok()) << other_->error();
  }
  static ClusterAssets* cluster_;
  static ClusterAssets* other_;  // another cluster: another CA
};
ClusterAssets* ApiProbeTest::cluster_ = nullptr;
ClusterAssets* ApiProbeTest::other_ = nullptr;

TEST_F(ApiProbeTest, ReadyzAndNodesOverTlsVerifiedWithTheClusterCa) {
  FakeApiServer server(*cluster_, kTwoReadyNodes);
  ASSERT_TRUE(server.valid());
  auto prober = MakeCurlApiProber(
      LocalEndpoint(*cluster_, *cluster_, server.port(), cluster_->config().ApiHost()));
  auto readyz = prober->Get("/readyz");
  ASSERT_TRUE(readyz.ok()) << readyz.status().ToString();
  EXPECT_EQ(readyz->status, 200);
  EXPECT_EQ(readyz->body, "ok");
  auto nodes = prober->Get("/api/v1/nodes");
  ASSERT_TRUE(nodes.ok()) << nodes.status().ToString();
  auto parsed = ParseNodeList(nodes->body);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->ready.size(), 2u);
}

TEST_F(ApiProbeTest, AServerCertificateFromAnotherCaIsRefused) {
  // The server presents another cluster's apiserver certificate for the same name.
  FakeApiServer server(*other_, kTwoReadyNodes);
  ASSERT_TRUE(server.valid());
  auto prober = MakeCurlApiProber(
      LocalEndpoint(*cluster_, *cluster_, server.port(), cluster_->config().ApiHost()));
  auto readyz = prober->Get("/readyz");
  ASSERT_FALSE(readyz.ok()) << "a certificate the cluster CA did not sign was accepted";
  EXPECT_NE(readyz.status().message().find("certificate"), std::string::npos)
      << readyz.status().ToString();
  EXPECT_EQ(readyz.status().code(), StatusCode::kTransient);
  EXPECT_EQ(server.readyz_calls(), 0);
}

TEST_F(ApiProbeTest, ANameTheCertificateDoesNotCarryIsRefused) {
  FakeApiServer server(*cluster_, kTwoReadyNodes);
  ASSERT_TRUE(server.valid());
  auto prober =
      MakeCurlApiProber(LocalEndpoint(*cluster_, *cluster_, server.port(), "api.example.org"));
  EXPECT_FALSE(prober->Get("/readyz").ok());
  EXPECT_EQ(server.readyz_calls(), 0);
}

TEST_F(ApiProbeTest, TheServerRefusesAClientCertificateFromAnotherCa) {
  FakeApiServer server(*cluster_, kTwoReadyNodes);
  ASSERT_TRUE(server.valid());
  auto prober = MakeCurlApiProber(
      LocalEndpoint(*cluster_, *other_, server.port(), cluster_->config().ApiHost()));
  EXPECT_FALSE(prober->Get("/readyz").ok());
  EXPECT_EQ(server.readyz_calls(), 0);
}

TEST(HostResolvesTest, LocalhostResolvesAndAnInvalidNameDoesNot) {
  EXPECT_TRUE(HostResolves("localhost"));
  EXPECT_FALSE(HostResolves("demo-api.tectonic-wait-test.invalid"));  // RFC 6761: never resolves
}

// ---- the whole wait over a scripted AWS -------------------------------------------------------

// Answers each Query/EC2 call by its Action (scripted answers in order, the last repeated);
// counts calls per Action.
class ActionTransport : public aws::HttpTransport {
 public:
  void Answer(const std::string& action, std::string body, int status = 200) {
    std::lock_guard lock(mu_);
    answers_[action].push_back(aws::HttpResponse{status, {}, std::move(body)});
  }
  int Calls(const std::string& action) const {
    std::lock_guard lock(mu_);
    auto it = calls_.find(action);
    return it == calls_.end() ? 0 : it->second;
  }
  Result<aws::HttpResponse> Send(const aws::HttpRequest& request) override {
    std::string body = request.body;
    auto at = body.find("Action=");
    std::string action = at == std::string::npos ? "" : body.substr(at + 7);
    action = action.substr(0, action.find('&'));
    std::lock_guard lock(mu_);
    ++calls_[action];
    auto it = answers_.find(action);
    if (it == answers_.end()) return Status::Internal("no scripted answer for " + action);
    aws::HttpResponse next = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return next;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<aws::HttpResponse>> answers_;
  std::map<std::string, int> calls_;
};

std::string TargetHealthXml(const std::vector<std::pair<std::string, std::string>>& targets) {
  std::string xml =
      "<DescribeTargetHealthResponse><DescribeTargetHealthResult>"
      "<TargetHealthDescriptions>";
  for (const auto& [id, state] : targets) {
    xml += "<member><Target><Id>" + id + "</Id><Port>443</Port></Target><TargetHealth><State>" +
           state + "</State>";
    if (state == "unhealthy") {
      xml +=
          "<Reason>Target.FailedHealthChecks</Reason><Description>Health checks failed"
          "</Description>";
    }
    xml += "</TargetHealth></member>";
  }
  return xml +
         "</TargetHealthDescriptions></DescribeTargetHealthResult>"
         "</DescribeTargetHealthResponse>";
}

class WaitFlowTest : public ApiProbeTest {
 protected:
  WaitFlowTest()
      : client_(transport_,
                std::make_shared<aws::StaticCredentialsProvider>(
                    aws::Credentials{"AKIDTEST", "secret-for-unit-tests", "", std::nullopt, "t"}),
                aws::EndpointResolver("us-east-1", "http://127.0.0.1:9", {}), clock_,
                aws::RetryOptions{.max_attempts = 1}) {
    config_ = cluster_->config();
    config_.nodes.masters.count = 1;
    config_.nodes.workers.count = 1;
    common_.dir = cluster_->dir();
    common_.events = &events_;
    settings_.clock = &clock_;
    settings_.timeout = std::chrono::seconds(60);
  }

  WaitOutcome Wait() {
    return WaitForClusterWith(client_, config_, "cluster-uuid", {{"nlb/api-int/tg", "arn:tg"}},
                              common_, settings_);
  }

  std::vector<engine::Event> EventsOf(const std::string& key) const {
    std::vector<engine::Event> out;
    for (const auto& e : events_.events()) {
      if (e.key == key) out.push_back(e);
    }
    return out;
  }

  std::shared_ptr<ActionTransport> transport_ = std::make_shared<ActionTransport>();
  FakeClock clock_{std::chrono::system_clock::from_time_t(1700000000)};
  aws::AwsClient client_;
  model::ClusterConfig config_;
  CommonOptions common_;
  WaitSettings settings_;
  engine::MemorySink events_;
};

TEST_F(WaitFlowTest, HealthyTargetsThenReadyzAndNodesOverTls) {
  FakeApiServer server(*cluster_, kTwoReadyNodes);
  ASSERT_TRUE(server.valid());
  transport_->Answer("DescribeTargetHealth", TargetHealthXml({{"i-1", "healthy"}}));
  settings_.resolves = [](const std::string&) { return true; };
  int port = server.port();
  settings_.make_prober = [port](const ApiEndpoint& endpoint) {
    ApiEndpoint local = endpoint;
    local.port = port;
    local.connect_address = "127.0.0.1";
    return MakeCurlApiProber(local);
  };
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kDone) << out.status.ToString() << out.diagnosis;
  EXPECT_TRUE(out.api_resolves);
  EXPECT_EQ(out.note, "");
  EXPECT_EQ(out.healthy_targets, 1);
  EXPECT_EQ(out.ready_nodes, 2);
  EXPECT_EQ(server.readyz_calls(), 1);
  EXPECT_EQ(transport_->Calls("DescribeTargetHealth"), 1);
  ASSERT_FALSE(EventsOf("wait/nodes").empty());
  EXPECT_EQ(EventsOf("wait/nodes").back().type, engine::EventType::kNodeDone);
  EXPECT_EQ(EventsOf("wait/nodes").back().detail, "2/2 nodes Ready");
}

// Two masters and one worker; ip-10-0-0-5 (a master) is the only node Ready.
const char* kInstancesXml = R"(<DescribeInstancesResponse><reservationSet><item><instancesSet>
<item><instanceId>i-m1</instanceId><instanceState><code>16</code><name>running</name></instanceState>
<privateDnsName>ip-10-0-0-5.ec2.internal</privateDnsName><tagSet><item><key>tectonic.io/resource</key>
<value>asg/master</value></item></tagSet></item>
<item><instanceId>i-m2</instanceId><instanceState><code>16</code><name>running</name></instanceState>
<privateDnsName>ip-10-0-16-5.ec2.internal</privateDnsName><tagSet><item><key>tectonic.io/resource</key>
<value>asg/master</value></item></tagSet></item>
<item><instanceId>i-w1</instanceId><instanceState><code>16</code><name>running</name></instanceState>
<privateDnsName>ip-10-0-64-5.ec2.internal</privateDnsName><tagSet><item><key>tectonic.io/resource</key>
<value>asg/worker</value></item></tagSet></item>
<item><instanceId>i-e0</instanceId><instanceState><code>16</code><name>running</name></instanceState>
<tagSet><item><key>tectonic.io/resource</key><value>etcd/0</value></item></tagSet></item>
</instancesSet></item></reservationSet></DescribeInstancesResponse>)";

const char* kOneReadyNode = R"({"kind":"NodeList","items":[
  {"metadata":{"name":"ip-10-0-0-5.ec2.internal"},"status":{"conditions":[{"type":"Ready","status":"True"}]}},
  {"metadata":{"name":"ip-10-0-64-5.ec2.internal"},"status":{"conditions":[{"type":"Ready","status":"False"}]}}]})";

class WaitFlowApiTest : public WaitFlowTest {
 protected:
  void PointAt(const FakeApiServer& server) {
    transport_->Answer("DescribeTargetHealth",
                       TargetHealthXml({{"i-m1", "healthy"}, {"i-m2", "healthy"}}));
    transport_->Answer("DescribeInstances", kInstancesXml);
    transport_->Answer("GetConsoleOutput",
                       "<GetConsoleOutputResponse><instanceId>i</instanceId><output>"
                       "a3ViZWxldDogZXhpdCAxCg==</output></GetConsoleOutputResponse>");
    config_.nodes.masters.count = 2;
    config_.nodes.workers.count = 1;
    settings_.resolves = [](const std::string&) { return true; };
    int port = server.port();
    settings_.make_prober = [port](const ApiEndpoint& endpoint) {
      ApiEndpoint local = endpoint;
      local.port = port;
      local.connect_address = "127.0.0.1";
      return MakeCurlApiProber(local);
    };
  }
  const InstanceReport* Instance(const WaitOutcome& out, const std::string& id) {
    for (const auto& i : out.instances) {
      if (i.id == id) return &i;
    }
    return nullptr;
  }
};

TEST_F(WaitFlowApiTest, AnApiServerThatNeverGetsReadyBlamesTheMasters) {
  FakeApiServer server(*cluster_, kTwoReadyNodes, 503);
  ASSERT_TRUE(server.valid());
  PointAt(server);
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kNotReady) << out.status.ToString();
  EXPECT_NE(out.diagnosis.find("the API server is not ready (GET /readyz: 503)"), std::string::npos)
      << out.diagnosis;
  EXPECT_GE(server.readyz_calls(), 3);
  ASSERT_NE(Instance(out, "i-m1"), nullptr);
  EXPECT_TRUE(Instance(out, "i-m1")->failing);
  EXPECT_TRUE(Instance(out, "i-m2")->failing);
  EXPECT_FALSE(Instance(out, "i-w1")->failing);
  EXPECT_FALSE(Instance(out, "i-e0")->failing);
  EXPECT_EQ(transport_->Calls("GetConsoleOutput"), 2);
  EXPECT_NE(out.diagnosis.find("  | kubelet: exit 1"), std::string::npos) << out.diagnosis;
}

TEST_F(WaitFlowApiTest, NodesThatAreNotReadyAreTheFailingOnes) {
  FakeApiServer server(*cluster_, kOneReadyNode);
  ASSERT_TRUE(server.valid());
  PointAt(server);
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kNotReady) << out.status.ToString();
  EXPECT_EQ(out.ready_nodes, 1);
  EXPECT_NE(out.diagnosis.find("nodes not Ready (1/3 nodes Ready)"), std::string::npos)
      << out.diagnosis;
  EXPECT_FALSE(Instance(out, "i-m1")->failing) << "its node is Ready";
  EXPECT_TRUE(Instance(out, "i-m2")->failing) << "never registered";
  EXPECT_TRUE(Instance(out, "i-w1")->failing) << "registered, not Ready";
  EXPECT_FALSE(Instance(out, "i-e0")->failing) << "etcd runs no kubelet";
}

TEST_F(WaitFlowTest, AnUnresolvableNameSkipsTheInClusterChecksAndSaysSo) {
  transport_->Answer("DescribeTargetHealth", TargetHealthXml({{"i-1", "healthy"}}));
  settings_.resolves = [](const std::string&) { return false; };
  settings_.make_prober = [](const ApiEndpoint&) -> std::unique_ptr<ApiProber> {
    ADD_FAILURE() << "no HTTPS check when the name does not resolve";
    return nullptr;
  };
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kDone) << out.status.ToString();
  EXPECT_EQ(out.note, "API name does not resolve from this machine; skipped the in-cluster checks");
  EXPECT_EQ(out.ready_nodes, -1);
  ASSERT_EQ(EventsOf("wait/readyz").size(), 1u);
  EXPECT_NE(EventsOf("wait/readyz")[0].detail.find("skipped"), std::string::npos);
}

TEST_F(WaitFlowTest, TargetsThatNeverGetHealthyEndAtTheDeadlineWithADiagnosis) {
  RegisterSecret("node-console-secret-77aa");
  transport_->Answer("DescribeTargetHealth",
                     TargetHealthXml({{"i-1", "unhealthy"}, {"i-2", "healthy"}}));
  config_.nodes.masters.count = 2;
  transport_->Answer("DescribeInstances", R"(<DescribeInstancesResponse><reservationSet><item>
<instancesSet><item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running</name>
</instanceState><privateIpAddress>10.0.0.5</privateIpAddress><placement><availabilityZone>us-east-1a
</availabilityZone></placement><tagSet><item><key>tectonic.io/resource</key><value>asg/master</value>
</item></tagSet></item><item><instanceId>i-2</instanceId><instanceState><code>16</code>
<name>running</name></instanceState></item></instancesSet></item></reservationSet>
</DescribeInstancesResponse>)");
  // "kubelet: exit 1\ntoken node-console-secret-77aa\n"
  transport_->Answer("GetConsoleOutput",
                     "<GetConsoleOutputResponse><instanceId>i-1</instanceId><output>"
                     "a3ViZWxldDogZXhpdCAxCnRva2VuIG5vZGUtY29uc29sZS1zZWNyZXQtNzdhYQo="
                     "</output></GetConsoleOutputResponse>");
  settings_.resolves = [](const std::string&) { return false; };
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kNotReady) << out.status.ToString();
  EXPECT_GE(out.polls, 3);  // polls grew from 2 s towards 15 s within the minute
  EXPECT_LE(out.polls, 10);
  EXPECT_EQ(transport_->Calls("GetConsoleOutput"), 1) << "only the failing node's console";
  ASSERT_EQ(out.instances.size(), 2u);
  EXPECT_TRUE(out.instances[0].failing);
  EXPECT_FALSE(out.instances[1].failing);
  EXPECT_NE(out.diagnosis.find("i-1:443 unhealthy Target.FailedHealthChecks"), std::string::npos)
      << out.diagnosis;
  EXPECT_NE(out.diagnosis.find("  | kubelet: exit 1"), std::string::npos) << out.diagnosis;
  EXPECT_EQ(out.diagnosis.find("node-console-secret-77aa"), std::string::npos) << out.diagnosis;
  auto failed = EventsOf("wait/targets").back();
  EXPECT_EQ(failed.type, engine::EventType::kNodeFailed);
  EXPECT_NE(failed.detail.find("Target.FailedHealthChecks"), std::string::npos);
  // The whole minute passed on the fake clock, not on the wall.
  EXPECT_GE(out.elapsed_ms, 60000);
}

TEST_F(WaitFlowTest, ATargetGroupNotVisibleYetIsPolledAgainButAccessDeniedEndsTheWait) {
  const char* kNotFound =
      "<ErrorResponse><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code>"
      "<Message>One or more target groups not found</Message></Error></ErrorResponse>";
  transport_->Answer("DescribeTargetHealth", kNotFound, 400);
  transport_->Answer("DescribeTargetHealth", TargetHealthXml({{"i-1", "healthy"}}));
  settings_.resolves = [](const std::string&) { return false; };
  WaitOutcome out = Wait();
  ASSERT_EQ(out.stage, Stage::kDone) << out.status.ToString();
  EXPECT_EQ(transport_->Calls("DescribeTargetHealth"), 2);
  auto waiting = EventsOf("wait/targets");
  ASSERT_GE(waiting.size(), 2u);
  EXPECT_NE(waiting[1].detail.find("not answered yet: api-int"), std::string::npos)
      << waiting[1].detail;

  auto denied = std::make_shared<ActionTransport>();
  transport_ = denied;
  aws::AwsClient client(denied,
                        std::make_shared<aws::StaticCredentialsProvider>(aws::Credentials{
                            "AKIDTEST", "secret-for-unit-tests", "", std::nullopt, "t"}),
                        aws::EndpointResolver("us-east-1", "http://127.0.0.1:9", {}), clock_,
                        aws::RetryOptions{.max_attempts = 1});
  denied->Answer("DescribeTargetHealth",
                 "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                 "<Message>not authorized to perform: elasticloadbalancing:DescribeTargetHealth"
                 "</Message></Error></ErrorResponse>",
                 403);
  WaitOutcome refused = WaitForClusterWith(client, config_, "cluster-uuid",
                                           {{"nlb/api-int/tg", "arn:tg"}}, common_, settings_);
  EXPECT_EQ(refused.stage, Stage::kWait);
  EXPECT_EQ(refused.status.aws_code(), "AccessDenied");
  EXPECT_EQ(denied->Calls("DescribeTargetHealth"), 1);
}

TEST_F(WaitFlowTest, WithoutJournalEntriesTheGroupsAreFoundByTheClustersTags) {
  transport_->Answer("DescribeTargetGroups", R"(<DescribeTargetGroupsResponse>
<DescribeTargetGroupsResult><TargetGroups>
<member><TargetGroupArn>arn:ours</TargetGroupArn></member>
<member><TargetGroupArn>arn:theirs</TargetGroupArn></member>
</TargetGroups></DescribeTargetGroupsResult></DescribeTargetGroupsResponse>)");
  transport_->Answer("DescribeTags", R"(<DescribeTagsResponse><DescribeTagsResult><TagDescriptions>
<member><ResourceArn>arn:ours</ResourceArn><Tags>
<member><Key>tectonicClusterID</Key><Value>cluster-uuid</Value></member>
<member><Key>tectonic.io/resource</Key><Value>nlb/api-int/tg</Value></member></Tags></member>
<member><ResourceArn>arn:theirs</ResourceArn><Tags>
<member><Key>tectonicClusterID</Key><Value>another-cluster</Value></member></Tags></member>
</TagDescriptions></DescribeTagsResult></DescribeTagsResponse>)");
  transport_->Answer("DescribeTargetHealth", TargetHealthXml({{"i-1", "healthy"}}));
  settings_.resolves = [](const std::string&) { return false; };
  WaitOutcome out = WaitForClusterWith(client_, config_, "cluster-uuid", {}, common_, settings_);
  ASSERT_EQ(out.stage, Stage::kDone) << out.status.ToString();
  EXPECT_EQ(out.target_groups, 1);
  ASSERT_EQ(out.targets.size(), 1u);
  EXPECT_EQ(out.targets[0].group_key, "nlb/api-int/tg");
  EXPECT_EQ(transport_->Calls("DescribeTargetHealth"), 1) << "only our group is asked";

  // A cluster with no group anywhere (destroyed) is bad input, not a wait.
  auto empty = std::make_shared<ActionTransport>();
  aws::AwsClient client(empty,
                        std::make_shared<aws::StaticCredentialsProvider>(aws::Credentials{
                            "AKIDTEST", "secret-for-unit-tests", "", std::nullopt, "t"}),
                        aws::EndpointResolver("us-east-1", "http://127.0.0.1:9", {}), clock_,
                        aws::RetryOptions{.max_attempts = 1});
  empty->Answer("DescribeTargetGroups",
                "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups/>"
                "</DescribeTargetGroupsResult></DescribeTargetGroupsResponse>");
  WaitOutcome none = WaitForClusterWith(client, config_, "cluster-uuid", {}, common_, settings_);
  EXPECT_EQ(none.stage, Stage::kWait);
  EXPECT_EQ(none.status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(none.status.message().find("destroyed"), std::string::npos);
}

TEST_F(WaitFlowTest, CtrlCEndsTheWait) {
  transport_->Answer("DescribeTargetHealth", TargetHealthXml({{"i-1", "initial"}}));
  std::atomic<bool> cancel{true};
  common_.cancel = &cancel;
  WaitOutcome out = Wait();
  EXPECT_EQ(out.status.code(), StatusCode::kCancelled);
  EXPECT_EQ(transport_->Calls("DescribeTargetHealth"), 0);
}

}  // namespace
}  // namespace tectonic::installer
