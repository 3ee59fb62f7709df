#include "model/config_parse.h"

#include <yaml-cpp/yaml.h>

#include <charconv>

#include <fmt/format.h>

#include "util/did_you_mean.h"

namespace tectonic::model {
namespace {

SourcePos PosOf(const YAML::Mark& mark) {
  if (mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

std::string Join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

std::string KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", node.Scalar());
    default:
      return "empty";
  }
}

struct Entry {
  YAML::Node key;
  YAML::Node value;
};
using Fields = std::map<std::string, Entry>;

// Walks the YAML tree against the cluster.yaml schema, filling ParsedConfig.
class Reader {
 public:
  Reader(ParsedConfig* parsed, std::vector<ConfigError>* errors)
      : parsed_(parsed), errors_(errors) {}

  // Collects the keys of a mapping; unknown and duplicate keys are errors. A null node (an
  // empty section) is an empty mapping.
  bool Mapping(const YAML::Node& node, const std::string& field,
               const std::vector<std::string>& allowed, Fields* out) {
    if (node.IsNull()) return true;
    if (!node.IsMap()) {
      Fail(field, fmt::format("must be a mapping of {}, not {}", Names(allowed), KindName(node)),
           "write the section as 'key: value' lines indented under it");
      return false;
    }
    for (const auto& kv : node) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      std::string child = Join(field, key);
      parsed_->where[child] = Position(kv.first, kv.second);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string fix = fmt::format("remove it; the keys allowed here are {}", Names(allowed));
        auto close = DidYouMean(key, allowed);
        if (!close.empty()) fix = fmt::format("did you mean '{}'?", close.front());
        parsed_->where[child] = PosOf(kv.first.Mark());
        Fail(child, fmt::format("unknown key '{}'", key), fix);
        continue;
      }
      if (out->count(key)) {
        parsed_->where[child] = PosOf(kv.first.Mark());
        Fail(child, fmt::format("key '{}' is given twice", key),
             "keep one of the two; YAML would silently use only one");
        continue;
      }
      (*out)[key] = Entry{kv.first, kv.second};
      parsed_->given.insert(child);
    }
    return true;
  }

  void String(const Fields& fields, const std::string& key, const std::string& field,
              std::string* out) {
    auto it = fields.find(key);
    if (it == fields.end() || it->second.value.IsNull()) return;
    if (!it->second.value.IsScalar()) {
      Fail(field, fmt::format("must be a single value, not {}", KindName(it->second.value)),
           "write it as 'key: value'");
      return;
    }
    *out = it->second.value.Scalar();
  }

  void Int(const Fields& fields, const std::string& key, const std::string& field, int* out) {
    auto it = fields.find(key);
    if (it == fields.end()) return;
    const YAML::Node& value = it->second.value;
    std::string text = value.IsScalar() ? value.Scalar() : "";
    int number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (!value.IsScalar() || text.empty() || ec != std::errc() ||
        end != text.data() + text.size()) {
      Fail(field, fmt::format("must be a whole number, not {}", KindName(value)),
           "write a number like 3");
      return;
    }
    *out = number;
  }

  void StringList(const Fields& fields, const std::string& key, const std::string& field,
                  std::vector<std::string>* out) {
    auto it = fields.find(key);
    if (it == fields.end() || it->second.value.IsNull()) return;
    const YAML::Node& value = it->second.value;
    if (!value.IsSequence()) {
      Fail(field, fmt::format("must be a list, not {}", KindName(value)),
           "write it as [a, b] or as '- a' lines");
      return;
    }
    out->clear();
    for (size_t i = 0; i < value.size(); ++i) {
      std::string item = fmt::format("{}[{}]", field, i);
      parsed_->where[item] = PosOf(value[i].Mark());
      parsed_->given.insert(item);
      if (!value[i].IsScalar()) {
        Fail(item, fmt::format("must be a single value, not {}", KindName(value[i])),
             "write one value per list entry");
        out->push_back("");
        continue;
      }
      out->push_back(value[i].Scalar());
    }
  }

  void StringMap(const Fields& fields, const std::string& key, const std::string& field,
                 std::map<std::string, std::string>* out) {
    auto it = fields.find(key);
    if (it == fields.end() || it->second.value.IsNull()) return;
    const YAML::Node& value = it->second.value;
    if (!value.IsMap()) {
      Fail(field, fmt::format("must be a mapping of key: value, not {}", KindName(value)),
           "write it as {team: infra} or as indented 'key: value' lines");
      return;
    }
    for (const auto& kv : value) {
      std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
      std::string item = Join(field, k);
      parsed_->where[item] = PosOf(kv.first.Mark());  // tag rules are mostly about the key
      parsed_->given.insert(item);
      if (out->count(k)) {
        Fail(item, fmt::format("key '{}' is given twice", k), "keep one of the two");
        continue;
      }
      if (!kv.first.IsScalar() || (!kv.second.IsScalar() && !kv.second.IsNull())) {
        Fail(item, "must be a plain 'key: value' pair", "write the tag as 'key: value'");
        continue;
      }
      (*out)[k] = kv.second.IsNull() ? "" : kv.second.Scalar();
    }
  }

  void NodePool(const Fields& fields, const std::string& key, const std::string& field,
                model::NodePool* pool) {
    auto it = fields.find(key);
    if (it == fields.end()) return;
    Fields f;
    if (!Mapping(it->second.value, field, {"count", "instanceType", "rootVolumeGiB"}, &f)) return;
    Int(f, "count", field + ".count", &pool->count);
    String(f, "instanceType", field + ".instanceType", &pool->instance_type);
    Int(f, "rootVolumeGiB", field + ".rootVolumeGiB", &pool->root_volume_gib);
  }

  // The section under key, or an empty node when absent.
  static YAML::Node Section(const Fields& fields, const std::string& key) {
    auto it = fields.find(key);
    return it == fields.end() ? YAML::Node() : it->second.value;
  }

 private:
  // Values point at themselves; an empty value or a section points at its key (so a missing
  // field of the section is reported at the section's name).
  static SourcePos Position(const YAML::Node& key, const YAML::Node& value) {
    return value.IsNull() || value.IsMap() ? PosOf(key.Mark()) : PosOf(value.Mark());
  }

  static std::string Names(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  void Fail(const std::string& field, std::string message, std::string fix) {
    parsed_->bad.insert(field);
    parsed_->Error(errors_, field, std::move(message), std::move(fix));
  }

  ParsedConfig* parsed_;
  std::vector<ConfigError>* errors_;
};

}  // namespace

SourcePos ParsedConfig::Where(const std::string& field) const {
  std::string f = field;
  while (true) {
    auto it = where.find(f);
    if (it != where.end()) return it->second;
    size_t cut = f.find_last_of(".[");
    if (cut == std::string::npos) return {1, 1};  // a missing top-level key: the file's start
    f = f.substr(0, cut);
  }
}

void ParsedConfig::Error(std::vector<ConfigError>* errors, const std::string& field,
                         std::string message, std::string fix) const {
  SourcePos pos = Where(field);
  errors->push_back(
      ConfigError{file, pos.line, pos.column, field, std::move(message), std::move(fix)});
}

bool ParseClusterYaml(std::string_view text, ParsedConfig* parsed,
                      std::vector<ConfigError>* errors) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    SourcePos pos = PosOf(e.mark);
    errors->push_back(ConfigError{parsed->file, pos.line, pos.column, "",
                                  fmt::format("YAML syntax error: {}", e.msg),
                                  "check the indentation and quoting around this position"});
    return false;
  } catch (const YAML::Exception& e) {
    errors->push_back(ConfigError{parsed->file, 0, 0, "", fmt::format("YAML error: {}", e.msg),
                                  "fix the YAML syntax"});
    return false;
  }
  if (root.IsNull()) {
    errors->push_back(ConfigError{parsed->file, 1, 1, "", "the file is empty",
                                  "run 'tectonic init' to write a starter cluster.yaml"});
    return false;
  }
  if (!root.IsMap()) {
    SourcePos pos = PosOf(root.Mark());
    errors->push_back(ConfigError{parsed->file, pos.line, pos.column, "",
                                  "the top level must be a mapping (name:, baseDomain:, aws:, ...)",
                                  "start from the file 'tectonic init' writes"});
    return false;
  }

  Reader r(parsed, errors);
  ClusterConfig& c = parsed->config;
  Fields top;
  r.Mapping(root, "", {"name", "baseDomain", "aws", "networking", "nodes", "tectonic"}, &top);
  r.String(top, "name", "name", &c.name);
  r.String(top, "baseDomain", "baseDomain", &c.base_domain);

  Fields aws;
  if (r.Mapping(
          Reader::Section(top, "aws"), "aws",
          {"region", "zones", "hostedZoneId", "sshKeyName", "kmsKeyArn", "amiId", "vpc", "tags"},
          &aws)) {
    r.String(aws, "region", "aws.region", &c.aws.region);
    r.StringList(aws, "zones", "aws.zones", &c.aws.zones);
    r.String(aws, "hostedZoneId", "aws.hostedZoneId", &c.aws.hosted_zone_id);
    r.String(aws, "sshKeyName", "aws.sshKeyName", &c.aws.ssh_key_name);
    r.String(aws, "kmsKeyArn", "aws.kmsKeyArn", &c.aws.kms_key_arn);
    r.String(aws, "amiId", "aws.amiId", &c.aws.ami_id);
    r.StringMap(aws, "tags", "aws.tags", &c.aws.tags);
    Fields vpc;
    if (r.Mapping(Reader::Section(aws, "vpc"), "aws.vpc",
                  {"id", "cidr", "masterSubnets", "workerSubnets", "natGateways"}, &vpc)) {
      r.String(vpc, "id", "aws.vpc.id", &c.aws.vpc.id);
      r.String(vpc, "cidr", "aws.vpc.cidr", &c.aws.vpc.cidr);
      r.StringList(vpc, "masterSubnets", "aws.vpc.masterSubnets", &c.aws.vpc.master_subnets);
      r.StringList(vpc, "workerSubnets", "aws.vpc.workerSubnets", &c.aws.vpc.worker_subnets);
      std::string nat = "perZone";
      r.String(vpc, "natGateways", "aws.vpc.natGateways", &nat);
      parsed->enum_values["aws.vpc.natGateways"] = nat;
    }
  }

  Fields net;
  if (r.Mapping(Reader::Section(top, "networking"), "networking",
                {"podCidr", "serviceCidr", "apiAccess", "sshSourceCidr"}, &net)) {
    r.String(net, "podCidr", "networking.podCidr", &c.networking.pod_cidr);
    r.String(net, "serviceCidr", "networking.serviceCidr", &c.networking.service_cidr);
    r.String(net, "sshSourceCidr", "networking.sshSourceCidr", &c.networking.ssh_source_cidr);
    std::string access = "public";
    r.String(net, "apiAccess", "networking.apiAccess", &access);
    parsed->enum_values["networking.apiAccess"] = access;
  }

  Fields nodes;
  if (r.Mapping(Reader::Section(top, "nodes"), "nodes", {"masters", "workers", "etcd"}, &nodes)) {
    r.NodePool(nodes, "masters", "nodes.masters", &c.nodes.masters);
    r.NodePool(nodes, "workers", "nodes.workers", &c.nodes.workers);
    r.NodePool(nodes, "etcd", "nodes.etcd", &c.nodes.etcd);
  }

  Fields tec;
  if (r.Mapping(Reader::Section(top, "tectonic"), "tectonic",
                {"license", "pullSecret", "adminEmail", "adminPasswordHash"}, &tec)) {
    r.String(tec, "license", "tectonic.license", &c.tectonic.license_path);
    r.String(tec, "pullSecret", "tectonic.pullSecret", &c.tectonic.pull_secret_path);
    r.String(tec, "adminEmail", "tectonic.adminEmail", &c.tectonic.admin_email);
    r.String(tec, "adminPasswordHash", "tectonic.adminPasswordHash",
             &c.tectonic.admin_password_hash);
  }
  return true;
}

}  // namespace tectonic::model
