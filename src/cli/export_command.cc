// `tectonic export cloudformation --dir D [--output FILE] [--format json|yaml]`: the cluster's
// resource graph as a CloudFormation template (src/cloudformation), offline after `create
// assets`. Facts only preflight resolves become stack parameters without default (the AMI
// unless amiId is set, the public zone unless hostedZoneId is set, an existing VPC's internet
// gateway); zones not listed in cluster.yaml are assumed <region>a,b,c. Each assumption is a
// "note:" line on stderr. The cluster identity (metadata.json) is created when missing, so a
// later `create cluster` names everything as the template does.
// Exit 0; 2 for a bad config, missing Ignition files or an unwritable output.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "assets/pki.h"
#include "cli/command.h"
#include "cli/run_options.h"
#include "cloudformation/template.h"
#include "model/cluster_dir.h"
#include "model/cluster_metadata.h"
#include "model/config_loader.h"
#include "topology/topology.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::cli {
namespace {

constexpr char kUnresolvedAmi[] = "(unresolved: AMI)";
constexpr char kUnresolvedZone[] = "(unresolved: public hosted zone)";
constexpr char kUnresolvedGateway[] = "(unresolved: internet gateway)";

struct ExportFlags {
  std::string dir;
  std::string output;
  std::string format = "json";
};

// BuildGraph's inputs from the cluster directory alone; what is assumed goes to *notes.
Result<topology::TopologyInputs> OfflineInputs(const model::ClusterConfig& config,
                                               const model::ClusterDir& dir,
                                               const std::string& cluster_id,
                                               cloudformation::TemplateOptions* options,
                                               std::vector<std::string>* notes) {
  topology::TopologyInputs in;
  in.cluster_id = cluster_id;
  if (config.aws.zones.empty()) {
    for (const char* suffix : {"a", "b", "c"}) in.zones.push_back(config.aws.region + suffix);
    notes->push_back(
        fmt::format("zones assumed {0}a,{0}b,{0}c (list aws.zones in cluster.yaml to choose them)",
                    config.aws.region));
  }
  if (config.aws.ami_id.empty()) {
    in.ami_id = kUnresolvedAmi;
    options->unresolved[kUnresolvedAmi] = {"ImageId", "AWS::EC2::Image::Id",
                                           "AMI of every node (Flatcar Container Linux stable)"};
    notes->push_back("AMI: parameter ImageId (set aws.amiId to give it a default)");
  }
  if (config.aws.hosted_zone_id.empty()) {
    in.public_zone_id = kUnresolvedZone;
    options->unresolved[kUnresolvedZone] = {
        "PublicHostedZoneId", "AWS::Route53::HostedZone::Id",
        fmt::format("id of the public hosted zone {}", config.base_domain)};
    notes->push_back("public hosted zone: parameter PublicHostedZoneId (set aws.hostedZoneId)");
  }
  if (config.UsesExistingVpc()) {
    in.existing_vpc.cidr = config.aws.vpc.cidr;
    in.existing_vpc.internet_gateway_id = kUnresolvedGateway;
    options->unresolved[kUnresolvedGateway] = {
        "InternetGatewayId", "String",
        fmt::format("internet gateway attached to {}", config.aws.vpc.id), "^igw-[0-9a-f]+$"};
    notes->push_back(fmt::format(
        "existing VPC {}: parameter InternetGatewayId; the VPC's subnets are not read offline "
        "(none reused); tag the VPC, gateway and subnets kubernetes.io/cluster/{}=shared",
        config.aws.vpc.id, cluster_id));
  }
  for (const auto& role : topology::IgnitionRoles(config)) {
    const auto path = dir.IgnitionDir() / (role + ".ign");
    auto content = files::ReadFile(path);
    if (!content.ok()) {
      return Status::InvalidInput(
          fmt::format("{} is missing: run 'tectonic create assets --dir {}' first", path.string(),
                      dir.root.string()));
    }
    in.ignition[role] = {assets::Sha512Hex(*content), path.string(), ""};
  }
  return in;
}

int RunExport(const ExportFlags& flags) {
  auto loaded = LoadConfigOrPrintErrors(flags.dir);
  if (!loaded) return kExitBadInput;
  const model::ClusterConfig& config = loaded->config;
  const model::ClusterDir dir{loaded->dir};
  auto metadata = model::LoadOrCreateMetadata(dir, config);
  if (!metadata.ok()) {
    std::cerr << "tectonic export: " << Redact(metadata.status().message()) << "\n";
    return kExitBadInput;
  }
  cloudformation::TemplateOptions options;
  options.cluster_id = metadata->cluster_id;
  options.cluster_name = config.name;
  std::vector<std::string> notes;
  auto inputs = OfflineInputs(config, dir, metadata->cluster_id, &options, &notes);
  if (!inputs.ok()) {
    std::cerr << "tectonic export: " << inputs.status().message() << "\n";
    return kExitBadInput;
  }
  auto graph = topology::BuildGraph(config, *inputs);
  if (!graph.ok()) {
    std::cerr << "tectonic export: " << Redact(graph.status().message()) << "\n";
    return kExitBadInput;
  }
  auto tmpl = cloudformation::BuildTemplate(*graph, options);
  if (!tmpl.ok()) {
    std::cerr << "tectonic export: " << tmpl.status().message() << "\n";
    return kExitFailure;
  }
  for (const auto& left : tmpl->left_out) {
    notes.push_back(
        fmt::format("not in the template: {} ({}): {}", left.key, left.kind, left.reason));
  }
  const std::string text = flags.format == "yaml" ? cloudformation::RenderYaml(*tmpl)
                                                  : cloudformation::RenderJson(*tmpl);
  if (flags.output.empty() || flags.output == "-") {
    std::cout << text;
  } else {
    Status written = files::WriteAtomic(flags.output, text, files::kPublicMode);
    if (!written.ok()) {
      std::cerr << "tectonic export: cannot write " << flags.output << ": " << written.message()
                << "\n";
      return kExitBadInput;
    }
    notes.push_back(fmt::format("wrote {} ({} bytes, {} resources)", flags.output, text.size(),
                                tmpl->body["Resources"].size()));
  }
  for (const auto& note : notes) std::cerr << "note: " << note << "\n";
  return kExitOk;
}

}  // namespace

void AddExportCommands(CLI::App& parent, const GlobalOptions&, int* exit_code) {
  auto* exp = parent.add_subcommand("export", "the cluster in another tool's format (offline)");
  exp->require_subcommand(1);
  auto flags = std::make_shared<ExportFlags>();
  auto* cmd = exp->add_subcommand(
      "cloudformation",
      "the resource graph as a CloudFormation template (run create assets first)");
  cmd->add_option("--dir", flags->dir, "the cluster directory (holds cluster.yaml)")->required();
  cmd->add_option("--output", flags->output, "write the template to FILE (default: stdout)");
  cmd->add_option("--format", flags->format, "json or yaml")
      ->check(CLI::IsMember({"json", "yaml"}));
  cmd->callback([flags, exit_code] { *exit_code = RunExport(*flags); });
}

}  // namespace tectonic::cli
