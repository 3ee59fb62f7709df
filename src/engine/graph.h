// The resource graph: pure data produced by src/topology and executed by the engine.
// A node is a resource spec: a graph key, a resource kind, properties that may reference other
// nodes' outputs, and ordering-only dependencies. The engine knows no AWS; it resolves
// references, schedules nodes and records outputs.
//
// A reference inside props is the JSON object {"$ref": "<graph key>", "attr": "<output name>"};
// before a handler sees props, every reference is replaced by the referenced node's output
// value. A reference implies a dependency.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.h"

namespace tectonic::engine {

struct NodeSpec {
  std::string key;   // stable graph key: "vpc", "subnet/master/us-east-1a", "nat/us-east-1a"
  std::string kind;  // resource kind handled by one ResourceHandler: "ec2.vpc", "elbv2.nlb"
  nlohmann::json props = nlohmann::json::object();
  std::vector<std::string> deps;  // ordering-only dependencies (references add the rest)
  // Borrowed from the user (existing VPC mode): found, never created nor deleted.
  bool shared = false;
};

struct Graph {
  std::vector<NodeSpec> nodes;

  const NodeSpec* Find(const std::string& key) const;
  // deps plus every key referenced from props, sorted and unique.
  static std::vector<std::string> AllDeps(const NodeSpec& node);
};

// {"$ref": key, "attr": attr}
nlohmann::json Ref(const std::string& key, const std::string& attr = "id");

// True when value is a reference object ({"$ref": "<key>", ...}).
bool IsRef(const nlohmann::json& value);

// Checks the graph is executable: non-empty unique keys, a kind on every node, every dependency
// (explicit or referenced) names a node, no cycle. Failures are Status::InvalidInput whose
// message names the offending keys (a cycle is spelled "a -> b -> a").
Status ValidateGraph(const Graph& graph);

// Keys in an order where every node comes after all its dependencies. Deterministic: among
// nodes ready at the same time, graph order wins. Validates the graph first.
Result<std::vector<std::string>> TopologicalOrder(const Graph& graph);

// Replaces every reference in props by outputs_by_key[key][attr]. InvalidInput when the key
// has no outputs or the attribute is missing.
Result<nlohmann::json> ResolveProps(const nlohmann::json& props,
                                    const std::map<std::string, nlohmann::json>& outputs_by_key);

}  // namespace tectonic::engine
