// Resource Groups Tagging API GetResources over every tagged resource that has an ARN:
// EC2, ELBv2, Auto Scaling, Route 53 hosted zones, S3 buckets and KMS keys. Untagged
// resources are never listed; pages are ResourcesPerPage long with an opaque token.
#include <algorithm>

#include "ec2_common.h"
#include "paging.h"
#include "server.h"

namespace awsim {

namespace {

using nlohmann::json;

struct Tagged {
  std::string arn, type;  // type as in ResourceTypeFilters, e.g. "ec2:instance"
  const Tags* tags;
};

std::vector<Tagged> Collect(Context& ctx) {
  std::vector<Tagged> out;
  auto ec2 = [&](const auto& map, const std::string& type) {
    for (const auto& [id, r] : map)
      if (r.region == ctx.region && !r.tags.empty() && ctx.Visible(id))
        out.push_back({ctx.Arn("ec2", type + "/" + id), "ec2:" + type, &r.tags});
  };
  ec2(ctx.world.vpcs, "vpc");
  ec2(ctx.world.subnets, "subnet");
  ec2(ctx.world.igws, "internet-gateway");
  ec2(ctx.world.addresses, "elastic-ip");
  for (const auto& [id, n] : ctx.world.nats) {
    // Deleted NAT gateways stay describable for a while but leave the tagging index.
    if (n.region == ctx.region && !n.tags.empty() && ctx.Visible(id) &&
        ec2::NatState(ctx, n) != "deleted")
      out.push_back({ctx.Arn("ec2", "natgateway/" + id), "ec2:natgateway", &n.tags});
  }
  ec2(ctx.world.route_tables, "route-table");
  ec2(ctx.world.security_groups, "security-group");
  ec2(ctx.world.key_pairs, "key-pair");
  ec2(ctx.world.images, "image");
  ec2(ctx.world.launch_templates, "launch-template");
  for (const auto& [id, i] : ctx.world.instances) {
    // Terminated instances drop out of the tagging index.
    if (i.region == ctx.region && !i.tags.empty() && ctx.Visible(id) &&
        ec2::InstanceState(ctx, i).second != "terminated")
      out.push_back({ctx.Arn("ec2", "instance/" + id), "ec2:instance", &i.tags});
  }
  auto elb = [&](const auto& map, const std::string& type) {
    for (const auto& [arn, r] : map)
      if (r.region == ctx.region && !r.tags.empty())
        out.push_back({arn, "elasticloadbalancing:" + type, &r.tags});
  };
  elb(ctx.world.load_balancers, "loadbalancer");
  elb(ctx.world.target_groups, "targetgroup");
  elb(ctx.world.listeners, "listener");
  for (const auto& [name, g] : ctx.world.asgs)
    if (g.region == ctx.region && !g.tags.empty())
      out.push_back({g.arn, "autoscaling:autoScalingGroup", &g.tags});
  if (ctx.region == "us-east-1") {
    for (const auto& [id, z] : ctx.world.zones)
      if (!z.tags.empty())
        out.push_back({"arn:aws:route53:::hostedzone/" + id, "route53:hostedzone", &z.tags});
  }
  for (const auto& [name, b] : ctx.world.buckets)
    if (b.region == ctx.region && !b.tags.empty())
      out.push_back({"arn:aws:s3:::" + name, "s3:bucket", &b.tags});
  for (const auto& [id, k] : ctx.world.kms_keys)
    if (k.region == ctx.region && !k.tags.empty() && k.state != "PendingDeletion")
      out.push_back({k.arn, "kms:key", &k.tags});
  std::sort(out.begin(), out.end(), [](const Tagged& a, const Tagged& b) { return a.arn < b.arn; });
  return out;
}

Response GetResources(Context& ctx, const json& in) {
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;
  for (const auto& f : in.value("TagFilters", json::array())) {
    std::string key = f.value("Key", "");
    if (key.empty()) Fail(400, "InvalidParameterException", "TagFilters.Key must not be empty");
    filters.emplace_back(key, f.value("Values", std::vector<std::string>{}));
  }
  if (filters.size() > 50) Fail(400, "InvalidParameterException", "At most 50 TagFilters");
  auto types = in.value("ResourceTypeFilters", std::vector<std::string>{});
  int per_page = in.value("ResourcesPerPage", 50);
  if (per_page < 1 || per_page > 100)
    Fail(400, "InvalidParameterException", "ResourcesPerPage must be between 1 and 100");
  std::string start;
  std::string token = in.value("PaginationToken", "");
  if (!token.empty()) {
    auto key = DecodePageToken("GetResources", token);
    if (!key)
      Fail(400, "PaginationTokenExpiredException", "The pagination token is invalid or expired");
    start = *key;
  }
  Pager pager("GetResources", start, static_cast<size_t>(per_page));
  json list = json::array();
  for (const auto& r : Collect(ctx)) {
    bool type_ok = types.empty();
    for (const auto& t : types) {
      if (t.find(':') == std::string::npos)
        type_ok = type_ok || r.type.rfind(t + ":", 0) == 0;
      else
        type_ok = type_ok || r.type == t;
    }
    bool tags_ok = true;
    for (const auto& [key, values] : filters) {
      auto it = r.tags->find(key);
      bool hit = it != r.tags->end() && (values.empty() || std::find(values.begin(), values.end(),
                                                                     it->second) != values.end());
      tags_ok = tags_ok && hit;
    }
    if (!type_ok || !tags_ok || !pager.Take(r.arn)) continue;
    json tags = json::array();
    for (const auto& [k, v] : *r.tags) tags.push_back({{"Key", k}, {"Value", v}});
    list.push_back({{"ResourceARN", r.arn}, {"Tags", tags}});
  }
  return JsonResponse(ctx,
                      {{"PaginationToken", pager.NextToken()}, {"ResourceTagMappingList", list}});
}

}  // namespace

Response HandleTagging(Context& ctx) {
  json in = json::parse(ctx.req.body.empty() ? "{}" : ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object()) Fail(400, "SerializationException", "Malformed JSON");
  if (ctx.operation == "GetResources") return GetResources(ctx, in);
  Fail(400, "UnknownOperationException", "Unknown operation " + ctx.operation);
}

}  // namespace awsim
