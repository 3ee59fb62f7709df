// BuildTemplate: stack parameters, then every node through its kind's emitter, then outputs.
#include "cloudformation/template.h"

#include <cctype>

#include <fmt/format.h>

#include "cloudformation/builder.h"

namespace tectonic::cloudformation {
namespace {

using internal::Builder;
using internal::KindRule;

const std::vector<KindRule>& Rules() {
  static const std::vector<KindRule> kRules = [] {
    std::vector<KindRule> rules;
    internal::AddStorageKinds(&rules);
    internal::AddIamKinds(&rules);
    internal::AddNetworkKinds(&rules);
    internal::AddSecurityGroupKinds(&rules);
    internal::AddLoadBalancerKinds(&rules);
    internal::AddComputeKinds(&rules);
    internal::AddDnsKinds(&rules);
    return rules;
  }();
  return kRules;
}

const KindRule* RuleFor(const std::string& kind) {
  for (const auto& rule : Rules()) {
    if (rule.kind == kind) return &rule;
  }
  return nullptr;
}

// "https://<record name>" of a route53.record node, or null when the graph has none.
Json UrlOf(const engine::Graph& graph, const std::string& key) {
  const engine::NodeSpec* node = graph.Find(key);
  if (node == nullptr) return Json();
  return "https://" + node->props.value("name", "");
}

Json Output(const std::string& description, Json value) {
  return Json{{"Description", description}, {"Value", std::move(value)}};
}

}  // namespace

std::string LogicalIdFor(const std::string& key) {
  std::string out;
  bool upper = true;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

Result<Template> BuildTemplate(const engine::Graph& source, const TemplateOptions& options) {
  TECTONIC_RETURN_IF_ERROR(engine::ValidateGraph(source));
  engine::Graph graph = source;
  TECTONIC_ASSIGN_OR_RETURN(Json parameters, internal::ApplyStackParameters(&graph, options));

  Template out;
  Builder b(graph, options, Rules());
  for (const auto& node : graph.nodes) {
    if (options.applied_outside.count(node.key)) {
      out.left_out.push_back({node.key, node.kind, "applied by the engine before the stack"});
      continue;
    }
    if (node.shared) {
      out.left_out.push_back(
          {node.key, node.kind, "borrowed from the user (existing VPC): referenced by its id"});
      continue;
    }
    const KindRule* rule = RuleFor(node.kind);
    if (rule == nullptr) {
      return Status::InvalidInput(fmt::format(
          "node {}: kind {} has no CloudFormation mapping (add one in src/cloudformation)",
          node.key, node.kind));
    }
    if (!rule->emit) {
      out.left_out.push_back({node.key, node.kind, rule->left_out_reason});
      continue;
    }
    TECTONIC_RETURN_IF_ERROR(rule->emit(b, node));
    if (!b.status().ok()) {
      return Status::InvalidInput(fmt::format("node {}: {}", node.key, b.status().message()));
    }
  }
  b.Finish();
  TECTONIC_RETURN_IF_ERROR(b.status());

  for (const auto& [placeholder, fact] : options.unresolved) {
    if (!b.unresolved_used().count(placeholder)) continue;
    parameters[fact.parameter] = {{"Type", fact.type}, {"Description", fact.description}};
    if (!fact.allowed_pattern.empty()) {
      parameters[fact.parameter]["AllowedPattern"] = fact.allowed_pattern;
    }
  }

  Json outputs = Json::object();
  outputs["ClusterId"] = Output("tectonicClusterID of every resource", options.cluster_id);
  if (const engine::NodeSpec* vpc = graph.Find("vpc")) {
    outputs["VpcId"] = Output("the cluster's VPC", b.Value(engine::Ref(vpc->key)));
  }
  Json api = UrlOf(graph, "dns/api");
  if (!api.is_null()) outputs["ApiUrl"] = Output("Kubernetes API", api);
  Json console = UrlOf(graph, "dns/console");
  if (!console.is_null()) outputs["ConsoleUrl"] = Output("Tectonic console", console);
  TECTONIC_RETURN_IF_ERROR(b.status());

  Json not_in_stack = Json::array();
  for (const auto& left : out.left_out) {
    not_in_stack.push_back({{"Key", left.key}, {"Kind", left.kind}, {"Reason", left.reason}});
  }
  Json& body = out.body;
  body["AWSTemplateFormatVersion"] = "2010-09-09";
  body["Description"] =
      fmt::format("tectonic cluster {} ({})", options.cluster_name, options.cluster_id);
  body["Metadata"] = {
      {"Tectonic", {{"ClusterId", options.cluster_id}, {"NotInStack", std::move(not_in_stack)}}}};
  if (!parameters.empty()) body["Parameters"] = std::move(parameters);
  body["Resources"] = std::move(b.resources());
  body["Outputs"] = std::move(outputs);
  out.logical_ids = std::move(b.logical_ids());
  return out;
}

std::string RenderJson(const Template& tmpl) { return tmpl.body.dump(2) + "\n"; }

}  // namespace tectonic::cloudformation
