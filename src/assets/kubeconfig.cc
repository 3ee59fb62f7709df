#include "assets/kubeconfig.h"

#include "assets/pki.h"
#include "assets/yaml_emit.h"

namespace tectonic::assets {

std::string RenderKubeconfig(const KubeconfigSpec& spec) {
  nlohmann::ordered_json user = nlohmann::ordered_json::object();
  if (!spec.token.empty()) {
    user["token"] = spec.token;
  } else {
    user["client-certificate-data"] = Base64(spec.client_cert_pem);
    user["client-key-data"] = Base64(spec.client_key_pem);
  }
  std::string context = spec.user + "@" + spec.cluster_name;
  nlohmann::ordered_json doc = {
      {"apiVersion", "v1"},
      {"kind", "Config"},
      {"clusters",
       {{{"name", spec.cluster_name},
         {"cluster",
          {{"server", spec.server}, {"certificate-authority-data", Base64(spec.ca_pem)}}}}}},
      {"users", {{{"name", spec.user}, {"user", user}}}},
      {"contexts",
       {{{"name", context}, {"context", {{"cluster", spec.cluster_name}, {"user", spec.user}}}}}},
      {"current-context", context},
  };
  return ToYaml({doc});
}

}  // namespace tectonic::assets
