// A small command tree shaped like tectonic's, for the generator tests: global options with
// choices, a command with subcommands, a hidden command and a hidden option, a positional.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tectonic::cli::testutil {

struct SampleValues {
  std::string output, log_level, dir, name, shell, record, cert, ssh_key, out, seed_dir;
  std::vector<std::string> waive;
  bool yes = false, rsa = false;
};

inline void BuildSampleApp(CLI::App& app, SampleValues& v) {
  app.require_subcommand(1);
  app.add_option("--output", v.output, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", v.log_level, "how much to log")
      ->check(CLI::IsMember({"debug", "info", "warn"}));
  app.add_flag("--yes,-y", v.yes, "answer yes");
  app.set_version_flag("--version", "tool 1.0");

  auto* create = app.add_subcommand("create", "create assets or a cluster");
  create->require_subcommand(1);
  auto* assets = create->add_subcommand("assets", "write every asset");
  assets->add_option("--dir", v.dir, "the cluster directory")->required();
  assets->add_flag("--rsa", v.rsa, "RSA keys");
  assets->add_option("--ca-cert", v.cert, "a CA certificate (PEM)");
  auto* cluster = create->add_subcommand("cluster", "create the cluster on AWS");
  cluster->add_option("--dir", v.dir, "the cluster directory")->required();
  cluster->add_option("--waive", v.waive, "accept a failed check");
  cluster->add_option("--record-calls", v.record, "tests only")->group("");

  auto* init = app.add_subcommand("init", "write a starter cluster.yaml");
  init->add_option("--name", v.name, "cluster name; a \\backslash and -dash");
  init->add_option("--ssh-key", v.ssh_key, "EC2 key pair name");
  init->add_option("--profile", v.ssh_key, "AWS profile (default: AWS_PROFILE)");
  init->add_option("--key-file", v.out, "a key");
  init->add_option("--out", v.out, "write the result to FILE");
  init->add_option("--seed-dir", v.seed_dir, "where seeds are");

  auto* completion = app.add_subcommand("completion", "print a completion script");
  completion->add_option("shell", v.shell, "the shell")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));

  app.add_subcommand("secret", "hidden")->group("");
}

}  // namespace tectonic::cli::testutil
