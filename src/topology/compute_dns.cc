// Layer 5: the private zone, etcd instances and their records, launch templates, Auto Scaling
// groups, and the API/console records. Instances wait for what they need at boot: their
// ignition object, their security rules, an instance profile (with its policy) and a route
// to the internet (NAT for private subnets), since they fetch ignition from S3.
#include <fmt/format.h>

#include "topology/builder.h"
#include "topology/names.h"

namespace tectonic::topology::internal {
namespace {

using engine::Ref;
using nlohmann::json;

json RootVolume(const model::NodePool& pool) {
  return {{"device_name", "/dev/xvda"},
          {"size_gib", pool.root_volume_gib},
          {"volume_type", "gp3"},
          {"encrypted", true},
          {"delete_on_termination", true}};
}

json UserData(const Context& ctx, const std::string& role) {
  return {{"ignition_url", ctx.IgnitionUrl(role)},
          {"ignition_sha512", ctx.in->ignition.at(role).sha512}};
}

// Routing a node in subnet/<role>/<az> needs before it boots.
std::vector<std::string> RoutingDeps(const Context& ctx, const std::string& role,
                                     const std::string& az) {
  std::vector<std::string> deps;
  deps.push_back(role == "master" ? "route/public" : "route/private/" + az);
  const std::string assoc = "rtbassoc/" + role + "/" + az;
  if (ctx.graph.Find(assoc) != nullptr) deps.push_back(assoc);
  return deps;
}

json Alias(const std::string& nlb_key) {
  return {{"dns_name", Ref(nlb_key, "dns_name")},
          {"hosted_zone_id", Ref(nlb_key, "canonical_zone_id")},
          {"evaluate_target_health", false}};
}

void AddPrivateZoneAndEtcd(Context* ctx) {
  const auto& config = *ctx->config;
  ctx->Add("zone/private", "route53.private_zone",
           {{"name", config.InternalZone()},
            {"vpc_id", Ref("vpc")},
            {"vpc_region", config.aws.region},
            {"caller_reference", ctx->in->cluster_id + "/zone/private"},
            {"comment", fmt::format("tectonic cluster {} (private)", config.name)},
            {"tags", ctx->Tags("zone/private", config.InternalZone())}});
  const auto& pool = config.nodes.etcd;
  for (int i = 0; i < ctx->etcd_count; ++i) {
    const std::string az = ctx->zones[i % ctx->zones.size()];
    const std::string key = fmt::format("etcd/{}", i);
    const std::string role = fmt::format("etcd-{}", i);
    const std::string name = ctx->Name(role);
    std::vector<std::string> deps = RoutingDeps(*ctx, "worker", az);
    deps.push_back("s3/ignition/" + role);
    deps.push_back("sg/etcd/rules");
    ctx->Add(key, "ec2.instance",
             {{"image_id", ctx->ami_id},
              {"instance_type", pool.instance_type},
              {"key_name", config.aws.ssh_key_name},
              {"subnet_id", Ref("subnet/worker/" + az)},
              {"security_group_ids", json::array({Ref("sg/etcd")})},
              {"iam_instance_profile_arn", Ref("iam/etcd/profile", "arn")},
              {"root_volume", RootVolume(pool)},
              {"user_data", UserData(*ctx, role)},
              {"metadata_http_tokens", "required"},
              {"tags", ctx->Tags(key, name)}},
             deps);
    ctx->Add(fmt::format("dns/etcd/{}", i), "route53.record",
             {{"zone_id", Ref("zone/private")},
              {"name", config.EtcdHost(i)},
              {"type", "A"},
              {"ttl", 60},
              {"records", json::array({Ref(key, "private_ip")})}});
  }
}

void AddGroup(Context* ctx, const std::string& role, const model::NodePool& pool, int max_size) {
  const auto& config = *ctx->config;
  const std::string lt = "lt/" + role;
  const std::string asg = "asg/" + role;
  const std::string node_name = ctx->Name(role);
  ctx->Add(lt, "ec2.launch_template",
           {{"name", ctx->Name(role, kLaunchTemplateNameLimit)},
            {"image_id", ctx->ami_id},
            {"instance_type", pool.instance_type},
            {"key_name", config.aws.ssh_key_name},
            {"security_group_ids", json::array({Ref("sg/" + role)})},
            {"iam_instance_profile_arn", Ref("iam/" + role + "/profile", "arn")},
            {"root_volume", RootVolume(pool)},
            {"user_data", UserData(*ctx, role)},
            {"metadata_http_tokens", "required"},
            {"instance_tags", ctx->Tags(asg, node_name)},
            {"tags", ctx->Tags(lt, ctx->Name(role, kLaunchTemplateNameLimit))}},
           {"s3/ignition/" + role, "sg/" + role + "/rules"});
  json subnets = json::array();
  std::vector<std::string> deps;
  for (const auto& az : ctx->zones) {
    subnets.push_back(Ref("subnet/" + role + "/" + az));
    for (auto& d : RoutingDeps(*ctx, role, az)) deps.push_back(d);
  }
  json target_groups = json::array();
  if (role == "master") {
    for (const auto& tg : ctx->master_target_groups) target_groups.push_back(Ref(tg, "arn"));
  }
  const std::string name = ctx->Name(role + "s", kAutoScalingGroupNameLimit);
  ctx->Add(asg, "autoscaling.group",
           {{"name", name},
            {"launch_template_id", Ref(lt)},
            {"launch_template_version", "$Latest"},
            {"min_size", pool.count},
            {"desired_capacity", pool.count},
            {"max_size", max_size},
            {"subnets", subnets},
            {"target_group_arns", target_groups},
            {"health_check_type", "EC2"},
            {"health_check_grace_period", 300},
            {"min_in_service", pool.count},
            {"tags", ctx->Tags(asg, name)}},
           deps);
}

void AddRecords(Context* ctx) {
  const auto& config = *ctx->config;
  // Internal API: the public name resolves to the internal NLB (reachable only from the VPC or
  // networks peered with it), so kubeconfig and certificates keep one API name.
  const std::string api_nlb = ctx->public_api ? "nlb/api-ext" : "nlb/api-int";
  ctx->Add("dns/api", "route53.record",
           {{"zone_id", ctx->public_zone_id},
            {"name", config.ApiHost()},
            {"type", "A"},
            {"alias", Alias(api_nlb)}});
  ctx->Add("dns/console", "route53.record",
           {{"zone_id", ctx->public_zone_id},
            {"name", config.ConsoleHost()},
            {"type", "A"},
            {"alias", Alias("nlb/console")}});
  ctx->Add("dns/api-int", "route53.record",
           {{"zone_id", Ref("zone/private")},
            {"name", config.InternalApiHost()},
            {"type", "A"},
            {"alias", Alias("nlb/api-int")}});
}

}  // namespace

Status AddComputeAndDns(Context* ctx) {
  const auto& nodes = ctx->config->nodes;
  AddPrivateZoneAndEtcd(ctx);
  AddGroup(ctx, "master", nodes.masters, nodes.masters.count);
  AddGroup(ctx, "worker", nodes.workers, 3 * nodes.workers.count);
  AddRecords(ctx);
  return Status::Ok();
}

}  // namespace tectonic::topology::internal
