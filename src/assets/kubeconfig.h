// kubeconfig files: one cluster (server URL + embedded CA), one user (embedded client
// certificate and key, or a bearer token), one context. Used for the admin kubeconfig, the
// node bootstrap kubeconfigs and the control-plane components on masters.
// Thread safety: pure functions.
#pragma once

#include <string>

namespace tectonic::assets {

struct KubeconfigSpec {
  std::string cluster_name;
  std::string server;  // https://host:port
  std::string ca_pem;
  std::string user;
  std::string client_cert_pem;  // with client_key_pem, or
  std::string client_key_pem;
  std::string token;  // a bearer token (bootstrap token)
};

std::string RenderKubeconfig(const KubeconfigSpec& spec);

}  // namespace tectonic::assets
