// Cluster manifests (manifests/ in the cluster directory, applied once the API answers):
// namespaces, node-bootstrap RBAC, the bootstrap token Secret, kube-proxy, CoreDNS, flannel
// (VXLAN over networking.podCidr), and the Tectonic license and pull secret as Secrets in
// `tectonic-system`. Minimal but valid Kubernetes YAML.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "assets/bootstrap_token.h"
#include "assets/secrets_input.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

// Versions of what the nodes run; one place to bump.
inline constexpr const char* kKubernetesVersion = "v1.29.4";
inline constexpr const char* kEtcdImage = "registry.k8s.io/etcd:3.5.12-0";
inline constexpr const char* kCoreDnsImage = "registry.k8s.io/coredns/coredns:v1.11.1";
inline constexpr const char* kFlannelImage = "docker.io/flannel/flannel:v0.25.1";
inline constexpr const char* kFlannelCniImage =
    "docker.io/flannel/flannel-cni-plugin:v1.4.0-flannel1";

struct ManifestFile {
  std::string name;     // file name in manifests/: "03-kube-proxy.yaml"
  std::string content;  // YAML, possibly several documents
  bool secret = false;  // holds a secret: written 0600 like everything in manifests/
};

Result<std::vector<ManifestFile>> RenderClusterManifests(const model::ClusterConfig& config,
                                                         const BootstrapToken& token,
                                                         const SecretInputs& secrets);

}  // namespace tectonic::assets
