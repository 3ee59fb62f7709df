// region, zones, instance-types, ssh-key, ami: where the cluster goes and what it boots.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "aws/ec2.h"
#include "preflight/checks.h"

namespace tectonic::preflight {
namespace {

constexpr const char* kFlatcarOwner = "075585003325";  // Flatcar's AWS account
constexpr const char* kFlatcarNamePattern = "Flatcar-stable-*";

std::string Join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

}  // namespace

CheckResult CheckRegion(CheckContext& ctx) {
  const std::string region = ctx.client().endpoints().region();
  aws::Ec2 ec2(ctx.client());
  auto regions = ec2.DescribeRegions(/*all_regions=*/true);
  if (!regions.ok()) return AwsFailure("ec2:DescribeRegions", regions.status());
  std::vector<std::string> names;
  for (const auto& r : *regions) {
    names.push_back(r.name);
    if (r.name == region) {
      if (r.opt_in_status == "not-opted-in") {
        return CheckResult::Fail("region " + region + " is not enabled for this account",
                                 "enable it in the AWS console (Account > AWS Regions) or "
                                 "choose another region");
      }
      if (!ctx.config().aws.region.empty() && ctx.config().aws.region != region) {
        return CheckResult::Warn(
            fmt::format("using region {} from the environment, but cluster.yaml says {}", region,
                        ctx.config().aws.region),
            "unset AWS_REGION / AWS_DEFAULT_REGION or make them agree with aws.region");
      }
      return CheckResult::Pass("region " + region + " exists");
    }
  }
  return CheckResult::Fail("region '" + region + "' does not exist",
                           "set aws.region to one of the regions listed", Join(names, "\n"));
}

CheckResult CheckZones(CheckContext& ctx) {
  aws::Ec2 ec2(ctx.client());
  auto zones = ec2.DescribeAvailabilityZones();
  if (!zones.ok()) return AwsFailure("ec2:DescribeAvailabilityZones", zones.status());
  std::vector<std::string> available;
  for (const auto& z : *zones) {
    if (z.state == "available" && (z.zone_type.empty() || z.zone_type == "availability-zone")) {
      available.push_back(z.name);
    }
  }
  std::sort(available.begin(), available.end());
  const auto& wanted = ctx.config().aws.zones;
  std::vector<std::string> chosen;
  if (wanted.empty()) {
    if (available.empty()) {
      return CheckResult::Fail("the region has no available zone", "choose another region");
    }
    chosen.assign(available.begin(), available.begin() + std::min<size_t>(3, available.size()));
  } else {
    std::vector<std::string> missing;
    for (const auto& z : wanted) {
      if (std::find(available.begin(), available.end(), z) == available.end()) {
        missing.push_back(z);
      }
    }
    if (!missing.empty()) {
      return CheckResult::Fail(
          fmt::format("zone{} {} not available in {} (available: {})",
                      missing.size() > 1 ? "s" : "", Join(missing),
                      ctx.client().endpoints().region(), Join(available)),
          "set aws.zones to available zones of the region, or leave it empty to use the "
          "first 3");
    }
    chosen = wanted;
  }
  ctx.UpdateFacts([&](PreflightFacts& f) { f.zones = chosen; });
  return CheckResult::Pass(fmt::format("{} zone{}: {}{}", chosen.size(),
                                       chosen.size() > 1 ? "s" : "", Join(chosen),
                                       wanted.empty() ? " (the first available)" : ""));
}

CheckResult CheckInstanceTypes(CheckContext& ctx) {
  const auto& nodes = ctx.config().nodes;
  std::set<std::string> types;
  for (const auto* pool : {&nodes.masters, &nodes.workers, &nodes.etcd}) {
    if (pool->count > 0) types.insert(pool->instance_type);
  }
  std::vector<std::string> zones = ctx.Facts().zones;
  aws::Ec2 ec2(ctx.client());
  auto offerings = ec2.DescribeInstanceTypeOfferings(
      "availability-zone", {{"instance-type", {types.begin(), types.end()}}, {"location", zones}});
  if (!offerings.ok()) {
    return AwsFailure("ec2:DescribeInstanceTypeOfferings", offerings.status());
  }
  std::set<std::pair<std::string, std::string>> offered;
  for (const auto& o : *offerings) offered.insert({o.instance_type, o.location});
  std::vector<std::string> missing;
  for (const auto& t : types) {
    for (const auto& z : zones) {
      if (!offered.count({t, z})) missing.push_back(t + " in " + z);
    }
  }
  if (!missing.empty()) {
    return CheckResult::Fail(
        "not offered: " + Join(missing),
        "choose an instance type offered in every zone (aws ec2 "
        "describe-instance-type-offerings --location-type availability-zone) or other zones");
  }
  return CheckResult::Pass(
      fmt::format("{} offered in {}", Join({types.begin(), types.end()}), Join(zones)));
}

CheckResult CheckSshKey(CheckContext& ctx) {
  const std::string& name = ctx.config().aws.ssh_key_name;
  const std::string region = ctx.client().endpoints().region();
  aws::Ec2 ec2(ctx.client());
  // All key pairs at once: asking for a missing name is an error, and the list helps the fix.
  auto keys = ec2.DescribeKeyPairs();
  if (!keys.ok()) return AwsFailure("ec2:DescribeKeyPairs", keys.status());
  std::vector<std::string> names;
  for (const auto& k : *keys) {
    if (k.name == name) return CheckResult::Pass("key pair '" + name + "' exists in " + region);
    names.push_back(k.name);
  }
  std::sort(names.begin(), names.end());
  std::string fix = "import your public key: aws ec2 import-key-pair --region " + region +
                    " --key-name " + (name.empty() ? std::string("<name>") : name) +
                    " --public-key-material fileb://~/.ssh/id_rsa.pub";
  if (!names.empty()) fix += ", or set aws.sshKeyName to one of: " + Join(names);
  return CheckResult::Fail(
      name.empty() ? "aws.sshKeyName is not set"
                   : fmt::format("key pair '{}' does not exist in {} (existing: {})", name, region,
                                 names.empty() ? std::string("none") : Join(names)),
      fix);
}

CheckResult CheckAmi(CheckContext& ctx) {
  const std::string& given = ctx.config().aws.ami_id;
  const std::string region = ctx.client().endpoints().region();
  aws::Ec2 ec2(ctx.client());
  if (!given.empty()) {
    auto images = ec2.DescribeImages({{given}, {}});
    if (!images.ok() && images.status().code() != StatusCode::kNotFound &&
        images.status().aws_code().find("InvalidAMIID") == std::string::npos) {
      return AwsFailure("ec2:DescribeImages", images.status());
    }
    if (!images.ok() || images->empty()) {
      return CheckResult::Fail("AMI " + given + " does not exist in " + region,
                               "set aws.amiId to an AMI of this region, or leave it empty to "
                               "use the newest Flatcar stable");
    }
    const auto& image = images->front();
    if (image.state != "available" && !image.state.empty()) {
      return CheckResult::Fail("AMI " + given + " is " + image.state, "use an available AMI");
    }
    ctx.UpdateFacts([&](PreflightFacts& f) { f.ami_id = given; });
    return CheckResult::Pass("AMI " + given + " (" + image.name + ") exists");
  }
  auto images = ec2.DescribeImages({{},
                                    {{"name", {kFlatcarNamePattern}},
                                     {"architecture", {"x86_64"}},
                                     {"virtualization-type", {"hvm"}},
                                     {"state", {"available"}}}},
                                   {kFlatcarOwner, "self"});
  if (!images.ok()) return AwsFailure("ec2:DescribeImages", images.status());
  if (images->empty()) {
    return CheckResult::Fail(
        fmt::format("no Flatcar stable AMI (name {}, owner {} or self, x86_64, hvm) in {}",
                    kFlatcarNamePattern, kFlatcarOwner, region),
        "set aws.amiId to a Flatcar AMI of this region, or copy one here (aws ec2 copy-image)");
  }
  // ISO 8601 creation dates sort as strings; the name breaks ties.
  const auto& newest = *std::max_element(
      images->begin(), images->end(), [](const aws::Image& a, const aws::Image& b) {
        return std::tie(a.creation_date, a.name) < std::tie(b.creation_date, b.name);
      });
  ctx.UpdateFacts([&](PreflightFacts& f) { f.ami_id = newest.id; });
  return CheckResult::Pass(
      fmt::format("{} ({}, owner {})", newest.id, newest.name, newest.owner_id),
      fmt::format("{} candidate images", images->size()));
}

}  // namespace tectonic::preflight
