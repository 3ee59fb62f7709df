// Internal to the loader: the offline rules of cluster.yaml, grouped by topic. Each appends
// one ConfigError per problem (never stopping at the first) and normalises what it accepts
// (trailing dot of baseDomain, enums). Secrets are registered for redaction and never quoted.
#pragma once

#include <filesystem>
#include <vector>

#include "model/config_loader.h"
#include "model/config_parse.h"

namespace tectonic::model {

// name, baseDomain, region, zones, ids, tags, nodes, enums, admin fields.
void ValidateFields(ParsedConfig* parsed, std::vector<ConfigError>* errors);
// VPC, subnet, pod and service CIDRs and subnet ids.
void ValidateNetwork(ParsedConfig* parsed, std::vector<ConfigError>* errors);
// License and pull secret files, relative to dir.
void ValidateSecretFiles(const ParsedConfig& parsed, const std::filesystem::path& dir,
                         std::vector<ConfigError>* errors);

// Syntax predicates shared by the rules (and usable by the GUI).
bool IsClusterName(const std::string& name);   // lower-case DNS label starting with a letter
bool IsDomainName(const std::string& domain);  // labels of [a-z0-9-], no trailing dot
bool IsRegionName(const std::string& region);  // us-east-1, us-gov-west-1, ...
bool IsInstanceType(const std::string& type);  // m5.large, c6gn.16xlarge, ...
bool IsBcryptHash(const std::string& hash);    // $2a$/$2b$/$2y$, cost 04-31, 53 chars
bool IsEmailAddress(const std::string& email);

}  // namespace tectonic::model
