// Ignition (spec 3.3.0) configs per role, rendered as JSON: files (data: URLs, base64; keys
// 0600, everything else 0644; downloads always with verification.hash from versions.h),
// systemd units, and on masters the static control-plane pods and the cluster manifests.
// Also the small pointer config for launch-template user data.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "assets/manifests.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

inline constexpr const char* kIgnitionVersion = "3.3.0";

// Everything a node config embeds, already rendered.
struct NodeInputs {
  std::map<std::string, std::string> tls;  // file name in tls/ ("ca.crt") -> PEM
  std::string admin_kubeconfig;
  std::string controller_manager_kubeconfig;
  std::string scheduler_kubeconfig;
  std::string bootstrap_kubeconfig_master;
  std::string bootstrap_kubeconfig_worker;
  std::vector<ManifestFile> cluster_manifests;
  std::string pull_secret;  // docker config JSON: the kubelet's registry credentials
};

// Accumulates Ignition storage files and systemd units; Render() gives the JSON text.
class IgnitionBuilder {
 public:
  void AddFile(const std::string& path, const std::string& content, int mode);
  // A file Ignition downloads and verifies (hash "sha256-<hex>" or "sha512-<hex>").
  void AddRemoteFile(const std::string& path, const std::string& url, const std::string& hash,
                     int mode);
  void AddUnit(const std::string& name, const std::string& contents, bool enabled = true);
  void EnableUnit(const std::string& name);
  std::string Render() const;

 private:
  std::vector<std::string> files_;  // each a JSON object, in order
  std::vector<std::string> units_;
};

Result<std::string> RenderMasterIgnition(const model::ClusterConfig& config,
                                         const NodeInputs& inputs);
Result<std::string> RenderWorkerIgnition(const model::ClusterConfig& config,
                                         const NodeInputs& inputs);
Result<std::string> RenderEtcdIgnition(const model::ClusterConfig& config, const NodeInputs& inputs,
                                       int index);

}  // namespace tectonic::assets
