// Shared by the cloudformation unit tests: templates of the topology tests' fixed clusters.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cloudformation/template.h"
#include "topology/topology.h"
#include "topology/topology_test_util.h"

namespace tectonic::cloudformation::testing {

using topology::testing::kClusterId;

inline engine::Graph GraphOf(const model::ClusterConfig& config,
                             const topology::TopologyInputs& in) {
  auto graph = topology::BuildGraph(config, in);
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return graph.ok() ? *graph : engine::Graph{};
}

inline engine::Graph DefaultGraph(int zones = 3) {
  auto config = topology::testing::DefaultConfig(zones);
  return GraphOf(config, topology::testing::DefaultInputs(config));
}

inline TemplateOptions DefaultOptions() {
  TemplateOptions options;
  options.cluster_id = kClusterId;
  options.cluster_name = "demo";
  return options;
}

inline Template Build(const engine::Graph& graph,
                      const TemplateOptions& options = DefaultOptions()) {
  auto tmpl = BuildTemplate(graph, options);
  EXPECT_TRUE(tmpl.ok()) << tmpl.status().ToString();
  return tmpl.ok() ? *tmpl : Template{};
}

// The resource made for a graph key (its first one).
inline const Json& Resource(const Template& tmpl, const std::string& key) {
  static const Json kNull;
  const Json& resources = tmpl.body["Resources"];
  const std::string id = LogicalIdFor(key);
  return resources.contains(id) ? resources[id] : kNull;
}

inline const Json& Props(const Template& tmpl, const std::string& key) {
  static const Json kNull;
  const Json& resource = Resource(tmpl, key);
  return resource.is_object() && resource.contains("Properties") ? resource["Properties"] : kNull;
}

// [{"Key","Value",...}] -> {"Key": "Value"}.
inline std::map<std::string, std::string> TagMap(const Json& tags) {
  std::map<std::string, std::string> out;
  for (const auto& tag : tags) out[tag["Key"]] = tag["Value"];
  return out;
}

inline Json Ref(const std::string& key) { return Json{{"Ref", LogicalIdFor(key)}}; }
inline Json Att(const std::string& key, const std::string& attr) {
  return Json{{"Fn::GetAtt", Json::array({LogicalIdFor(key), attr})}};
}

}  // namespace tectonic::cloudformation::testing
