// What runs on the nodes: the kubelet (configuration file and systemd unit, per role), the
// control plane as static pods on masters (kube-apiserver against the etcd members by name,
// kube-controller-manager, kube-scheduler), etcd-member.service on etcd nodes, and the unit
// that applies manifests/ once the API answers. File paths on the node are named here.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "assets/manifests.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

inline constexpr const char* kNodePkiDir = "/etc/kubernetes/pki";
inline constexpr const char* kNodeEtcdTlsDir = "/etc/ssl/etcd";
inline constexpr const char* kNodeStaticPodDir = "/etc/kubernetes/manifests";
inline constexpr const char* kNodeClusterManifestDir = "/etc/kubernetes/cluster-manifests";
inline constexpr const char* kNodeBootstrapKubeconfig = "/etc/kubernetes/bootstrap-kubeconfig";
inline constexpr const char* kNodeKubeletConfig = "/etc/kubernetes/kubelet-config.yaml";
inline constexpr const char* kEtcdClientPort = "2379";
inline constexpr const char* kEtcdPeerPort = "2380";

enum class NodeRole { kMaster, kWorker };

Result<std::string> KubeletConfigYaml(const model::ClusterConfig& config);
std::string KubeletUnit(NodeRole role);
// "https://etcd-0.<name>.<domain>:2379,..." for the API server.
std::string EtcdServers(const model::ClusterConfig& config);
// "etcd-0=https://etcd-0.<name>.<domain>:2380,..." for --initial-cluster.
std::string EtcdInitialCluster(const model::ClusterConfig& config);
std::string EtcdMemberUnit(const model::ClusterConfig& config, int index);
// kube-apiserver.yaml, kube-controller-manager.yaml, kube-scheduler.yaml.
Result<std::vector<ManifestFile>> StaticPods(const model::ClusterConfig& config);
// A oneshot unit on masters: apply the cluster manifests, retrying until the API answers.
std::string ApplyManifestsUnit();

}  // namespace tectonic::assets
