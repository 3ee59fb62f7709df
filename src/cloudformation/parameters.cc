// The stack's parameters: what a user may change when creating or updating the stack
// (instance types, counts, the AMI) and the zones. Defaults come from the graph, so an
// unchanged stack is the graph.
#include <fmt/format.h>

#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

struct Use {
  const char* kind;
  const char* key;  // exact key, or a prefix when it ends with '/'
  const char* prop;
};

struct StackParameter {
  const char* name;
  const char* type;
  const char* description;
  int min_value;  // Number only; -1: none
  std::vector<Use> uses;
};

const std::vector<StackParameter>& StackParameters() {
  static const std::vector<StackParameter> kParameters = {
      {"ImageId",
       "AWS::EC2::Image::Id",
       "AMI of every node (Flatcar Container Linux)",
       -1,
       {{"ec2.launch_template", "lt/", "image_id"}, {"ec2.instance", "etcd/", "image_id"}}},
      {"MasterInstanceType",
       "String",
       "EC2 instance type of the masters",
       -1,
       {{"ec2.launch_template", "lt/master", "instance_type"}}},
      {"WorkerInstanceType",
       "String",
       "EC2 instance type of the workers",
       -1,
       {{"ec2.launch_template", "lt/worker", "instance_type"}}},
      {"EtcdInstanceType",
       "String",
       "EC2 instance type of the etcd members",
       -1,
       {{"ec2.instance", "etcd/", "instance_type"}}},
      {"MasterCount",
       "Number",
       "number of masters (the master group's min, desired and max)",
       1,
       {{"autoscaling.group", "asg/master", "min_size"},
        {"autoscaling.group", "asg/master", "desired_capacity"},
        {"autoscaling.group", "asg/master", "max_size"}}},
      {"WorkerCount",
       "Number",
       "number of workers (the worker group's min and desired size)",
       1,
       {{"autoscaling.group", "asg/worker", "min_size"},
        {"autoscaling.group", "asg/worker", "desired_capacity"}}},
      {"WorkerMaxCount",
       "Number",
       "largest size of the worker group",
       1,
       {{"autoscaling.group", "asg/worker", "max_size"}}},
  };
  return kParameters;
}

bool Matches(const Use& use, const engine::NodeSpec& node) {
  if (node.kind != use.kind) return false;
  const std::string key = use.key;
  if (!key.empty() && key.back() == '/') return node.key.rfind(key, 0) == 0;
  return node.key == key;
}

bool InStack(const engine::NodeSpec& node, const TemplateOptions& options) {
  return !node.shared && !options.applied_outside.count(node.key);
}

}  // namespace

Result<Json> ApplyStackParameters(engine::Graph* graph, const TemplateOptions& options) {
  Json parameters = Json::object();
  for (const auto& spec : StackParameters()) {
    nlohmann::json value;
    std::string first_key;
    for (auto& node : graph->nodes) {
      if (!InStack(node, options)) continue;
      for (const auto& use : spec.uses) {
        if (!Matches(use, node) || !node.props.contains(use.prop)) continue;
        nlohmann::json& prop = node.props[use.prop];
        if (value.is_null()) {
          value = prop;
          first_key = node.key;
        } else if (prop != value) {
          return Status::InvalidInput(
              fmt::format("parameter {} stands for {} of {} ({}) and of {} ({}): they differ",
                          spec.name, use.prop, first_key, value.dump(), node.key, prop.dump()));
        }
        prop = {{"$param", spec.name}};
      }
    }
    if (value.is_null()) continue;  // nothing in the stack uses it
    Json parameter = {{"Type", spec.type}, {"Description", spec.description}};
    const bool unresolved = value.is_string() && options.unresolved.count(value.get<std::string>());
    if (!unresolved) parameter["Default"] = Json::parse(value.dump());
    if (spec.min_value >= 0) parameter["MinValue"] = spec.min_value;
    parameters[spec.name] = std::move(parameter);
  }

  // Zones: a subnet's zone is read from the AvailabilityZones list by position.
  std::vector<std::string> zones;
  for (const auto& node : graph->nodes) {
    if (node.kind != "ec2.subnet") continue;
    const std::string zone = node.props.value("availability_zone", "");
    if (!zone.empty() && std::find(zones.begin(), zones.end(), zone) == zones.end()) {
      zones.push_back(zone);
    }
  }
  bool zone_used = false;
  for (auto& node : graph->nodes) {
    if (node.kind != "ec2.subnet" || !InStack(node, options)) continue;
    const std::string zone = node.props.value("availability_zone", "");
    auto it = std::find(zones.begin(), zones.end(), zone);
    if (it == zones.end()) continue;
    node.props["availability_zone"] = {{"$zone", it - zones.begin()}};
    zone_used = true;
  }
  if (zone_used) {
    std::string joined;
    for (const auto& zone : zones) joined += (joined.empty() ? "" : ",") + zone;
    parameters["AvailabilityZones"] = {
        {"Type", "List<AWS::EC2::AvailabilityZone::Name>"},
        {"Description",
         fmt::format("the cluster's {} zones in this order (per-zone names and tags were made "
                     "for the default)",
                     zones.size())},
        {"Default", joined}};
  }
  return parameters;
}

}  // namespace tectonic::cloudformation::internal
