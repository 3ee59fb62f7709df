// WaitForCluster: target health, then /readyz and Ready nodes when the API name resolves.
#include "installer/wait_cluster.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "assets/bootstrap_token.h"
#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "installer/aws_context.h"
#include "installer/cluster_checks.h"
#include "installer/run_support.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::installer {

std::vector<TargetGroupRef> TargetGroupsOf(const std::vector<engine::JournalEntry>& entries) {
  std::vector<TargetGroupRef> out;
  for (const auto& e : entries) {
    if (e.kind != "elbv2.target_group" || !e.outputs.is_object()) continue;
    // A group being deleted or gone (a destroyed cluster) has nothing to wait for.
    if (e.state != engine::NodeState::kCreated && e.state != engine::NodeState::kReady) continue;
    std::string arn = e.outputs.value("arn", e.outputs.value("id", ""));
    if (!arn.empty()) out.push_back({e.key, arn});
  }
  std::sort(out.begin(), out.end(),
            [](const TargetGroupRef& a, const TargetGroupRef& b) { return a.key < b.key; });
  return out;
}

Result<std::vector<TargetGroupRef>> TargetGroupsByTag(aws::AwsClient& client,
                                                      const std::string& cluster_id) {
  aws::Elbv2 elb(client);
  TECTONIC_ASSIGN_OR_RETURN(std::vector<aws::TargetGroup> all, elb.DescribeTargetGroups());
  std::vector<TargetGroupRef> out;
  constexpr size_t kTagBatch = 20;  // DescribeTags takes at most 20 ARNs
  for (size_t first = 0; first < all.size(); first += kTagBatch) {
    std::vector<std::string> arns;
    for (size_t i = first; i < all.size() && i < first + kTagBatch; ++i) {
      arns.push_back(all[i].arn);
    }
    TECTONIC_ASSIGN_OR_RETURN(auto tags, elb.DescribeTags(arns));
    for (const auto& [arn, t] : tags) {
      auto id = t.find("tectonicClusterID");
      if (id == t.end() || id->second != cluster_id) continue;
      auto key = t.find("tectonic.io/resource");
      out.push_back({key != t.end() ? key->second : arn.substr(arn.find("targetgroup/")), arn});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const TargetGroupRef& a, const TargetGroupRef& b) { return a.key < b.key; });
  return out;
}

namespace {

constexpr const char* kTargetsKey = "wait/targets";
constexpr const char* kReadyzKey = "wait/readyz";
constexpr const char* kNodesKey = "wait/nodes";
constexpr const char* kSkippedNote =
    "API name does not resolve from this machine; skipped the in-cluster checks";

// One run of the wait: its clock, deadline, events and the outcome being filled.
class Waiter {
 public:
  Waiter(aws::AwsClient& client, const model::ClusterConfig& config, std::string cluster_id,
         std::vector<TargetGroupRef> groups, const CommonOptions& common,
         const WaitSettings& settings)
      : client_(client),
        config_(config),
        cluster_id_(std::move(cluster_id)),
        groups_(std::move(groups)),
        common_(common),
        settings_(settings),
        clock_(settings.clock ? *settings.clock : RealClock::Instance()),
        start_(clock_.Steady()),
        deadline_(start_ + settings.timeout) {}

  WaitOutcome Run() {
    Phase phase(common_.events, clock_, "wait", 3);
    out_.expected_nodes = config_.nodes.masters.count + config_.nodes.workers.count;
    out_.target_groups = static_cast<int>(groups_.size());
    bool ok = WaitForTargets() && CheckApi();
    out_.elapsed_ms = ElapsedMs();
    phase.Done(ok ? (out_.note.empty() ? "the cluster answers" : out_.note)
               : out_.stage == Stage::kNotReady ? "not ready"
                                                : "failed");
    return out_;
  }

 private:
  long long ElapsedMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - start_).count();
  }

  void Emit(engine::EventType type, const std::string& key, const std::string& kind,
            std::string detail) {
    if (!common_.events) return;
    engine::Event event;
    event.time = clock_.Now();
    event.type = type;
    event.key = key;
    event.kind = kind;
    event.detail = std::move(detail);
    event.elapsed_ms = ElapsedMs();
    common_.events->Emit(event);
  }

  bool Cancelled() const { return common_.cancel && common_.cancel->load(); }

  bool Fail(Stage stage, Status status) {
    out_.stage = stage;
    out_.status = std::move(status);
    return false;
  }

  // Sleeps until the next poll (never past the deadline), in slices so Ctrl-C ends it soon.
  // False when the deadline has passed or the run was cancelled.
  bool NextPoll() {
    auto remaining = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - clock_.Steady());
    };
    if (remaining().count() <= 0) return false;
    auto wait = std::min(poll_, remaining());
    auto until = clock_.Steady() + wait;
    while (!Cancelled() && clock_.Steady() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - clock_.Steady());
      clock_.SleepFor(std::min(left, std::chrono::milliseconds(200)));
    }
    poll_ = std::min(settings_.max_poll, poll_ + poll_ / 2);
    return !Cancelled();
  }

  // Errors that only mean "not yet": a new target group not visible yet (eventual
  // consistency), throttling and transient failures the client's own retries did not absorb.
  // Anything else (access denied, bad input) ends the wait at once.
  static bool PollAgain(StatusCode code) {
    return code == StatusCode::kNotFound || code == StatusCode::kNotYetConsistent ||
           code == StatusCode::kThrottled || code == StatusCode::kTransient;
  }

  bool CancelledFail(const char* key, const char* kind) {
    Emit(engine::EventType::kNodeFailed, key, kind, "interrupted");
    return Fail(Stage::kWait, Status::Cancelled("interrupted while waiting for the cluster"));
  }

  // Step 1: every target group has `masters` healthy targets.
  bool WaitForTargets() {
    const char* kind = "wait.target_health";
    Emit(engine::EventType::kNodeStarted, kTargetsKey, kind, "");
    if (groups_.empty()) {
      // No journal entry (a lost state.db, a stack-built cluster): the cloud is the truth.
      auto found = TargetGroupsByTag(client_, cluster_id_);
      if (!found.ok()) {
        if (found.status().code() == StatusCode::kCancelled) {
          return CancelledFail(kTargetsKey, kind);
        }
        Emit(engine::EventType::kNodeFailed, kTargetsKey, kind, found.status().ToString());
        return Fail(Stage::kWait, found.status());
      }
      groups_ = std::move(*found);
      out_.target_groups = static_cast<int>(groups_.size());
    }
    if (groups_.empty()) {
      Emit(engine::EventType::kNodeFailed, kTargetsKey, kind, "no target group of the cluster");
      return Fail(Stage::kWait,
                  Status::InvalidInput(fmt::format(
                      "cluster {} has no target group, neither in the journal of {} nor tagged in "
                      "AWS (no cluster yet, or it was destroyed): run 'tectonic create cluster "
                      "--dir {}' first",
                      cluster_id_, common_.dir.string(), common_.dir.string())));
    }
    std::vector<std::string> keys;
    for (const auto& g : groups_) keys.push_back(g.key);
    int expected = config_.nodes.masters.count;
    aws::Elbv2 elb(client_);
    poll_ = settings_.first_poll;
    while (true) {
      if (Cancelled()) return CancelledFail(kTargetsKey, kind);
      ++out_.polls;
      std::vector<TargetReport> targets;
      std::string unanswered;  // a group AWS could not describe this time (retried next poll)
      for (const auto& g : groups_) {
        auto health = elb.DescribeTargetHealth(g.arn);
        if (!health.ok()) {
          StatusCode code = health.status().code();
          if (code == StatusCode::kCancelled) return CancelledFail(kTargetsKey, kind);
          if (!PollAgain(code)) {
            Emit(engine::EventType::kNodeFailed, kTargetsKey, kind, health.status().ToString());
            return Fail(Stage::kWait, health.status());
          }
          unanswered = GroupLabel(g.key) + ": " + health.status().message();
          continue;
        }
        for (const auto& t : *health) {
          targets.push_back({g.key, t.target_id, t.port, t.state, t.reason, t.description});
        }
      }
      out_.targets = targets;
      out_.total_targets = static_cast<int>(targets.size());
      out_.healthy_targets = static_cast<int>(std::count_if(
          targets.begin(), targets.end(), [](const auto& t) { return t.state == "healthy"; }));
      std::string progress = TargetProgress(keys, targets, expected);
      if (!unanswered.empty()) progress += " (not answered yet: " + unanswered + ")";
      if (TargetsReady(keys, targets, expected)) {
        Emit(engine::EventType::kNodeDone, kTargetsKey, kind, progress);
        return true;
      }
      Emit(engine::EventType::kNodeWaiting, kTargetsKey, kind, progress);
      if (!NextPoll()) {
        if (Cancelled()) return CancelledFail(kTargetsKey, kind);
        return NotReady(kTargetsKey, kind, fmt::format("targets not healthy ({})", progress), {});
      }
    }
  }

  // Steps 2 and 3: /readyz, then Ready nodes, when the API name resolves here.
  bool CheckApi() {
    std::string host = config_.ApiHost();
    auto resolves = settings_.resolves ? settings_.resolves : HostResolves;
    out_.api_resolves = resolves(host);
    if (!out_.api_resolves) {
      out_.note = kSkippedNote;
      std::string detail = fmt::format("skipped: {} does not resolve from this machine", host);
      Emit(engine::EventType::kNodeDone, kReadyzKey, "wait.api_readyz", detail);
      Emit(engine::EventType::kNodeDone, kNodesKey, "wait.nodes_ready", detail);
      return true;
    }
    model::ClusterDir dir{common_.dir};
    ApiEndpoint endpoint{host,
                         443,
                         "",
                         dir.TlsDir() / "ca.crt",
                         dir.TlsDir() / "admin.crt",
                         dir.TlsDir() / "admin.key"};
    for (const auto& file : {endpoint.ca_file, endpoint.cert_file, endpoint.key_file}) {
      if (!std::filesystem::exists(file)) {
        return Fail(Stage::kWait, Status::InvalidInput(fmt::format(
                                      "{} is missing: the wait talks to the API server with the "
                                      "cluster's CA and admin certificate; run 'tectonic create "
                                      "assets --dir {}' (it keeps what exists)",
                                      file.string(), common_.dir.string())));
      }
    }
    // The admin key is a secret: mask it should it ever reach a message.
    if (auto key = files::ReadFile(endpoint.key_file); key.ok()) RegisterSecret(*key);
    auto prober =
        settings_.make_prober ? settings_.make_prober(endpoint) : MakeCurlApiProber(endpoint);
    return WaitForReadyz(*prober) && WaitForNodes(*prober);
  }

  bool WaitForReadyz(ApiProber& prober) {
    const char* kind = "wait.api_readyz";
    Emit(engine::EventType::kNodeStarted, kReadyzKey, kind, "");
    poll_ = settings_.first_poll;
    while (true) {
      if (Cancelled()) return CancelledFail(kReadyzKey, kind);
      ++out_.polls;
      auto answer = prober.Get("/readyz");
      std::string state =
          answer.ok() ? fmt::format("GET /readyz: {}", answer->status) : answer.status().message();
      if (answer.ok() && answer->status == 200) {
        Emit(engine::EventType::kNodeDone, kReadyzKey, kind, "GET /readyz: 200");
        return true;
      }
      Emit(engine::EventType::kNodeWaiting, kReadyzKey, kind, state);
      if (!NextPoll()) {
        if (Cancelled()) return CancelledFail(kReadyzKey, kind);
        return NotReady(kReadyzKey, kind, "the API server is not ready (" + state + ")",
                        {"asg/master"});
      }
    }
  }

  bool WaitForNodes(ApiProber& prober) {
    const char* kind = "wait.nodes_ready";
    Emit(engine::EventType::kNodeStarted, kNodesKey, kind, "");
    poll_ = settings_.first_poll;
    while (true) {
      if (Cancelled()) return CancelledFail(kNodesKey, kind);
      ++out_.polls;
      auto answer = prober.Get("/api/v1/nodes");
      std::string state;
      if (!answer.ok()) {
        state = answer.status().message();
      } else if (answer->status != 200) {
        state = fmt::format("GET /api/v1/nodes: {}", answer->status);
      } else if (auto nodes = ParseNodeList(answer->body); !nodes.ok()) {
        state = nodes.status().message();
      } else {
        ready_names_ = nodes->ready;
        out_.ready_nodes = static_cast<int>(nodes->ready.size());
        state = fmt::format("{}/{} nodes Ready", out_.ready_nodes, out_.expected_nodes);
        if (out_.ready_nodes >= out_.expected_nodes) {
          Emit(engine::EventType::kNodeDone, kNodesKey, kind, state);
          return true;
        }
      }
      Emit(engine::EventType::kNodeWaiting, kNodesKey, kind, state);
      if (!NextPoll()) {
        if (Cancelled()) return CancelledFail(kNodesKey, kind);
        return NotReady(kNodesKey, kind, "nodes not Ready (" + state + ")",
                        {"asg/master", "asg/worker"});
      }
    }
  }

  // The deadline passed: diagnose, report, and stop with kNotReady.
  bool NotReady(const char* key, const char* kind, const std::string& waiting_for,
                const std::set<std::string>& suspect_roles) {
    Diagnose(suspect_roles);
    out_.elapsed_ms = ElapsedMs();
    out_.diagnosis =
        FormatDiagnosis(out_, waiting_for, static_cast<long long>(settings_.timeout.count()));
    Emit(engine::EventType::kNodeFailed, key, kind, out_.diagnosis);
    out_.stage = Stage::kNotReady;
    out_.status =
        Status::Failed(Redact(fmt::format("the cluster did not become ready within {}s: {}",
                                          settings_.timeout.count(), waiting_for)));
    return false;
  }

  // Every instance of the cluster and its state; the console tail of the failing ones (a
  // target of theirs is not healthy, they do not run, or a suspect role the API check blames
  // whose node is not Ready). AWS errors here only leave the diagnosis shorter.
  void Diagnose(const std::set<std::string>& suspect_roles) {
    std::set<std::string> failing_targets;
    for (const auto& t : out_.targets) {
      if (t.state != "healthy") failing_targets.insert(t.target_id);
    }
    aws::Ec2 ec2(client_);
    aws::DescribeQuery query;
    query.filters.push_back(aws::TagFilter("tectonicClusterID", cluster_id_));
    query.filters.push_back(
        {"instance-state-name", {"pending", "running", "shutting-down", "stopping", "stopped"}});
    auto instances = ec2.DescribeInstances(query);
    if (!instances.ok()) return;
    for (const auto& i : *instances) {
      InstanceReport r;
      r.id = i.id;
      auto role = i.tags.find("tectonic.io/resource");
      r.role = role != i.tags.end() ? role->second : "";
      r.state = i.state;
      r.zone = i.availability_zone;
      r.private_ip = i.private_ip;
      bool suspect = suspect_roles.count(r.role) > 0 &&
                     (ready_names_.empty() || ready_names_.count(i.private_dns_name) == 0);
      r.failing = failing_targets.count(i.id) > 0 || i.state != "running" || suspect;
      out_.instances.push_back(std::move(r));
    }
    int consoles = 0;
    for (auto& r : out_.instances) {
      if (!r.failing || consoles >= settings_.max_console_instances) continue;
      ++consoles;
      auto console = ec2.GetConsoleOutput(r.id);
      if (!console.ok()) {
        r.console_tail = "(console unavailable: " + console.status().message() + ")\n";
      } else if (console->output.empty()) {
        r.console_tail = "(nothing posted to the console yet)\n";
      } else {
        r.console_tail = Redact(LastLines(console->output, settings_.console_lines));
      }
    }
  }

  aws::AwsClient& client_;
  const model::ClusterConfig& config_;
  std::string cluster_id_;
  std::vector<TargetGroupRef> groups_;
  const CommonOptions& common_;
  const WaitSettings& settings_;
  Clock& clock_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::milliseconds poll_{2000};
  std::set<std::string> ready_names_;  // node names the API last reported Ready
  WaitOutcome out_;
};

}  // namespace

WaitOutcome WaitForClusterWith(aws::AwsClient& client, const model::ClusterConfig& config,
                               const std::string& cluster_id,
                               const std::vector<TargetGroupRef>& target_groups,
                               const CommonOptions& common, const WaitSettings& settings) {
  return Waiter(client, config, cluster_id, target_groups, common, settings).Run();
}

WaitOutcome WaitForCluster(const WaitOptions& options) {
  WaitOutcome out;
  auto fail = [&out](Stage stage, Status status) {
    out.stage = stage;
    out.status = std::move(status);
    return out;
  };
  model::ClusterDir dir{options.dir};
  auto metadata = model::LoadMetadata(dir);
  if (auto destroyed = model::LoadDestroyedClusters(dir);
      !metadata.ok() && destroyed.ok() && !destroyed->empty()) {
    // Its cluster was destroyed: the message says which, when, and how to install a new one.
    return fail(Stage::kConfig, Status::InvalidInput(metadata.status().message()));
  }
  if (!metadata.ok()) {
    return fail(Stage::kConfig,
                Status::InvalidInput(fmt::format(
                    "{} holds no cluster yet (no metadata.json); run 'tectonic create cluster "
                    "--dir {}'",
                    options.dir.string(), options.dir.string())));
  }
  // cluster.yaml: the names, node counts; loading it registers the license and pull secret.
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(options.dir, &errors);
  if (!loaded.ok()) return fail(Stage::kConfig, loaded.status());
  // The bootstrap token may show in a node's console: mask it.
  if (auto token = files::ReadFile(dir.AuthDir() / "bootstrap-token"); token.ok()) {
    (void)assets::ParseBootstrapToken(*token);
  }
  std::vector<TargetGroupRef> groups;  // none: found by their tags in AWS
  if (std::filesystem::exists(dir.Journal())) {
    auto journal = engine::Journal::Open(dir.Journal());
    if (!journal.ok()) return fail(Stage::kWait, journal.status());
    auto entries = (*journal)->LoadAll();
    if (!entries.ok()) return fail(Stage::kWait, entries.status());
    groups = TargetGroupsOf(*entries);
  }
  auto aws = AwsContext::Open(options, metadata->region);
  if (!aws.ok()) return fail(Stage::kAwsSession, aws.status());
  out = WaitForClusterWith((*aws)->client(), loaded->config, metadata->cluster_id, groups, options,
                           options.settings);
  out.calls = (*aws)->counts();
  return out;
}

}  // namespace tectonic::installer
