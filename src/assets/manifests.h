// Cluster manifests (manifests/ in the cluster directory, applied once the API answers):
// namespaces, node-bootstrap RBAC, the bootstrap token Secret, kube-proxy, CoreDNS, flannel
// (VXLAN over networking.podCidr), the AWS cloud controller manager, the EBS CSI driver, the
// console, and the Tectonic license and pull secret as Secrets in `tectonic-system`.
// DaemonSets whose pods use the host network come in two flavours: on masters they talk to
// the local API server, elsewhere to the internal load balancer.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "assets/bootstrap_token.h"
#include "assets/secrets_input.h"
#include "assets/versions.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

struct ManifestFile {
  std::string name;     // file name in manifests/: "03-kube-proxy.yaml"
  std::string content;  // YAML, possibly several documents
  bool secret = false;  // holds a secret: written 0600 like everything in manifests/
};

// `tls` maps tls/ file names to PEM; it must hold console.crt and console.key.
Result<std::vector<ManifestFile>> RenderClusterManifests(
    const model::ClusterConfig& config, const BootstrapToken& token, const SecretInputs& secrets,
    const std::map<std::string, std::string>& tls);

}  // namespace tectonic::assets
