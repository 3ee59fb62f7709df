#include "assets/ignition.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "assets/control_plane.h"
#include "assets/pki.h"
#include "assets/versions.h"

namespace tectonic::assets {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kKeyMode = 0600;
constexpr int kFileMode = 0644;
constexpr int kExecMode = 0755;

bool IsKey(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".key") == 0;
}

const std::string& Tls(const NodeInputs& inputs, const std::string& name) {
  static const std::string kEmpty;
  auto it = inputs.tls.find(name);
  return it == inputs.tls.end() ? kEmpty : it->second;
}

Status AddPki(IgnitionBuilder& b, const NodeInputs& inputs, const std::string& dir,
              const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [source, target] : files) {
    const std::string& pem = Tls(inputs, source);
    if (pem.empty()) return Status::Internal("missing TLS asset " + source);
    b.AddFile(dir + "/" + target, pem, IsKey(target) ? kKeyMode : kFileMode);
  }
  return Status::Ok();
}

void AddDownload(IgnitionBuilder& b, const std::string& path, const std::string& name, int mode) {
  const PinnedDownload& d = Download(name);
  b.AddRemoteFile(path, std::string(d.url), std::string(d.hash), mode);
}

Status AddKubeletNode(IgnitionBuilder& b, const model::ClusterConfig& config,
                      const NodeInputs& inputs, NodeRole role) {
  TECTONIC_ASSIGN_OR_RETURN(std::string kubelet_config, KubeletConfigYaml(config));
  AddDownload(b, kKubeletPath, "kubelet", kExecMode);
  AddDownload(b, kCniTarball, "cni-plugins", kFileMode);
  b.AddFile(kNodeEnvScript, NodeEnvScript(), kExecMode);
  b.AddFile(kNodeKubeletConfig, kubelet_config, kFileMode);
  b.AddFile(kNodeBootstrapKubeconfig,
            role == NodeRole::kMaster ? inputs.bootstrap_kubeconfig_master
                                      : inputs.bootstrap_kubeconfig_worker,
            kKeyMode);
  if (!inputs.pull_secret.empty()) b.AddFile(kNodeRegistryAuth, inputs.pull_secret, kKeyMode);
  b.AddFile("/etc/sysctl.d/10-tectonic.conf",
            "net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\n"
            "fs.inotify.max_user_watches = 524288\n",
            kFileMode);
  b.AddFile("/etc/modules-load.d/10-tectonic.conf", "br_netfilter\noverlay\n", kFileMode);
  b.AddUnit("tectonic-node-env.service", NodeEnvUnit());
  b.AddUnit("tectonic-cni-plugins.service", CniPluginsUnit());
  b.AddUnit("kubelet.service", KubeletUnit(role));
  b.EnableUnit("containerd.service");
  return Status::Ok();
}

}  // namespace

void IgnitionBuilder::AddFile(const std::string& path, const std::string& content, int mode) {
  Json file = {{"path", path},
               {"mode", mode},
               {"overwrite", true},
               {"contents", {{"source", "data:;base64," + Base64(content)}}}};
  files_.push_back(file.dump());
}

void IgnitionBuilder::AddRemoteFile(const std::string& path, const std::string& url,
                                    const std::string& hash, int mode) {
  Json file = {{"path", path},
               {"mode", mode},
               {"overwrite", true},
               {"contents", {{"source", url}, {"verification", {{"hash", hash}}}}}};
  files_.push_back(file.dump());
}

void IgnitionBuilder::AddUnit(const std::string& name, const std::string& contents, bool enabled) {
  units_.push_back(Json{{"name", name}, {"enabled", enabled}, {"contents", contents}}.dump());
}

void IgnitionBuilder::EnableUnit(const std::string& name) {
  units_.push_back(Json{{"name", name}, {"enabled", true}}.dump());
}

std::string IgnitionBuilder::Render() const {
  Json files = Json::array();
  for (const auto& f : files_) files.push_back(Json::parse(f));
  Json units = Json::array();
  for (const auto& u : units_) units.push_back(Json::parse(u));
  Json doc = {{"ignition", {{"version", kIgnitionVersion}}},
              {"storage", {{"files", files}}},
              {"systemd", {{"units", units}}}};
  return doc.dump(2) + "\n";
}

Result<std::string> RenderMasterIgnition(const model::ClusterConfig& config,
                                         const NodeInputs& inputs) {
  IgnitionBuilder b;
  TECTONIC_RETURN_IF_ERROR(
      AddPki(b, inputs, kNodePkiDir,
             {{"ca.crt", "ca.crt"},
              {"ca.key", "ca.key"},  // the controller manager signs kubelet CSRs with it
              {"apiserver.crt", "apiserver.crt"},
              {"apiserver.key", "apiserver.key"},
              {"apiserver-kubelet-client.crt", "apiserver-kubelet-client.crt"},
              {"apiserver-kubelet-client.key", "apiserver-kubelet-client.key"},
              {"service-account.key", "service-account.key"},
              {"service-account.pub", "service-account.pub"},
              {"etcd-ca.crt", "etcd-ca.crt"},
              {"etcd-client.crt", "etcd-client.crt"},
              {"etcd-client.key", "etcd-client.key"},
              {"front-proxy-ca.crt", "front-proxy-ca.crt"},
              {"front-proxy-client.crt", "front-proxy-client.crt"},
              {"front-proxy-client.key", "front-proxy-client.key"}}));
  b.AddFile("/etc/kubernetes/controller-manager.kubeconfig", inputs.controller_manager_kubeconfig,
            kKeyMode);
  b.AddFile("/etc/kubernetes/scheduler.kubeconfig", inputs.scheduler_kubeconfig, kKeyMode);
  b.AddFile("/etc/kubernetes/admin.kubeconfig", inputs.admin_kubeconfig, kKeyMode);
  TECTONIC_ASSIGN_OR_RETURN(auto pods, StaticPods(config));
  for (const auto& pod : pods) {
    b.AddFile(std::string(kNodeStaticPodDir) + "/" + pod.name, pod.content, kFileMode);
  }
  for (const auto& m : inputs.cluster_manifests) {
    b.AddFile(std::string(kNodeClusterManifestDir) + "/" + m.name, m.content,
              m.secret ? kKeyMode : kFileMode);
  }
  TECTONIC_RETURN_IF_ERROR(AddKubeletNode(b, config, inputs, NodeRole::kMaster));
  AddDownload(b, kKubectlPath, "kubectl", kExecMode);
  b.AddUnit("tectonic-manifests.service", ApplyManifestsUnit());
  b.AddFile(kCsrApproverScript, CsrApproverScript(config), kExecMode);
  b.AddUnit("tectonic-csr-approver.service", CsrApproverUnit(), false);
  b.AddUnit("tectonic-csr-approver.timer", CsrApproverTimer());
  b.EnableUnit("docker.service");  // the approver runs the AWS CLI image
  return b.Render();
}

Result<std::string> RenderWorkerIgnition(const model::ClusterConfig& config,
                                         const NodeInputs& inputs) {
  IgnitionBuilder b;
  TECTONIC_RETURN_IF_ERROR(AddPki(b, inputs, kNodePkiDir, {{"ca.crt", "ca.crt"}}));
  TECTONIC_RETURN_IF_ERROR(AddKubeletNode(b, config, inputs, NodeRole::kWorker));
  return b.Render();
}

Result<std::string> RenderEtcdIgnition(const model::ClusterConfig& config, const NodeInputs& inputs,
                                       int index) {
  IgnitionBuilder b;
  // This member's own server and peer certificates only.
  const std::string server = fmt::format("etcd-server-{}", index);
  const std::string peer = fmt::format("etcd-peer-{}", index);
  TECTONIC_RETURN_IF_ERROR(AddPki(b, inputs, kNodeEtcdTlsDir,
                                  {{"etcd-ca.crt", "ca.crt"},
                                   {server + ".crt", "server.crt"},
                                   {server + ".key", "server.key"},
                                   {peer + ".crt", "peer.crt"},
                                   {peer + ".key", "peer.key"}}));
  b.AddUnit("etcd-member.service", EtcdMemberUnit(config, index));
  b.EnableUnit("docker.service");
  return b.Render();
}

}  // namespace tectonic::assets
