// ec2.launch_template (KINDS.md): natural key = template name. The template's data carries
// the Ignition pointer as user data and the instance/volume tags of what the ASG launches.
#include <optional>
#include <string>

#include "aws/ec2.h"
#include "aws/ec2_internal.h"
#include "resources/compute.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using nlohmann::json;

Outputs ToOutputs(const aws::LaunchTemplate& lt) {
  return Outputs{{"id", lt.id}, {"name", lt.name}, {"latest_version", lt.latest_version}};
}

aws::Tags TagMap(const json& props, const char* name) {
  aws::Tags tags;
  auto it = props.find(name);
  if (it == props.end() || !it->is_object()) return tags;
  for (const auto& [key, value] : it->items()) {
    if (value.is_string()) tags[key] = value.get<std::string>();
  }
  return tags;
}

class LaunchTemplateHandler : public engine::ResourceHandler {
 public:
  explicit LaunchTemplateHandler(aws::AwsClient& client)
      : client_(client),
        ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeLaunchTemplates(q); },
               [](const aws::LaunchTemplate& lt) { return lt.id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      auto found = cache_.ById(ctx.cluster_id, *id, since);
      if (!found.ok()) return InContext(ctx, found.status());
      if (*found) return std::optional<Outputs>(ToOutputs(**found));
    }
    auto owned = cache_.Owned(ctx, since);
    if (!owned.ok()) return InContext(ctx, owned.status());
    if (const auto* mine = FirstOwnedBy(*owned, ctx)) {
      return std::optional<Outputs>(ToOutputs(*mine));
    }
    std::string name = StringOr(props, "name", "");
    if (name.empty()) return std::optional<Outputs>();
    TECTONIC_ASSIGN_OR_RETURN(auto by_name, ByName(name));
    if (!by_name) return std::optional<Outputs>();
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, CheckNameOwner(by_name->tags, ctx, "launch template " + name)));
    return std::optional<Outputs>(ToOutputs(*by_name));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateLaunchTemplateInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.name, RequiredString(props, "name"));
    TECTONIC_ASSIGN_OR_RETURN(in.image_id, RequiredString(props, "image_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.instance_type, RequiredString(props, "instance_type"));
    TECTONIC_ASSIGN_OR_RETURN(in.user_data, PointerUserData(props));
    in.key_name = StringOr(props, "key_name", "");
    in.security_group_ids = StringList(props, "security_group_ids");
    in.iam_instance_profile_arn = StringOr(props, "iam_instance_profile_arn", "");
    in.block_devices = RootVolume(props);
    in.require_imdsv2 = StringOr(props, "metadata_http_tokens", "required") == "required";
    in.client_token = ctx.client_token;
    in.tags = TagsFor(ctx, props);
    in.instance_tags = TagMap(props, "instance_tags");
    in.volume_tags = in.instance_tags;
    cache_.Touch(ctx.key);
    auto created = ec2_.CreateLaunchTemplate(in);
    if (created.ok()) return ToOutputs(*created);
    // A concurrent or earlier attempt made it: adopt it (same name, our tags).
    if (HasAwsCode(created.status(), "InvalidLaunchTemplateName.AlreadyExistsException")) {
      TECTONIC_ASSIGN_OR_RETURN(auto existing, ByName(in.name));
      if (existing) {
        TECTONIC_RETURN_IF_ERROR(
            InContext(ctx, CheckNameOwner(existing->tags, ctx, "launch template " + in.name)));
        return ToOutputs(*existing);
      }
    }
    return InContext(ctx, created.status());
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(ec2_.DeleteLaunchTemplate(outputs.value("id", ""))));
  }

 private:
  // DescribeLaunchTemplates LaunchTemplateName.1=name; the not-found exception = absent.
  Result<std::optional<aws::LaunchTemplate>> ByName(const std::string& name) {
    std::optional<aws::LaunchTemplate> found;
    aws::FormParams params;
    params.Add("LaunchTemplateName.1", name);
    Status status = aws::ec2_internal::Paged(
        client_, aws::ops::kEc2DescribeLaunchTemplates, params, [&](pugi::xml_node result) {
          for (pugi::xml_node n : aws::xml::Items(result, "launchTemplates", "item")) {
            if (!found) found = aws::ec2_internal::ParseLaunchTemplate(n);
          }
        });
    if (!status.ok() && IsNotFound(status)) return std::optional<aws::LaunchTemplate>();
    if (!status.ok()) return status;
    return found;
  }

  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  DescribeCache<aws::LaunchTemplate> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewLaunchTemplateHandler(aws::AwsClient& client) {
  return std::make_unique<LaunchTemplateHandler>(client);
}

}  // namespace tectonic::resources
