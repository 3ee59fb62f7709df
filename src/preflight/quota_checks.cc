// quota-vpcs, quota-eips, quota-nat, quota-nlbs: room for what this cluster adds.
#include <fmt/format.h>

#include <set>

#include "aws/ec2.h"
#include "aws/xml_util.h"
#include "preflight/checks.h"
#include "preflight/quota.h"

namespace tectonic::preflight {
namespace {

// The applied quota, or the documented default when Service Quotas cannot say (unsupported
// code, no permission, an emulator without it).
QuotaLimit LimitOf(CheckContext& ctx, const QuotaSpec& spec) {
  auto response =
      ctx.client().Json(aws::ops::kServiceQuotasGetServiceQuota,
                        {{"ServiceCode", spec.service_code}, {"QuotaCode", spec.quota_code}});
  if (response.ok()) {
    const auto& quota = (*response)["Quota"];
    if (quota.is_object() && quota.contains("Value") && quota["Value"].is_number()) {
      return {quota["Value"].get<double>(), true};
    }
  }
  return {spec.default_value, false};
}

// True when tags mark the resource as this cluster's own (a resumed install).
bool OwnedByCluster(const CheckContext& ctx, const aws::Tags& tags) {
  const std::string& id = ctx.options().cluster_id;
  auto it = tags.find("tectonicClusterID");
  return !id.empty() && it != tags.end() && it->second == id;
}

template <typename T>
int UsageByOthers(const CheckContext& ctx, const std::vector<T>& items) {
  int n = 0;
  for (const auto& item : items) n += OwnedByCluster(ctx, item.tags) ? 0 : 1;
  return n;
}

}  // namespace

CheckResult CheckQuotaVpcs(CheckContext& ctx) {
  int need = VpcsNeeded(ctx.config());
  aws::Ec2 ec2(ctx.client());
  auto vpcs = ec2.DescribeVpcs();
  if (!vpcs.ok()) return AwsFailure("ec2:DescribeVpcs", vpcs.status());
  return EvaluateQuota(kVpcQuota, LimitOf(ctx, kVpcQuota), UsageByOthers(ctx, *vpcs), need);
}

CheckResult CheckQuotaEips(CheckContext& ctx) {
  int need = EipsNeeded(ctx.config(), ctx.Facts().zones);
  aws::Ec2 ec2(ctx.client());
  auto addresses = ec2.DescribeAddresses();
  if (!addresses.ok()) return AwsFailure("ec2:DescribeAddresses", addresses.status());
  return EvaluateQuota(kEipQuota, LimitOf(ctx, kEipQuota), UsageByOthers(ctx, *addresses), need);
}

CheckResult CheckQuotaNat(CheckContext& ctx) {
  auto need = NatGatewaysNeeded(ctx.config(), ctx.Facts().zones);
  aws::Ec2 ec2(ctx.client());
  auto nats = ec2.DescribeNatGateways({{}, {{"state", {"pending", "available"}}}});
  if (!nats.ok()) return AwsFailure("ec2:DescribeNatGateways", nats.status());
  // NAT gateways count per zone: map each one's subnet to its zone.
  std::map<std::string, int> usage;
  if (!nats->empty()) {
    std::set<std::string> subnet_ids;
    for (const auto& n : *nats) subnet_ids.insert(n.subnet_id);
    auto subnets = ec2.DescribeSubnets({{subnet_ids.begin(), subnet_ids.end()}, {}});
    if (!subnets.ok()) return AwsFailure("ec2:DescribeSubnets", subnets.status());
    std::map<std::string, std::string> zone_of;
    for (const auto& s : *subnets) zone_of[s.id] = s.availability_zone;
    for (const auto& n : *nats) {
      if (!OwnedByCluster(ctx, n.tags)) ++usage[zone_of[n.subnet_id]];
    }
  }
  QuotaLimit limit = LimitOf(ctx, kNatQuota);
  std::string details;
  CheckResult worst = CheckResult::Pass("");
  for (const auto& [zone, n] : need) {
    CheckResult r = EvaluateQuota(kNatQuota, limit, usage[zone], n, zone);
    details += r.summary + "\n";
    if (r.state == CheckState::kFail && worst.state != CheckState::kFail) worst = r;
  }
  if (worst.state == CheckState::kFail) {
    worst.details = details;
    return worst;
  }
  return CheckResult::Pass(
      fmt::format("room for {} NAT gateway{} ({} per zone, limit {}{})", need.size(),
                  need.size() == 1 ? "" : "s", 1, limit.value,
                  limit.from_service_quotas ? ", from Service Quotas" : ", the AWS default"),
      details);
}

CheckResult CheckQuotaNlbs(CheckContext& ctx) {
  int usage = 0;
  std::string marker;
  do {
    aws::FormParams params;
    if (!marker.empty()) params.Add("Marker", marker);
    auto response = ctx.client().Query(aws::ops::kElbv2DescribeLoadBalancers, params);
    if (!response.ok()) {
      return AwsFailure("elasticloadbalancing:DescribeLoadBalancers", response.status());
    }
    pugi::xml_node result = response->result();
    for (pugi::xml_node lb : aws::xml::Items(result, "LoadBalancers", "member")) {
      if (aws::xml::Text(lb, "Type") == "network") ++usage;
    }
    marker = aws::xml::Text(result, "NextMarker");
  } while (!marker.empty());
  return EvaluateQuota(kNlbQuota, LimitOf(ctx, kNlbQuota), usage, kNlbsNeeded);
}

}  // namespace tectonic::preflight
