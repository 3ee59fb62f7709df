#include "preflight/vpc_plan.h"

#include <fmt/format.h>

#include "util/cidr.h"

namespace tectonic::preflight {

Result<std::vector<PlannedSubnet>> PlanSubnets(const model::ClusterConfig& config,
                                               const std::vector<std::string>& zones,
                                               const std::string& vpc_cidr) {
  TECTONIC_ASSIGN_OR_RETURN(Cidr vpc, Cidr::Parse(vpc_cidr));
  std::vector<PlannedSubnet> out;
  const size_t n = zones.size();
  auto add = [&](const std::string& role, const std::vector<std::string>& given,
                 size_t offset) -> Status {
    for (size_t i = 0; i < n; ++i) {
      PlannedSubnet p{role, zones[i], "", ""};
      if (i < given.size()) {
        if (given[i].rfind("subnet-", 0) == 0) {
          p.subnet_id = given[i];
        } else {
          p.cidr = given[i];
        }
      } else {
        TECTONIC_ASSIGN_OR_RETURN(Cidr c, vpc.Subnet(4, offset + i));
        p.cidr = c.ToString();
      }
      out.push_back(std::move(p));
    }
    return Status::Ok();
  };
  TECTONIC_RETURN_IF_ERROR(add("master", config.aws.vpc.master_subnets, 0));
  TECTONIC_RETURN_IF_ERROR(add("worker", config.aws.vpc.worker_subnets, n));
  return out;
}

SubnetFit CheckSubnetFit(const std::vector<PlannedSubnet>& planned, const std::string& vpc_cidr,
                         const std::map<std::string, std::string>& existing,
                         const std::string& pod_cidr, const std::string& service_cidr) {
  SubnetFit fit;
  auto vpc = Cidr::Parse(vpc_cidr);
  if (!vpc.ok()) {
    fit.problems.push_back("the VPC CIDR " + vpc_cidr + " cannot be read");
    return fit;
  }
  std::vector<std::pair<std::string, Cidr>> others;  // label -> block
  if (auto pod = Cidr::Parse(pod_cidr); pod.ok()) others.push_back({"the pod CIDR", *pod});
  if (auto svc = Cidr::Parse(service_cidr); svc.ok()) {
    others.push_back({"the service CIDR", *svc});
  }
  for (const auto& [label, block] : others) {
    if (block.Overlaps(*vpc)) {
      fit.problems.push_back(
          fmt::format("{} {} overlaps the VPC CIDR {}", label, block.ToString(), vpc_cidr));
    }
  }
  std::vector<std::pair<std::string, Cidr>> seen;  // planned so far
  for (const auto& p : planned) {
    std::string label = fmt::format("{} subnet {} ({})", p.role, p.zone, p.cidr);
    if (!p.subnet_id.empty()) {
      if (!existing.count(p.subnet_id)) {
        fit.problems.push_back(fmt::format("{} subnet {}: {} is not a subnet of this VPC", p.role,
                                           p.zone, p.subnet_id));
      }
      continue;
    }
    auto c = Cidr::Parse(p.cidr);
    if (!c.ok()) {
      fit.problems.push_back(label + ": " + c.status().message());
      continue;
    }
    if (!vpc->Contains(*c)) {
      fit.problems.push_back(label + " is not inside the VPC CIDR " + vpc_cidr);
    }
    for (const auto& [other_label, block] : others) {
      if (block.Overlaps(*c)) {
        fit.problems.push_back(
            fmt::format("{} overlaps {} {}", label, other_label, block.ToString()));
      }
    }
    for (const auto& [seen_label, block] : seen) {
      if (block.Overlaps(*c)) fit.problems.push_back(label + " overlaps " + seen_label);
    }
    for (const auto& [id, cidr] : existing) {
      auto e = Cidr::Parse(cidr);
      if (!e.ok()) continue;
      if (*e == *c) {
        fit.reused[p.cidr] = id;  // exactly equal: tectonic reuses it
      } else if (e->Overlaps(*c)) {
        fit.problems.push_back(
            fmt::format("{} overlaps the existing subnet {} ({})", label, id, cidr));
      }
    }
    seen.push_back({label, *c});
  }
  return fit;
}

}  // namespace tectonic::preflight
