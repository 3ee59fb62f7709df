// route53.record handler (KINDS.md): one A/CNAME/... record, plain (ttl + values) or an
// alias to a load balancer, in the public zone or the cluster's private zone.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

#include "aws/route53.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

constexpr std::chrono::milliseconds kChangePoll{10000};

// Route 53 compares names case-insensitively, with a trailing dot, '*' spelled \052.
std::string CanonicalName(std::string name) {
  for (size_t at = name.find("\\052"); at != std::string::npos; at = name.find("\\052", at)) {
    name.replace(at, 4, "*");
  }
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.empty() || name.back() != '.') name += '.';
  return name;
}

std::string RecordId(const std::string& zone, const std::string& name, const std::string& type) {
  return zone + "/" + name + "/" + type;
}

// The record the props describe.
Result<aws::RecordSet> WantedRecord(const json& props) {
  aws::RecordSet record;
  TECTONIC_ASSIGN_OR_RETURN(record.name, RequiredString(props, "name"));
  record.type = StringOr(props, "type", "A");
  auto alias = props.find("alias");
  if (alias != props.end() && alias->is_object()) {
    aws::AliasTarget target;
    TECTONIC_ASSIGN_OR_RETURN(target.dns_name, RequiredString(*alias, "dns_name"));
    TECTONIC_ASSIGN_OR_RETURN(target.hosted_zone_id, RequiredString(*alias, "hosted_zone_id"));
    target.evaluate_target_health = BoolOr(*alias, "evaluate_target_health", false);
    record.alias = std::move(target);
    return record;
  }
  auto records = props.find("records");
  if (records == props.end() || !records->is_array() || records->empty()) {
    return Status::InvalidInput("route53.record needs \"records\" or \"alias\"");
  }
  for (const json& value : *records) {
    if (!value.is_string()) return Status::InvalidInput("route53.record values must be strings");
    record.values.push_back(value.get<std::string>());
  }
  record.ttl = IntOr(props, "ttl", 60);
  return record;
}

bool SameValues(const aws::RecordSet& live, const aws::RecordSet& want) {
  if (want.alias) {
    return live.alias &&
           CanonicalName(live.alias->dns_name) == CanonicalName(want.alias->dns_name) &&
           live.alias->hosted_zone_id == want.alias->hosted_zone_id;
  }
  if (live.alias || live.ttl != want.ttl) return false;
  std::vector<std::string> a = live.values, b = want.values;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

Route53RecordHandler::Route53RecordHandler(aws::AwsClient& client)
    : client_(client),
      records_(
          [&client](const aws::DescribeQuery& q) -> Result<std::vector<aws::RecordSet>> {
            std::string zone;
            for (const auto& filter : q.filters) {
              if (filter.name == "zone" && !filter.values.empty()) zone = filter.values.front();
            }
            return aws::Route53(client).ListResourceRecordSets(zone);
          },
          [](const aws::RecordSet& r) { return CanonicalName(r.name) + "/" + r.type; }) {}

Result<std::optional<aws::RecordSet>> Route53RecordHandler::LiveRecord(const NodeContext& ctx,
                                                                       const std::string& zone,
                                                                       const std::string& name,
                                                                       const std::string& type) {
  TECTONIC_ASSIGN_OR_RETURN(std::vector<aws::RecordSet> records,
                            records_.Filtered({{"zone", {zone}}}, records_.Since(ctx.key)));
  const std::string want = CanonicalName(name);
  for (aws::RecordSet& record : records) {
    if (record.type == type && CanonicalName(record.name) == want) {
      return std::optional<aws::RecordSet>(std::move(record));
    }
  }
  return std::optional<aws::RecordSet>();
}

Result<std::optional<Outputs>> Route53RecordHandler::Find(const NodeContext& ctx, const json& props,
                                                          const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string zone, RequiredString(props, "zone_id"));
  Result<aws::RecordSet> want = WantedRecord(props);
  if (!want.ok()) return InContext(ctx, want.status());
  Result<std::optional<aws::RecordSet>> live = LiveRecord(ctx, zone, want->name, want->type);
  if (!live.ok()) {
    if (IsNotFound(live.status())) return std::optional<Outputs>();  // no zone, no record
    return InContext(ctx, live.status());
  }
  if (!*live || !SameValues(**live, *want)) return std::optional<Outputs>();
  return std::optional<Outputs>(
      json{{"id", RecordId(zone, want->name, want->type)}, {"fqdn", want->name}});
}

Result<Outputs> Route53RecordHandler::Create(const NodeContext& ctx, const json& props) {
  TECTONIC_ASSIGN_OR_RETURN(std::string zone, RequiredString(props, "zone_id"));
  Result<aws::RecordSet> want = WantedRecord(props);
  if (!want.ok()) return InContext(ctx, want.status());
  records_.Touch(ctx.key);
  Result<aws::ChangeInfo> change =
      aws::Route53(client_).ChangeResourceRecordSets(zone, {{"UPSERT", *want}});
  if (!change.ok()) {
    if (HasAwsCode(change.status(), "PriorRequestNotComplete")) {
      return InContext(ctx, Status::Throttled(change.status().message()));
    }
    // NoSuchHostedZone right after the private zone's create.
    return InContext(ctx, NotFoundIsNotYetConsistent(change.status()));
  }
  return json{{"id", RecordId(zone, want->name, want->type)},
              {"change_id", change->id},
              {"fqdn", want->name}};
}

Result<Poll> Route53RecordHandler::Wait(const NodeContext& ctx, const json&,
                                        const Outputs& outputs) {
  const std::string change = outputs.value("change_id", "");
  if (change.empty()) return PollDone(outputs);  // found, not changed by this run
  Result<aws::ChangeInfo> info = aws::Route53(client_).GetChange(change);
  if (!info.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(info.status()));
  if (info->status == "INSYNC") return PollDone(outputs);
  return PollAgain(kChangePoll, info->status);
}

Status Route53RecordHandler::Delete(const NodeContext& ctx, const json& props, const Outputs&) {
  const std::string zone = StringOr(props, "zone_id", "");
  const std::string name = StringOr(props, "name", "");
  if (zone.empty() || name.empty()) return Status::Ok();
  aws::Route53 route53(client_);
  // DELETE must carry the record exactly as it is: read it first.
  Result<std::optional<aws::RecordSet>> live =
      LiveRecord(ctx, zone, name, StringOr(props, "type", "A"));
  if (!live.ok()) return InContext(ctx, ClassifyDelete(live.status()));
  if (!*live) return Status::Ok();
  records_.Touch(ctx.key);
  Result<aws::ChangeInfo> deleted = route53.ChangeResourceRecordSets(zone, {{"DELETE", **live}});
  if (deleted.ok()) return Status::Ok();
  // Deleted by someone else between the read and the DELETE.
  if (HasAwsCode(deleted.status(), "InvalidChangeBatch") &&
      deleted.status().message().find("not found") != std::string::npos) {
    return Status::Ok();
  }
  if (HasAwsCode(deleted.status(), "PriorRequestNotComplete")) {
    return InContext(ctx, Status::Throttled(deleted.status().message()));
  }
  return InContext(ctx, ClassifyDelete(deleted.status()));
}

}  // namespace tectonic::resources
