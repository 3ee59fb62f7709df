#include "engine/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

namespace tectonic::engine {
namespace {

void CollectRefs(const nlohmann::json& value, std::vector<std::string>* keys) {
  if (IsRef(value)) {
    keys->push_back(value["$ref"].get<std::string>());
    return;
  }
  if (value.is_object() || value.is_array()) {
    for (const auto& child : value) CollectRefs(child, keys);
  }
}

Status ResolveInto(nlohmann::json* value,
                   const std::map<std::string, nlohmann::json>& outputs_by_key) {
  if (IsRef(*value)) {
    const std::string key = (*value)["$ref"].get<std::string>();
    const std::string attr = value->value("attr", std::string("id"));
    auto it = outputs_by_key.find(key);
    if (it == outputs_by_key.end()) {
      return Status::InvalidInput(
          fmt::format("reference to {}.{}: node {} has no outputs yet", key, attr, key));
    }
    if (!it->second.is_object() || !it->second.contains(attr)) {
      return Status::InvalidInput(
          fmt::format("reference to {}.{}: node {} has no output '{}'", key, attr, key, attr));
    }
    *value = it->second[attr];
    return Status::Ok();
  }
  if (value->is_object() || value->is_array()) {
    for (auto& child : *value) TECTONIC_RETURN_IF_ERROR(ResolveInto(&child, outputs_by_key));
  }
  return Status::Ok();
}

}  // namespace

const NodeSpec* Graph::Find(const std::string& key) const {
  for (const auto& node : nodes) {
    if (node.key == key) return &node;
  }
  return nullptr;
}

std::vector<std::string> Graph::AllDeps(const NodeSpec& node) {
  std::vector<std::string> keys = node.deps;
  CollectRefs(node.props, &keys);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

nlohmann::json Ref(const std::string& key, const std::string& attr) {
  return nlohmann::json{{"$ref", key}, {"attr", attr}};
}

bool IsRef(const nlohmann::json& value) {
  if (!value.is_object()) return false;
  auto it = value.find("$ref");
  return it != value.end() && it->is_string();
}

Status ValidateGraph(const Graph& graph) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const NodeSpec& node = graph.nodes[i];
    if (node.key.empty()) return Status::InvalidInput(fmt::format("graph node #{} has no key", i));
    if (node.kind.empty()) {
      return Status::InvalidInput(fmt::format("graph node {} has no kind", node.key));
    }
    if (!index.emplace(node.key, i).second) {
      return Status::InvalidInput(fmt::format("duplicate graph key {}", node.key));
    }
  }
  std::vector<std::vector<size_t>> deps(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    for (const auto& dep : Graph::AllDeps(graph.nodes[i])) {
      auto it = index.find(dep);
      if (it == index.end()) {
        return Status::InvalidInput(
            fmt::format("graph node {} depends on unknown key {}", graph.nodes[i].key, dep));
      }
      deps[i].push_back(it->second);
    }
  }
  // Depth-first search with colours; the stack spells the cycle when one is found.
  enum Colour { kWhite, kGrey, kBlack };
  std::vector<Colour> colour(graph.nodes.size(), kWhite);
  std::vector<size_t> stack;
  std::string cycle;
  std::function<bool(size_t)> visit = [&](size_t i) {
    colour[i] = kGrey;
    stack.push_back(i);
    for (size_t d : deps[i]) {
      if (colour[d] == kGrey) {
        auto from = std::find(stack.begin(), stack.end(), d);
        for (auto it = from; it != stack.end(); ++it) cycle += graph.nodes[*it].key + " -> ";
        cycle += graph.nodes[d].key;
        return false;
      }
      if (colour[d] == kWhite && !visit(d)) return false;
    }
    stack.pop_back();
    colour[i] = kBlack;
    return true;
  };
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (colour[i] == kWhite && !visit(i)) {
      return Status::InvalidInput(fmt::format("dependency cycle: {}", cycle));
    }
  }
  return Status::Ok();
}

Result<std::vector<std::string>> TopologicalOrder(const Graph& graph) {
  TECTONIC_RETURN_IF_ERROR(ValidateGraph(graph));
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < graph.nodes.size(); ++i) index[graph.nodes[i].key] = i;
  std::vector<int> missing(graph.nodes.size(), 0);
  std::vector<std::vector<size_t>> dependants(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    for (const auto& dep : Graph::AllDeps(graph.nodes[i])) {
      dependants[index[dep]].push_back(i);
      ++missing[i];
    }
  }
  // Ready nodes ordered by graph position keeps the order stable across runs.
  std::set<size_t> ready;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (missing[i] == 0) ready.insert(i);
  }
  std::vector<std::string> order;
  while (!ready.empty()) {
    size_t i = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(graph.nodes[i].key);
    for (size_t d : dependants[i]) {
      if (--missing[d] == 0) ready.insert(d);
    }
  }
  return order;
}

Result<nlohmann::json> ResolveProps(const nlohmann::json& props,
                                    const std::map<std::string, nlohmann::json>& outputs_by_key) {
  nlohmann::json resolved = props;
  TECTONIC_RETURN_IF_ERROR(ResolveInto(&resolved, outputs_by_key));
  return resolved;
}

}  // namespace tectonic::engine
