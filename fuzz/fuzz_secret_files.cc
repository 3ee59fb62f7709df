// Fuzz target: the license and pull-secret files a cluster.yaml names, as the loader checks
// them. The input is split at its first NUL byte into license.txt and pull-secret.json next
// to a valid cluster.yaml.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/config_loader.h"

namespace {

constexpr const char* kYaml = R"(name: demo
baseDomain: example.com
aws:
  region: us-east-1
  zones: [us-east-1a, us-east-1b, us-east-1c]
  sshKeyName: demo-key
tectonic:
  license: license.txt
  pullSecret: pull-secret.json
  adminEmail: admin@example.com
)";

const std::filesystem::path& Dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("tectonic-fuzz-secrets-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::ofstream(Dir() / "license.txt", std::ios::trunc | std::ios::binary) << input.substr(0, nul);
  std::ofstream(Dir() / "pull-secret.json", std::ios::trunc | std::ios::binary)
      << (nul == std::string::npos ? "" : input.substr(nul + 1));
  tectonic::model::LoadOptions options;
  std::vector<tectonic::model::ConfigError> errors;
  auto config = tectonic::model::LoadClusterYaml(kYaml, "cluster.yaml", Dir(), options, &errors);
  for (const auto& e : errors) (void)e.ToString();
  return 0;
}
