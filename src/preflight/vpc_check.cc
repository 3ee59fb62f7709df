// existing-vpc: the VPC the user gave exists, has an attached internet gateway, DNS support and
// hostnames, and room for the planned subnets.
#include <fmt/format.h>

#include "aws/ec2.h"
#include "preflight/checks.h"
#include "preflight/vpc_plan.h"

namespace tectonic::preflight {

CheckResult CheckExistingVpc(CheckContext& ctx) {
  const auto& config = ctx.config();
  const std::string& vpc_id = config.aws.vpc.id;
  if (vpc_id.empty()) return CheckResult::Skip("not used: tectonic creates a new VPC");
  aws::Ec2 ec2(ctx.client());
  auto vpcs = ec2.DescribeVpcs({{vpc_id}, {}});
  if (!vpcs.ok() && vpcs.status().aws_code().find("InvalidVpcID") == std::string::npos) {
    return AwsFailure("ec2:DescribeVpcs", vpcs.status());
  }
  if (!vpcs.ok() || vpcs->empty()) {
    return CheckResult::Fail(
        fmt::format("VPC {} does not exist in {}", vpc_id, ctx.client().endpoints().region()),
        "set aws.vpc.id to a VPC of this region, or leave it empty to create one");
  }
  const aws::Vpc& vpc = vpcs->front();
  ExistingVpcFacts facts{vpc.id, vpc.cidr_block, "", {}};
  std::vector<std::string> problems;
  std::vector<std::string> fixes;

  auto igws = ec2.DescribeInternetGateways({{}, {{"attachment.vpc-id", {vpc_id}}}});
  if (!igws.ok()) return AwsFailure("ec2:DescribeInternetGateways", igws.status());
  for (const auto& igw : *igws) {
    for (const auto& a : igw.attachments) {
      if (a.vpc_id == vpc_id && (a.state == "available" || a.state == "attached")) {
        facts.internet_gateway_id = igw.id;
      }
    }
  }
  if (facts.internet_gateway_id.empty()) {
    problems.push_back(igws->empty() ? "no internet gateway is attached to " + vpc_id
                                     : "the internet gateway of " + vpc_id + " is not available");
    fixes.push_back(fmt::format(
        "attach one (tectonic never creates it in your VPC): aws ec2 create-internet-gateway, "
        "then aws ec2 attach-internet-gateway --vpc-id {} --internet-gateway-id <igw-id>",
        vpc_id));
  }
  for (auto [attribute, name, flag] :
       {std::tuple{aws::VpcAttribute::kEnableDnsSupport, "DNS support", "--enable-dns-support"},
        std::tuple{aws::VpcAttribute::kEnableDnsHostnames, "DNS hostnames",
                   "--enable-dns-hostnames"}}) {
    auto on = ec2.DescribeVpcAttribute(vpc_id, attribute);
    if (!on.ok()) return AwsFailure("ec2:DescribeVpcAttribute", on.status());
    if (!*on) {
      problems.push_back(std::string(name) + " is off");
      fixes.push_back(fmt::format(
          "aws ec2 modify-vpc-attribute --vpc-id {} {} \"{{\\\"Value\\\":true}}\"", vpc_id, flag));
    }
  }

  auto subnets = ec2.DescribeSubnets({{}, {{"vpc-id", {vpc_id}}}});
  if (!subnets.ok()) return AwsFailure("ec2:DescribeSubnets", subnets.status());
  std::map<std::string, std::string> existing;  // id -> cidr
  const std::string& cluster_id = ctx.options().cluster_id;
  for (const auto& s : *subnets) {
    // A resumed install's own subnets are not the user's to reuse (reusing them would tag
    // them `shared`, and destroy would then leave them behind).
    auto owner = s.tags.find("tectonicClusterID");
    if (!cluster_id.empty() && owner != s.tags.end() && owner->second == cluster_id) continue;
    facts.subnets[s.id] = {s.cidr_block, s.availability_zone};
    existing[s.id] = s.cidr_block;
  }
  auto planned = PlanSubnets(config, ctx.Facts().zones, vpc.cidr_block);
  std::string details;
  if (!planned.ok()) {
    problems.push_back("cannot plan subnets in " + vpc.cidr_block + ": " +
                       planned.status().message());
  } else {
    SubnetFit fit = CheckSubnetFit(*planned, vpc.cidr_block, existing, config.networking.pod_cidr,
                                   config.networking.service_cidr);
    for (const auto& p : fit.problems) problems.push_back(p);
    if (!fit.problems.empty()) {
      fixes.push_back("set aws.vpc.masterSubnets / workerSubnets to free CIDRs inside " +
                      vpc.cidr_block +
                      " (or to existing subnet ids), and pod/service CIDRs outside it");
    }
    for (const auto& p : *planned) {
      details +=
          fmt::format("{} {}: {}{}\n", p.role, p.zone, p.cidr.empty() ? p.subnet_id : p.cidr,
                      fit.reused.count(p.cidr) ? " (reuses " + fit.reused[p.cidr] + ")" : "");
    }
  }
  ctx.UpdateFacts([&](PreflightFacts& f) { f.existing_vpc = facts; });
  if (!problems.empty()) {
    std::string summary, fix;
    for (const auto& p : problems) summary += (summary.empty() ? "" : "; ") + p;
    for (const auto& f : fixes) fix += (fix.empty() ? "" : "; ") + f;
    return CheckResult::Fail(vpc_id + ": " + summary, fix, details);
  }
  return CheckResult::Pass(
      fmt::format("{} ({}), internet gateway {}, {} existing subnets", vpc_id, vpc.cidr_block,
                  facts.internet_gateway_id, facts.subnets.size()),
      details);
}

}  // namespace tectonic::preflight
