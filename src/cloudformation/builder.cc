#include "cloudformation/builder.h"

#include <algorithm>

#include <fmt/format.h>

namespace tectonic::cloudformation::internal {

Json RefTo(const std::string& logical) { return Json{{"Ref", logical}}; }

Json GetAtt(const std::string& logical, const std::string& attr) {
  return Json{{"Fn::GetAtt", Json::array({logical, attr})}};
}

Builder::Builder(const engine::Graph& graph, const TemplateOptions& options,
                 const std::vector<KindRule>& rules)
    : graph_(graph), options_(options) {
  for (const auto& rule : rules) rule_by_kind_[rule.kind] = &rule;
}

void Builder::Fail(Status status) {
  if (status_.ok()) status_ = std::move(status);
}

Json Builder::Prop(const engine::NodeSpec& node, const std::string& name) {
  auto it = node.props.find(name);
  return it == node.props.end() ? Json() : Value(*it);
}

Json Builder::Value(const nlohmann::json& value) {
  if (engine::IsRef(value)) {
    return Reference(value["$ref"].get<std::string>(), value.value("attr", "id"));
  }
  if (value.is_object() && value.size() == 1 && value.contains("$param")) {
    return RefTo(value["$param"].get<std::string>());
  }
  if (value.is_object() && value.size() == 1 && value.contains("$zone")) {
    return Json{
        {"Fn::Select", Json::array({value["$zone"].get<int>(), RefTo("AvailabilityZones")})}};
  }
  if (value.is_string()) {
    auto fact = options_.unresolved.find(value.get<std::string>());
    if (fact != options_.unresolved.end()) {
      unresolved_used_.insert(fact->first);
      return RefTo(fact->second.parameter);
    }
    return value.get<std::string>();
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : value.items()) out[k] = Value(v);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& v : value) out.push_back(Value(v));
    return out;
  }
  return Json::parse(value.dump());  // numbers, booleans, null
}

Json Builder::Reference(const std::string& key, const std::string& attr) {
  const engine::NodeSpec* node = graph_.Find(key);
  if (node == nullptr) {
    Fail(Status::InvalidInput(fmt::format("reference to unknown graph key \"{}\"", key)));
    return Json();
  }
  auto outside = options_.applied_outside.find(key);
  if (outside != options_.applied_outside.end()) {
    if (!outside->second.contains(attr)) {
      Fail(Status::InvalidInput(fmt::format(
          "node {} was applied outside the stack but its outputs lack \"{}\"", key, attr)));
      return Json();
    }
    return Value(outside->second[attr]);
  }
  if (node->shared) {
    if (attr == "id" && node->props.contains("existing_id"))
      return Value(node->props["existing_id"]);
    if (node->props.contains(attr)) return Value(node->props[attr]);
    Fail(Status::InvalidInput(
        fmt::format("shared node {} has no prop \"{}\" to stand in for its output", key, attr)));
    return Json();
  }
  auto rule = rule_by_kind_.find(node->kind);
  if (rule == rule_by_kind_.end() || !rule->second->emit) {
    Fail(Status::InvalidInput(
        fmt::format("node {} ({}) is not part of the stack, so its \"{}\" cannot be referenced",
                    key, node->kind, attr)));
    return Json();
  }
  auto expr = rule->second->attr ? rule->second->attr(*node, LogicalIdFor(key), attr)
                                 : std::optional<Json>();
  if (!expr) {
    Fail(Status::InvalidInput(
        fmt::format("no CloudFormation attribute for output \"{}\" of {} (node {}): map it in "
                    "src/cloudformation",
                    attr, node->kind, key)));
    return Json();
  }
  return *expr;
}

Json Builder::Tags(const nlohmann::json& tags, const Json& extra) {
  Json out = Json::array();
  if (!tags.is_object()) return out;
  for (const auto& [key, value] : tags.items()) {
    Json tag = {{"Key", key}, {"Value", Value(value)}};
    for (const auto& [k, v] : extra.items()) tag[k] = v;
    out.push_back(std::move(tag));
  }
  return out;
}

void Builder::Add(const engine::NodeSpec& node, const std::string& logical, const std::string& type,
                  Json properties, Json attributes) {
  if (resources_.contains(logical)) {
    Fail(Status::InvalidInput(
        fmt::format("two resources have the logical id {} (node {})", logical, node.key)));
    return;
  }
  Json resource = {{"Type", type}};
  for (const auto& [k, v] : attributes.items()) resource[k] = v;
  resource["Properties"] = std::move(properties);
  resources_[logical] = std::move(resource);
  logical_ids_[node.key].push_back(logical);
  pending_deps_.push_back({logical, engine::Graph::AllDeps(node)});
}

namespace {

// Every logical id that value references through Ref or Fn::GetAtt.
void CollectReferences(const Json& value, std::set<std::string>* out) {
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (k == "Ref" && v.is_string()) out->insert(v.get<std::string>());
      if (k == "Fn::GetAtt" && v.is_array() && !v.empty()) out->insert(v[0].get<std::string>());
      CollectReferences(v, out);
    }
  } else if (value.is_array()) {
    for (const auto& v : value) CollectReferences(v, out);
  }
}

}  // namespace

void Builder::Finish() {
  for (const auto& [logical, deps] : pending_deps_) {
    Json& resource = resources_[logical];
    std::set<std::string> referenced;
    CollectReferences(resource["Properties"], &referenced);
    std::set<std::string> depends_on;
    for (const auto& key : deps) {
      auto ids = logical_ids_.find(key);
      if (ids == logical_ids_.end()) continue;  // outside the stack: nothing to wait for
      for (const auto& id : ids->second) {
        if (id != logical && !referenced.count(id)) depends_on.insert(id);
      }
    }
    if (depends_on.empty()) continue;
    // DependsOn goes before Properties, for readability.
    Json reordered = {{"Type", resource["Type"]}};
    reordered["DependsOn"] = Json(std::vector<std::string>(depends_on.begin(), depends_on.end()));
    for (const auto& [k, v] : resource.items()) {
      if (k != "Type") reordered[k] = v;
    }
    resource = std::move(reordered);
  }
}

}  // namespace tectonic::cloudformation::internal
