// Layer 4: the network load balancers (api-ext, api-int, console), their target groups and
// listeners as separate nodes. An NLB depends only on its subnets (and, when internet-facing,
// an attached gateway), so this long pole starts as soon as the VPC layer allows.
// apiAccess internal: no api-ext at all, the console NLB is internal.
#include <fmt/format.h>

#include "topology/builder.h"
#include "topology/names.h"

namespace tectonic::topology::internal {
namespace {

using engine::Ref;
using nlohmann::json;

struct Listener {
  int port;
  std::string tg;  // target-group node key
};

void AddTargetGroup(Context* ctx, const std::string& key, const std::string& suffix, int port,
                    json health_check) {
  const std::string name = ctx->Name(suffix, kTargetGroupNameLimit);
  ctx->Add(key, "elbv2.target_group",
           {{"name", name},
            {"protocol", "TCP"},
            {"port", port},
            {"vpc_id", Ref("vpc")},
            {"target_type", "instance"},
            {"health_check", std::move(health_check)},
            {"tags", ctx->Tags(key, name)}});
  ctx->master_target_groups.push_back(key);
}

void AddNlb(Context* ctx, const std::string& which, bool internet_facing,
            const std::vector<Listener>& listeners) {
  const std::string key = "nlb/" + which;
  const std::string name = ctx->Name(which, kLoadBalancerNameLimit);
  json subnets = json::array();
  for (const auto& az : ctx->zones) subnets.push_back(Ref("subnet/master/" + az));
  std::vector<std::string> deps;
  // An internet-facing LB in a VPC without an attached gateway fails (InvalidSubnet).
  if (internet_facing) deps.push_back(ctx->igw_ready);
  ctx->Add(key, "elbv2.load_balancer",
           {{"name", name},
            {"type", "network"},
            {"scheme", internet_facing ? "internet-facing" : "internal"},
            {"ip_address_type", "ipv4"},
            {"subnets", subnets},
            {"attributes", {{"load_balancing.cross_zone.enabled", "true"}}},
            {"tags", ctx->Tags(key, name)}},
           deps);
  for (const auto& l : listeners) {
    ctx->Add(fmt::format("{}/listener/{}", key, l.port), "elbv2.listener",
             {{"load_balancer_arn", Ref(key, "arn")},
              {"protocol", "TCP"},
              {"port", l.port},
              {"default_target_group_arn", Ref(l.tg, "arn")}});
  }
}

json ApiHealthCheck() {
  // kube-apiserver serves /readyz to anonymous clients.
  return {{"protocol", "HTTPS"},    {"port", "443"},          {"path", "/readyz"},
          {"interval_seconds", 10}, {"healthy_threshold", 2}, {"unhealthy_threshold", 2}};
}

json ConsoleHealthCheck() {
  // The Tectonic ingress NodePort service answers /healthz on 32002 (as in the original).
  return {{"protocol", "HTTP"},     {"port", "32002"},        {"path", "/healthz"},
          {"interval_seconds", 10}, {"healthy_threshold", 2}, {"unhealthy_threshold", 2}};
}

}  // namespace

Status AddLoadBalancers(Context* ctx) {
  if (ctx->public_api) {
    AddTargetGroup(ctx, "nlb/api-ext/tg", "api-ext", 443, ApiHealthCheck());
    AddNlb(ctx, "api-ext", true, {{443, "nlb/api-ext/tg"}});
  }
  AddTargetGroup(ctx, "nlb/api-int/tg", "api-int", 443, ApiHealthCheck());
  AddNlb(ctx, "api-int", false, {{443, "nlb/api-int/tg"}});
  // The console: 443 -> NodePort 32000, 80 -> NodePort 32001 on the masters.
  AddTargetGroup(ctx, "nlb/console/tg/https", "con-https", 32000, ConsoleHealthCheck());
  AddTargetGroup(ctx, "nlb/console/tg/http", "con-http", 32001, ConsoleHealthCheck());
  AddNlb(ctx, "console", ctx->public_api,
         {{443, "nlb/console/tg/https"}, {80, "nlb/console/tg/http"}});
  return Status::Ok();
}

}  // namespace tectonic::topology::internal
