// Certificate profiles: for a cluster config, which certificates exist, who signs each, what
// each says (CN, O, SANs, key usages) and where it lives under tls/. One table, so the files,
// the Ignition configs and the tests agree on every name.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "assets/pki.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets {

enum class Signer { kSelf, kClusterCa, kEtcdCa };

struct CertProfile {
  std::string name;  // "apiserver"; files are tls/<name>.crt and tls/<name>.key
  Signer signer = Signer::kClusterCa;
  CertSpec spec;
};

inline constexpr const char* kClusterCaName = "ca";
inline constexpr const char* kEtcdCaName = "etcd-ca";

// The two CAs (cluster CA first, then etcd CA).
std::vector<CertProfile> CaProfiles(int validity_days);

// Every leaf certificate: apiserver, apiserver-kubelet-client, admin, kube-controller-manager,
// kube-scheduler, etcd-server, etcd-peer, etcd-client (the API server's client to etcd).
Result<std::vector<CertProfile>> LeafProfiles(const model::ClusterConfig& config,
                                              int validity_days);

// The n-th address of an IPv4 CIDR: NthIp("10.3.0.0/16", 1) == "10.3.0.1".
Result<std::string> NthIp(const std::string& cidr, unsigned n);

}  // namespace tectonic::assets
