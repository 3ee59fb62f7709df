// What runs on the nodes: the node identity unit (EC2 private DNS name and provider id from
// IMDSv2), the CNI plugins unit, the kubelet (configuration file and systemd unit, per role),
// the control plane as static pods on masters (kube-apiserver against the etcd members by
// name, kube-controller-manager, kube-scheduler; each mounts only the files it reads),
// etcd-member.service on etcd nodes, and the unit that applies manifests/ once the local API
// answers. File paths on the node are named here.
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
inline constexpr const char* kNodeEnvFile = "/run/tectonic/node.env";
inline constexpr const char* kNodeEnvScript = "/opt/bin/tectonic-node-env";
inline constexpr const char* kCniTarball = "/opt/tectonic/cni-plugins.tgz";
inline constexpr const char* kKubectlPath = "/opt/bin/kubectl";
inline constexpr const char* kKubeletPath = "/opt/bin/kubelet";
// The kubelet's pre-configured registry credentials (docker config JSON in its root dir).
inline constexpr const char* kNodeRegistryAuth = "/var/lib/kubelet/config.json";
// Masters reach their own API server here (never through the NLB they are a target of).
inline constexpr const char* kLocalApiServer = "https://127.0.0.1:443";
inline constexpr const char* kEtcdClientPort = "2379";
inline constexpr const char* kEtcdPeerPort = "2380";

enum class NodeRole { kMaster, kWorker };

Result<std::string> KubeletConfigYaml(const model::ClusterConfig& config);
std::string KubeletUnit(NodeRole role);
// A shell script that asks IMDSv2 for the private DNS name, zone and instance id and writes
// NODE_NAME and PROVIDER_ID to kNodeEnvFile; and the oneshot unit that runs it.
std::string NodeEnvScript();
std::string NodeEnvUnit();
// A oneshot unit that unpacks the pinned CNI plugins tarball into /opt/cni/bin.
std::string CniPluginsUnit();
// "https://etcd-0.<name>.<domain>:2379,..." for the API server.
std::string EtcdServers(const model::ClusterConfig& config);
// "etcd-0=https://etcd-0.<name>.<domain>:2380,..." for --initial-cluster.
std::string EtcdInitialCluster(const model::ClusterConfig& config);
std::string EtcdMemberUnit(const model::ClusterConfig& config, int index);
// kube-apiserver.yaml, kube-controller-manager.yaml, kube-scheduler.yaml.
Result<std::vector<ManifestFile>> StaticPods(const model::ClusterConfig& config);
// A oneshot unit on every master: apply the cluster manifests to the local API server with
// server-side apply, retrying until it answers. Idempotent, so masters may race safely.
std::string ApplyManifestsUnit();

inline constexpr const char* kCsrApproverScript = "/opt/bin/tectonic-csr-approver";
// On masters: approves a kubelet's first client certificate (CSRs made with the bootstrap
// token) only when the node name it asks for is the private DNS name of a pending or running
// instance of this cluster (same VPC as the master, launched by the cluster's master or
// worker group) and no Node of that name exists; denies malformed names and existing nodes.
// The script, and the oneshot service and timer that run it every 15 seconds.
std::string CsrApproverScript(const model::ClusterConfig& config);
std::string CsrApproverUnit();
std::string CsrApproverTimer();

}  // namespace tectonic::assets
