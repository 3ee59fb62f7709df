// The tag sweep's loop (sweep.h): discover, delete what can go, wait a little, rediscover,
// until nothing is left or the deadline passes. Discovery: sweep_discovery.cc; deletes:
// sweep_delete.cc.
#include "resources/sweep.h"

#include <algorithm>
#include <set>
#include <utility>

#include "resources/handler_util.h"
#include "resources/sweep_internal.h"
#include "util/log.h"

namespace tectonic::resources {
namespace sweep {

std::string ClusterTagKey(const std::string& cluster_id) {
  return "kubernetes.io/cluster/" + cluster_id;
}

bool IsOwnedTags(const aws::Tags& tags, const std::string& cluster_id) {
  auto id = tags.find(std::string(kClusterIdTagKey));
  if (id != tags.end() && id->second == cluster_id) return true;
  auto k8s = tags.find(ClusterTagKey(cluster_id));
  return k8s != tags.end() && k8s->second == "owned";
}

bool IsSharedTags(const aws::Tags& tags, const std::string& cluster_id) {
  auto k8s = tags.find(ClusterTagKey(cluster_id));
  return k8s != tags.end() && k8s->second == "shared";
}

std::vector<Leftover> Inventory::Leftovers() const {
  std::vector<Leftover> out;
  auto add = [&](const char* kind, const std::string& id, std::string detail = "") {
    out.push_back({kind, id, std::move(detail)});
  };
  for (const auto& name : asgs) add("autoscaling:group", name);
  auto key_of = [](const aws::Tags& tags) {
    auto it = tags.find(std::string(kResourceTagKey));
    return it == tags.end() ? std::string() : it->second;
  };
  for (const auto& i : instances) {
    add("ec2:instance", i.id, i.state);
    out.back().key = key_of(i.tags);
  }
  for (const auto& r : records) {
    add("route53:record", r.zone_id + "/" + r.record.name + "/" + r.record.type,
        "alias of " + r.record.alias->dns_name);
  }
  for (const auto& arn : listeners) add("elbv2:listener", arn);
  for (const auto& lb : load_balancers) add("elbv2:load-balancer", lb.arn, lb.state);
  for (const auto& arn : target_groups) add("elbv2:target-group", arn);
  for (const auto& id : launch_templates) add("ec2:launch-template", id);
  for (const auto& n : nat_gateways) add("ec2:natgateway", n.id, n.state);
  for (const auto& a : addresses) add("ec2:elastic-ip", a.allocation_id, a.public_ip);
  for (const auto& e : enis) add("ec2:network-interface", e.id, e.status);
  for (const auto& g : security_groups) add("ec2:security-group", g.id, g.name);
  for (const auto& id : subnets) add("ec2:subnet", id);
  for (const auto& t : route_tables) add("ec2:route-table", t.id);
  for (const auto& g : igws) add("ec2:internet-gateway", g.id);
  for (const auto& id : vpcs) add("ec2:vpc", id);
  for (const auto& v : volumes) {
    add("ec2:volume", v.id, v.state);
    out.back().key = key_of(v.tags);
  }
  for (const auto& z : private_zones) add("route53:private-zone", z.id, z.name);
  for (const auto& p : profiles) add("iam:instance-profile", p.name);
  for (const auto& name : roles) add("iam:role", name);
  for (const auto& name : buckets) add("s3:bucket", name);
  for (const auto& name : aliases) add("kms:alias", name);
  for (const auto& id : keys) add("kms:key", id);
  for (const auto& id : shared) add("ec2:shared-tag", id, "tag " + std::string("removed only"));
  out.insert(out.end(), unknown.begin(), unknown.end());
  return out;
}

}  // namespace sweep

namespace {

Status CheckOptions(const SweepOptions& options) {
  if (options.cluster_id.empty()) return Status::InvalidInput("sweep: cluster id is empty");
  return Status::Ok();
}

}  // namespace

Result<std::vector<Leftover>> ListOwned(aws::AwsClient& client, const SweepOptions& options) {
  TECTONIC_RETURN_IF_ERROR(CheckOptions(options));
  sweep::SweepState state;
  // Two rounds: the first learns the NLBs' DNS names the public records are matched against.
  TECTONIC_ASSIGN_OR_RETURN(auto first, sweep::Discover(client, options, state));
  if (first.records.empty() && !state.lb_dns_names.empty()) {
    TECTONIC_ASSIGN_OR_RETURN(first, sweep::Discover(client, options, state));
  }
  return first.Leftovers();
}

SweepResult SweepCluster(aws::AwsClient& client, const SweepOptions& options) {
  SweepResult result;
  result.status = CheckOptions(options);
  if (!result.status.ok()) return result;
  Clock& clock = options.clock != nullptr ? *options.clock : client.clock();
  const auto deadline = clock.Steady() + options.deadline;
  sweep::SweepState state;
  Status last_error;
  size_t last_count = SIZE_MAX;
  Clock::Duration delay{1000};
  for (int pass = 1;; ++pass) {
    auto inv = sweep::Discover(client, options, state);
    if (!inv.ok()) {
      // A throttled or transient discovery is retried until the deadline; others are final.
      if (!inv.status().IsRetryable() || clock.Steady() >= deadline) {
        result.status = inv.status();
        return result;
      }
      clock.SleepFor(delay);
      continue;
    }
    // A public record found late (its NLB learnt this pass) needs one more look.
    if (pass == 1 && !state.lb_dns_names.empty() && inv->records.empty()) {
      auto again = sweep::Discover(client, options, state);
      if (again.ok()) inv = std::move(again);
    }
    std::vector<Leftover> now = inv->Leftovers();
    if (options.dry_run || now.empty() || clock.Steady() >= deadline) {
      result.remaining = std::move(now);
      break;
    }
    size_t before = result.deleted.size();
    last_error = sweep::DeletePass(client, options, *inv, state, result.deleted);
    bool progressed = result.deleted.size() > before || now.size() < last_count;
    last_count = now.size();
    log::Info("sweep pass {}: {} left, {} deleted so far", pass, now.size(), result.deleted.size());
    // Short waits while things go away; back off while only waiting on AWS.
    delay = progressed ? Clock::Duration(1000) : std::min(delay * 2, Clock::Duration(15000));
    auto left = std::chrono::duration_cast<Clock::Duration>(deadline - clock.Steady());
    if (left.count() > 0) clock.SleepFor(std::min(delay, left));
  }
  if (result.remaining.empty()) {
    result.status = Status::Ok();
  } else if (!options.dry_run) {
    std::string message = "sweep: " + std::to_string(result.remaining.size()) +
                          " resource(s) of cluster " + options.cluster_id +
                          " remain after the deadline";
    if (!last_error.ok()) message += "; last error: " + last_error.ToString();
    result.status = Status::Failed(message);
  }
  return result;
}

}  // namespace tectonic::resources
