// Internal to src/cloudformation: the state shared by the per-family emitters (storage.cc,
// iam.cc, network.cc, security_groups.cc, load_balancers.cc, compute.cc, dns.cc). Not a public
// API. An emitter turns one graph node into resources through Builder::Add, converting props
// with Builder::Value (references become Ref/GetAtt or literals); a kind's attribute function
// says how another resource reads one of its outputs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cloudformation/template.h"
#include "engine/graph.h"

namespace tectonic::cloudformation::internal {

class Builder;

// How one graph kind becomes CloudFormation.
struct KindRule {
  std::string kind;
  // Adds the node's resources; empty: the kind has no CloudFormation equivalent (left_out).
  std::function<Status(Builder&, const engine::NodeSpec&)> emit;
  // The expression reading output `attr` of the node (logical id given); nullopt: unknown.
  std::function<std::optional<Json>(const engine::NodeSpec&, const std::string& logical,
                                    const std::string& attr)>
      attr;
  std::string left_out_reason;  // when emit is empty
};

// One family per file; each appends its kinds.
void AddStorageKinds(std::vector<KindRule>* rules);
void AddIamKinds(std::vector<KindRule>* rules);
void AddNetworkKinds(std::vector<KindRule>* rules);
void AddSecurityGroupKinds(std::vector<KindRule>* rules);
void AddLoadBalancerKinds(std::vector<KindRule>* rules);
void AddComputeKinds(std::vector<KindRule>* rules);
void AddDnsKinds(std::vector<KindRule>* rules);

// {"Ref": id} and {"Fn::GetAtt": [id, attr]}.
Json RefTo(const std::string& logical);
Json GetAtt(const std::string& logical, const std::string& attr);

// Stack parameters (parameters.cc): instance types, counts, the AMI and the zones. Rewrites
// the props they cover in *graph to {"$param": name} (zones: {"$zone": index}) and returns the
// Parameters section, defaults taken from the graph.
Result<Json> ApplyStackParameters(engine::Graph* graph, const TemplateOptions& options);

class Builder {
 public:
  Builder(const engine::Graph& graph, const TemplateOptions& options,
          const std::vector<KindRule>& rules);

  // props[name] converted (absent: null).
  Json Prop(const engine::NodeSpec& node, const std::string& name);
  // Converts a props value: references -> Ref/GetAtt (or the literal outputs of a node applied
  // outside the stack, or a shared node's existing id), parameter markers -> Ref, unresolved
  // placeholders -> Ref to their parameter. Errors are kept and reported by status().
  Json Value(const nlohmann::json& value);
  // {"k": "v", ...} -> [{"Key": "k", "Value": "v"}, ...] (extra fields added to each entry).
  Json Tags(const nlohmann::json& tags, const Json& extra = Json::object());

  // Adds a resource made for node. DependsOn holds the node's dependencies on resources of
  // the stack that its properties do not already reference.
  void Add(const engine::NodeSpec& node, const std::string& logical, const std::string& type,
           Json properties, Json attributes = Json::object());

  // Sets every resource's DependsOn once all nodes are added (ids of later nodes are known).
  void Finish();

  void Fail(Status status);
  const Status& status() const { return status_; }

  Json& resources() { return resources_; }
  std::map<std::string, std::vector<std::string>>& logical_ids() { return logical_ids_; }
  const engine::Graph& graph() const { return graph_; }
  const TemplateOptions& options() const { return options_; }
  std::set<std::string>& unresolved_used() { return unresolved_used_; }

 private:
  Json Reference(const std::string& key, const std::string& attr);

  const engine::Graph& graph_;
  const TemplateOptions& options_;
  std::map<std::string, const KindRule*> rule_by_kind_;
  Json resources_ = Json::object();
  std::map<std::string, std::vector<std::string>> logical_ids_;
  std::set<std::string> unresolved_used_;
  // logical id -> graph keys the node depends on, resolved by Finish.
  std::vector<std::pair<std::string, std::vector<std::string>>> pending_deps_;
  Status status_;
};

}  // namespace tectonic::cloudformation::internal
