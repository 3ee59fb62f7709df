// CloudFormation: the cluster's resource graph (src/topology) as one stack template.
// Each graph node becomes the CloudFormation resource(s) making the same API calls its
// src/resources handler makes: the same names, tags (cluster id, tectonic.io/resource = graph
// key, user tags), properties and ordering (Ref/GetAtt where props reference another node,
// DependsOn for the graph's ordering-only edges). Kinds CloudFormation cannot express (S3
// objects, tags on borrowed resources) are left out and listed in the template's Metadata.
// Pure: no I/O, no clock; the same graph and options always give the same template.
// Thread safety: every function here is pure; call from any thread.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "util/result.h"

namespace tectonic::cloudformation {

using Json = nlohmann::ordered_json;

// A fact the exporter could not resolve offline (the AMI, the hosted zone id, an existing
// VPC's internet gateway). Every prop value equal to the placeholder becomes a Ref to a
// parameter without default, so CloudFormation asks for it at stack time.
struct UnresolvedFact {
  std::string parameter;             // "PublicHostedZoneId"
  std::string type;                  // "AWS::Route53::HostedZone::Id"
  std::string description;           // what to enter
  std::string allowed_pattern = "";  // optional regular expression the value must match
};

struct TemplateOptions {
  std::string cluster_id;    // tectonicClusterID: the ClusterId output
  std::string cluster_name;  // the description
  // Nodes applied outside the stack (the pre-stack part of `create --via cloudformation`) with
  // their outputs: they are left out and every reference to them becomes the literal output.
  std::map<std::string, nlohmann::json> applied_outside;
  // placeholder value -> parameter (see UnresolvedFact).
  std::map<std::string, UnresolvedFact> unresolved;
};

// A node that is not a resource of the template, and why.
struct LeftOut {
  std::string key;
  std::string kind;
  std::string reason;
};

struct Template {
  Json body;  // AWSTemplateFormatVersion, Description, Metadata, Parameters, Resources, Outputs
  std::vector<LeftOut> left_out;
  // Graph key -> logical ids of the resources made for it (security group rules: several).
  std::map<std::string, std::vector<std::string>> logical_ids;
};

// The template of graph. InvalidInput names the node when a kind or a referenced attribute
// has no CloudFormation equivalent (a new kind in src/topology must be mapped here).
Result<Template> BuildTemplate(const engine::Graph& graph, const TemplateOptions& options);

// The template as JSON (2-space indent) or YAML (long-form intrinsic functions, every string
// quoted so nothing is re-typed), each ending with a newline.
std::string RenderJson(const Template& tmpl);
std::string RenderYaml(const Template& tmpl);

// "subnet/master/us-east-1a" -> "SubnetMasterUsEast1a": alphanumeric, as CloudFormation needs.
std::string LogicalIdFor(const std::string& key);

}  // namespace tectonic::cloudformation
