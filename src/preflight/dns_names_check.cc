// dns-names: the public names the cluster will own (<name>-api.<baseDomain> and
// <name>.<baseDomain>) are free in the hosted zone, or already alias this cluster's own load
// balancers (a re-run). Another cluster with the same name and base domain would otherwise
// have its API and console records overwritten by this install.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "aws/elbv2.h"
#include "aws/operation.h"
#include "aws/route53.h"
#include "aws/xml_util.h"
#include "preflight/checks.h"

namespace tectonic::preflight {
namespace {

struct Existing {
  std::string type;
  std::string target;  // the alias DNS name, or the first value
};

// The records named exactly host (ListResourceRecordSets starts at the name, in DNS order).
Result<std::vector<Existing>> RecordsNamed(aws::AwsClient& client, const std::string& zone_id,
                                           const std::string& host) {
  aws::RestRequest request;
  request.method = "GET";
  request.path = "/2013-04-01/hostedzone/" + zone_id + "/rrset";
  request.query = {{"name", host}, {"maxitems", "10"}};
  TECTONIC_ASSIGN_OR_RETURN(aws::RestResponse response,
                            client.Rest(aws::ops::kRoute53ListResourceRecordSets, request));
  TECTONIC_ASSIGN_OR_RETURN(aws::XmlResponse xml, response.Xml());
  std::vector<Existing> out;
  pugi::xml_node root = xml.doc->document_element();
  for (pugi::xml_node n : root.child("ResourceRecordSets").children("ResourceRecordSet")) {
    if (aws::NormalDnsName(aws::xml::Text(n, "Name")) != aws::NormalDnsName(host)) continue;
    Existing e{aws::xml::Text(n, "Type"), aws::xml::Text(n.child("AliasTarget"), "DNSName")};
    if (e.target.empty()) {
      e.target = aws::xml::Text(n.child("ResourceRecords").child("ResourceRecord"), "Value");
    }
    out.push_back(std::move(e));
  }
  return out;
}

// Whether dns_name is a load balancer tagged with this cluster's id.
Result<bool> IsOwnLoadBalancer(aws::AwsClient& client, const std::string& dns_name,
                               const std::string& cluster_id) {
  if (cluster_id.empty()) return false;
  aws::Elbv2 elbv2(client);
  TECTONIC_ASSIGN_OR_RETURN(auto balancers, elbv2.DescribeLoadBalancers());
  for (const auto& lb : balancers) {
    if (aws::NormalDnsName(lb.dns_name) != aws::NormalDnsName(dns_name)) continue;
    TECTONIC_ASSIGN_OR_RETURN(auto tags, elbv2.DescribeTags({lb.arn}));
    auto it = tags.find(lb.arn);
    if (it == tags.end()) return false;
    auto id = it->second.find("tectonicClusterID");
    return id != it->second.end() && id->second == cluster_id;
  }
  return false;
}

}  // namespace

CheckResult CheckDnsNames(CheckContext& ctx) {
  const auto& config = ctx.config();
  std::string zone = ctx.Facts().hosted_zone_id;
  int own = 0;
  for (const std::string& host : {config.ApiHost(), config.ConsoleHost()}) {
    auto records = RecordsNamed(ctx.client(), zone, host);
    if (!records.ok()) return AwsFailure("route53:ListResourceRecordSets", records.status());
    for (const auto& record : *records) {
      auto ours = IsOwnLoadBalancer(ctx.client(), record.target, ctx.options().cluster_id);
      if (!ours.ok())
        return AwsFailure("elasticloadbalancing:DescribeLoadBalancers", ours.status());
      if (*ours) {
        ++own;
        continue;
      }
      return CheckResult::Fail(
          fmt::format("{} already exists in zone {} ({} record pointing at {}), and it is not "
                      "this cluster's: another cluster named '{}' in {}?",
                      host, zone, record.type, record.target, config.name, config.base_domain),
          "choose another cluster name, or delete that cluster (tectonic destroy cluster "
          "--cluster-id ID) or the record if nothing uses it");
    }
  }
  if (own > 0) {
    return CheckResult::Pass(fmt::format("{} and {} alias this cluster's load balancers",
                                         config.ApiHost(), config.ConsoleHost()));
  }
  return CheckResult::Pass(
      fmt::format("{} and {} are free in zone {}", config.ApiHost(), config.ConsoleHost(), zone));
}

}  // namespace tectonic::preflight
