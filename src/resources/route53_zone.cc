// route53.private_zone handler (KINDS.md): a private hosted zone associated with the cluster
// VPC. The CallerReference is stable per cluster, so a repeated create is recognised
// (HostedZoneAlreadyExists) and the zone found by name + reference.
#include <algorithm>
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

constexpr std::chrono::milliseconds kChangePoll{5000};
constexpr size_t kChangesPerBatch = 100;

std::string CallerReference(const NodeContext& ctx, const json& props) {
  return StringOr(props, "caller_reference", ctx.client_token);
}

std::string WithDot(const std::string& name) {
  return !name.empty() && name.back() == '.' ? name : name + ".";
}

Outputs ZoneOutputs(const std::string& id, const std::string& name) {
  return json{{"id", id}, {"name", name}};
}

// Our private zone named `name`: same caller reference, or our ownership tags.
Result<std::optional<std::string>> FindZoneId(aws::Route53& route53, const NodeContext& ctx,
                                              const std::string& name,
                                              const std::string& reference) {
  TECTONIC_ASSIGN_OR_RETURN(std::vector<aws::HostedZone> zones,
                            route53.ListHostedZonesByName(name));
  for (const aws::HostedZone& zone : zones) {
    if (zone.private_zone && zone.caller_reference == reference) {
      return std::optional<std::string>(zone.id);
    }
  }
  for (const aws::HostedZone& zone : zones) {
    if (!zone.private_zone) continue;
    Result<aws::Tags> tags = route53.ListTagsForResource("hostedzone", zone.id);
    if (tags.ok() && IsOwnedBy(*tags, ctx)) return std::optional<std::string>(zone.id);
  }
  return std::optional<std::string>();
}

}  // namespace

Result<std::optional<Outputs>> Route53PrivateZoneHandler::Find(
    const NodeContext& ctx, const json& props, const std::optional<Outputs>& journaled) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  aws::Route53 route53(client_);
  if (std::optional<std::string> id = JournaledId(journaled)) {
    Result<aws::HostedZone> zone = route53.GetHostedZone(*id);
    if (zone.ok() && WithDot(zone->name) == WithDot(name)) {
      return std::optional<Outputs>(ZoneOutputs(zone->id, name));
    }
    if (!zone.ok() && !IsNotFound(zone.status())) return InContext(ctx, zone.status());
  }
  Result<std::optional<std::string>> id =
      FindZoneId(route53, ctx, name, CallerReference(ctx, props));
  if (!id.ok()) return InContext(ctx, id.status());
  if (!*id) return std::optional<Outputs>();
  return std::optional<Outputs>(ZoneOutputs(**id, name));
}

Result<Outputs> Route53PrivateZoneHandler::Create(const NodeContext& ctx, const json& props) {
  aws::CreateHostedZoneInput input;
  TECTONIC_ASSIGN_OR_RETURN(input.name, RequiredString(props, "name"));
  TECTONIC_ASSIGN_OR_RETURN(input.vpc_id, RequiredString(props, "vpc_id"));
  input.vpc_region = StringOr(props, "vpc_region", client_.endpoints().region());
  input.caller_reference = CallerReference(ctx, props);
  input.comment = StringOr(props, "comment", "");
  input.private_zone = true;
  aws::Route53 route53(client_);
  Outputs outputs;
  Result<aws::CreatedHostedZone> created = route53.CreateHostedZone(input);
  if (created.ok()) {
    outputs = ZoneOutputs(created->zone.id, input.name);
    outputs["change_id"] = created->change.id;
  } else if (HasAwsCode(created.status(), "HostedZoneAlreadyExists")) {
    // Our reference was used: the zone of an earlier attempt.
    Result<std::optional<std::string>> id =
        FindZoneId(route53, ctx, input.name, input.caller_reference);
    if (!id.ok()) return InContext(ctx, id.status());
    if (!*id) {
      return InContext(ctx, Status::NotYetConsistent("zone with caller reference " +
                                                     input.caller_reference + " not listed yet"));
    }
    outputs = ZoneOutputs(**id, input.name);
  } else {
    // InvalidVpcId right after the VPC's create is eventual consistency.
    if (HasAwsCode(created.status(), "InvalidVPCId")) {
      return InContext(ctx, Status::NotYetConsistent(created.status().message()));
    }
    return InContext(ctx, created.status());
  }
  TECTONIC_RETURN_IF_ERROR(
      InContext(ctx, NotFoundIsNotYetConsistent(route53.ChangeTagsForResource(
                         "hostedzone", outputs["id"].get<std::string>(), TagsFor(ctx, props)))));
  return outputs;
}

// Done once the zone's tags are ours and its create is INSYNC. The tags are checked here
// because they follow the create in a second call: a run killed in between leaves an untagged
// zone, which the next run finds by its caller reference (and a sweep by tag would miss).
Result<Poll> Route53PrivateZoneHandler::Wait(const NodeContext& ctx, const json& props,
                                             const Outputs& outputs) {
  aws::Route53 route53(client_);
  const std::string id = outputs.value("id", "");
  Result<aws::Tags> tags = route53.ListTagsForResource("hostedzone", id);
  if (!tags.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(tags.status()));
  if (!IsOwnedBy(*tags, ctx)) {
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, NotFoundIsNotYetConsistent(
                           route53.ChangeTagsForResource("hostedzone", id, TagsFor(ctx, props)))));
  }
  const std::string change = outputs.value("change_id", "");
  if (change.empty()) return PollDone(outputs);
  Result<aws::ChangeInfo> info = route53.GetChange(change);
  if (!info.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(info.status()));
  if (info->status == "INSYNC") return PollDone(outputs);
  return PollAgain(kChangePoll, info->status);
}

Status Route53PrivateZoneHandler::Delete(const NodeContext& ctx, const json& props,
                                         const Outputs& outputs) {
  const std::string id = outputs.value("id", "");
  if (id.empty()) return Status::Ok();
  aws::Route53 route53(client_);
  Result<std::vector<aws::RecordSet>> records = route53.ListResourceRecordSets(id);
  if (!records.ok()) return InContext(ctx, ClassifyDelete(records.status()));
  // Every record but the apex SOA and NS, which go with the zone.
  const std::string apex = WithDot(outputs.value("name", StringOr(props, "name", "")));
  std::vector<aws::RecordChange> changes;
  for (const aws::RecordSet& record : *records) {
    bool apex_record = WithDot(record.name) == apex || apex == ".";
    if (apex_record && (record.type == "SOA" || record.type == "NS")) continue;
    changes.push_back({"DELETE", record});
  }
  for (size_t start = 0; start < changes.size(); start += kChangesPerBatch) {
    std::vector<aws::RecordChange> batch(
        changes.begin() + start,
        changes.begin() + std::min(changes.size(), start + kChangesPerBatch));
    Result<aws::ChangeInfo> deleted = route53.ChangeResourceRecordSets(id, batch);
    if (!deleted.ok()) return InContext(ctx, ClassifyDelete(deleted.status()));
  }
  Result<aws::ChangeInfo> deleted = route53.DeleteHostedZone(id);
  return InContext(ctx, ClassifyDelete(deleted.status()));
}

}  // namespace tectonic::resources
