// Fuzz target: cluster.yaml as `validate`, `create` and the GUI's editor load it (parse, schema,
// defaults, every rule), without the license and pull-secret files (fuzz_secret_files).
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "model/config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view yaml(reinterpret_cast<const char*>(data), size);
  tectonic::model::LoadOptions options;
  options.check_files = false;
  std::vector<tectonic::model::ConfigError> errors;
  auto config = tectonic::model::LoadClusterYaml(
      yaml, "cluster.yaml", std::filesystem::temp_directory_path(), options, &errors);
  for (const auto& e : errors) (void)e.ToString();
  return 0;
}
