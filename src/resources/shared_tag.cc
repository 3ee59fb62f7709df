// ec2.tag (KINDS.md): adds kubernetes.io/cluster/<id>=shared (the props' tags) to a borrowed
// VPC, subnet or internet gateway and removes exactly those keys on destroy.
// Find reads the resource's own tags (the describe call of its type, chosen by id prefix).
#include <optional>
#include <string>
#include <vector>

#include "aws/ec2.h"
#include "resources/handler_util.h"
#include "resources/network.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using nlohmann::json;

aws::Tags WantedTags(const json& props) {
  aws::Tags tags;
  if (props.contains("tags") && props["tags"].is_object()) {
    for (const auto& [key, value] : props["tags"].items()) {
      tags[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  return tags;
}

template <typename T>
Result<std::optional<aws::Tags>> TagsOf(Result<std::vector<T>> described) {
  if (!described.ok() && IsNotFound(described.status())) return std::optional<aws::Tags>();
  if (!described.ok()) return described.status();
  if (described->empty()) return std::optional<aws::Tags>();
  return std::optional<aws::Tags>(described->front().tags);
}

class SharedTagHandler : public engine::ResourceHandler {
 public:
  explicit SharedTagHandler(aws::AwsClient& client) : ec2_(client) {}

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>&) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string id, RequiredString(props, "resource_id"));
    auto live = LiveTags(id);
    if (!live.ok()) return InContext(ctx, live.status());
    if (!*live) return std::optional<Outputs>();
    for (const auto& [key, value] : WantedTags(props)) {
      auto it = (*live)->find(key);
      if (it == (*live)->end() || it->second != value) return std::optional<Outputs>();
    }
    return std::optional<Outputs>(Outputs{{"id", id}});
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string id, RequiredString(props, "resource_id"));
    aws::Tags tags = WantedTags(props);
    if (tags.empty()) return Status::InvalidInput("ec2.tag " + ctx.key + ": no tags to add");
    Status tagged = ec2_.CreateTags({id}, tags);
    if (!tagged.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(tagged));
    return Outputs{{"id", id}};
  }

  // Removes our keys only: never the user's other tags, never the resource.
  Status Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string id = outputs.value("id", StringOr(props, "resource_id", ""));
    std::vector<std::string> keys;
    for (const auto& [key, value] : WantedTags(props)) keys.push_back(key);
    if (id.empty() || keys.empty()) return Status::Ok();
    return InContext(ctx, AbsentIsOk(ec2_.DeleteTags({id}, keys)));
  }

 private:
  Result<std::optional<aws::Tags>> LiveTags(const std::string& id) {
    aws::DescribeQuery query{{id}, {}};
    if (id.starts_with("vpc-")) return TagsOf(ec2_.DescribeVpcs(query));
    if (id.starts_with("subnet-")) return TagsOf(ec2_.DescribeSubnets(query));
    if (id.starts_with("igw-")) return TagsOf(ec2_.DescribeInternetGateways(query));
    if (id.starts_with("rtb-")) return TagsOf(ec2_.DescribeRouteTables(query));
    if (id.starts_with("sg-")) return TagsOf(ec2_.DescribeSecurityGroups(query));
    return Status::InvalidInput("ec2.tag: cannot read the tags of " + id +
                                " (expected a vpc-, subnet-, igw-, rtb- or sg- id)");
  }

  aws::Ec2 ec2_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewSharedTagHandler(aws::AwsClient& client) {
  return std::make_unique<SharedTagHandler>(client);
}

}  // namespace tectonic::resources
