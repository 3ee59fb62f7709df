// `tectonic create assets --dir D`: loads cluster.yaml, writes every asset (PKI, kubeconfigs,
// manifests, Ignition) into the cluster directory and says what was written or kept. Offline:
// never touches AWS. Exit 2 on bad input (config, flags, a refused CA), 1 on other failures.
#include <iostream>

#include <fmt/format.h>

#include "assets/assets.h"
#include "cli/command.h"
#include "model/config_loader.h"
#include "util/log.h"
#include "util/redact.h"

namespace tectonic::cli {
namespace {

struct CreateAssetsFlags {
  std::string dir;
  bool rsa = false;
  int validity_days = 3 * 365;
  bool regenerate_ca = false;
  std::string ca_cert;
  std::string ca_key;
};

int RunCreateAssets(const CreateAssetsFlags& flags, const GlobalOptions& globals) {
  std::vector<model::ConfigError> errors;
  auto loaded = model::LoadClusterDir(flags.dir, &errors);
  if (!loaded.ok()) {
    for (const auto& e : errors) std::cerr << Redact(e.ToString()) << "\n";
    std::cerr << Redact(loaded.status().message()) << "\n";
    return kExitBadInput;
  }
  assets::AssetOptions options;
  options.key_algorithm =
      flags.rsa ? assets::KeyAlgorithm::kRsa2048 : assets::KeyAlgorithm::kEcdsaP256;
  options.validity_days = flags.validity_days;
  options.regenerate_ca = flags.regenerate_ca;
  options.user_ca_cert = flags.ca_cert;
  options.user_ca_key = flags.ca_key;
  log::Info("generating assets in {}", loaded->dir.string());
  auto set = assets::GenerateAssets(loaded->config, loaded->dir, options);
  if (!set.ok()) {
    std::cerr << "tectonic create assets: " << Redact(set.status().message()) << "\n";
    return set.status().code() == StatusCode::kInvalidInput ? kExitBadInput : kExitFailure;
  }
  if (globals.json()) {
    for (const auto& p : set->written) {
      std::cout << fmt::format(R"({{"event":"asset","action":"written","path":"{}"}})", p.string())
                << "\n";
    }
    for (const auto& p : set->kept) {
      std::cout << fmt::format(R"({{"event":"asset","action":"kept","path":"{}"}})", p.string())
                << "\n";
    }
    for (const auto& ign : set->ignition) {
      std::cout << fmt::format(R"({{"event":"ignition","role":"{}","path":"{}","sha512":"{}"}})",
                               ign.role, ign.path.string(), ign.sha512)
                << "\n";
    }
    return kExitOk;
  }
  std::cout << fmt::format("assets in {}: {} written, {} kept unchanged\n", loaded->dir.string(),
                           set->written.size(), set->kept.size());
  for (const auto& p : set->written) std::cout << "  wrote " << p.string() << "\n";
  for (const auto& ign : set->ignition) {
    std::cout << fmt::format("  ignition {:<8} sha512 {}...\n", ign.role, ign.sha512.substr(0, 16));
  }
  std::cout << "admin kubeconfig: " << set->kubeconfig.string() << "\n";
  return kExitOk;
}

}  // namespace

void AddCreateAssetsCommand(CLI::App& parent, const GlobalOptions& globals, int* exit_code) {
  auto flags = std::make_shared<CreateAssetsFlags>();
  auto* cmd = parent.add_subcommand("assets", "write every asset without touching AWS");
  cmd->add_option("--dir", flags->dir, "the cluster directory (holds cluster.yaml)")->required();
  cmd->add_flag("--rsa", flags->rsa, "new keys are RSA 2048 instead of ECDSA P-256");
  cmd->add_option("--validity-days", flags->validity_days,
                  "validity of new leaf certificates in days (CAs get twice as long)")
      ->check(CLI::Range(1, 20 * 365));
  cmd->add_flag("--regenerate-ca", flags->regenerate_ca,
                "replace the cluster and etcd CAs and every key they signed");
  auto* ca_cert = cmd->add_option("--ca-cert", flags->ca_cert, "use this CA certificate (PEM)");
  auto* ca_key = cmd->add_option("--ca-key", flags->ca_key, "the private key of --ca-cert (PEM)");
  ca_cert->needs(ca_key);
  ca_key->needs(ca_cert);
  cmd->callback([flags, &globals, exit_code] { *exit_code = RunCreateAssets(*flags, globals); });
}

}  // namespace tectonic::cli
