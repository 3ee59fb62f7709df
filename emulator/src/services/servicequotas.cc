// Service Quotas GetServiceQuota for the quotas the emulator enforces (aws-wire.md 7.2).
#include "server.h"

namespace awsim {

namespace {

struct QuotaInfo {
  const char* service;
  const char* code;
  const char* name;
  double value;
};

// The values the emulator enforces (ec2_network.cc, elbv2.cc).
constexpr QuotaInfo kQuotas[] = {
    {"vpc", "L-F678F1CE", "VPCs per Region", 5},
    {"vpc", "L-A4707A72", "Internet gateways per Region", 5},
    {"vpc", "L-FE5A380F", "NAT gateways per Availability Zone", 5},
    {"ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", 5},
    {"vpc", "L-407747CB", "Subnets per VPC", 200},
    {"vpc", "L-589F43AA", "Route tables per VPC", 200},
    {"vpc", "L-93826ACB", "Routes per route table", 50},
    {"vpc", "L-E79EC296", "VPC security groups per Region", 2500},
    {"vpc", "L-0EA8095F", "Inbound or outbound rules per security group", 60},
    {"elasticloadbalancing", "L-69A177A2", "Network Load Balancers per Region", 50},
    {"elasticloadbalancing", "L-B22855CB", "Target Groups per Region", 3000},
};

}  // namespace

Response HandleServiceQuotas(Context& ctx) {
  using nlohmann::json;
  json in = json::parse(ctx.req.body.empty() ? "{}" : ctx.req.body, nullptr, false);
  if (in.is_discarded() || !in.is_object()) Fail(400, "SerializationException", "Malformed JSON");
  if (ctx.operation != "GetServiceQuota")
    Fail(400, "UnknownOperationException", "Unknown operation " + ctx.operation);
  std::string service = in.value("ServiceCode", ""), code = in.value("QuotaCode", "");
  if (service.empty() || code.empty())
    Fail(400, "IllegalArgumentException", "ServiceCode and QuotaCode are required");
  for (const auto& q : kQuotas) {
    if (service != q.service || code != q.code) continue;
    std::string arn =
        "arn:aws:servicequotas:" + ctx.region + ":" + kAccountId + ":" + service + "/" + code;
    json quota = {{"ServiceCode", service}, {"ServiceName", service}, {"QuotaArn", arn},
                  {"QuotaCode", code},      {"QuotaName", q.name},    {"Value", q.value},
                  {"Unit", "None"},         {"Adjustable", true},     {"GlobalQuota", false}};
    return JsonResponse(ctx, {{"Quota", quota}});
  }
  Fail(400, "NoSuchResourceException",
       "The request failed because the specified service quota " + service + "/" + code +
           " does not exist.");
}

}  // namespace awsim
