// The cluster directory layout (DESIGN.md section 2a): one place that names every path.
// The directory is 0700; every secret file in it is 0600.
#pragma once

#include <filesystem>

namespace tectonic::model {

struct ClusterDir {
  std::filesystem::path root;

  std::filesystem::path ConfigFile() const { return root / "cluster.yaml"; }
  std::filesystem::path Journal() const { return root / "state.db"; }
  // {"clusterID": uuid, "name": ..., "region": ...}: written once, the cluster's identity.
  std::filesystem::path Metadata() const { return root / "metadata.json"; }
  std::filesystem::path TlsDir() const { return root / "tls"; }
  std::filesystem::path AuthDir() const { return root / "auth"; }
  std::filesystem::path Kubeconfig() const { return root / "auth" / "kubeconfig"; }
  std::filesystem::path IgnitionDir() const { return root / "ignition"; }
  std::filesystem::path ManifestsDir() const { return root / "manifests"; }
  std::filesystem::path LogsDir() const { return root / "logs"; }
};

}  // namespace tectonic::model
