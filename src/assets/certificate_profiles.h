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

enum class Signer { kSelf, kClusterCa, kEtcdCa, kFrontProxyCa };

struct CertProfile {
  std::string name;  // "apiserver"; files are tls/<name>.crt and tls/<name>.key
  Signer signer = Signer::kClusterCa;
  CertSpec spec;
};

inline constexpr const char* kClusterCaName = "ca";
inline constexpr const char* kEtcdCaName = "etcd-ca";
// The aggregation layer's CA: only the API server's proxy client certificate is signed by it,
// so no other client certificate can set the X-Remote-User headers extension servers trust.
inline constexpr const char* kFrontProxyCaName = "front-proxy-ca";

// The CAs: cluster CA, etcd CA, front-proxy CA (in that order).
std::vector<CertProfile> CaProfiles(int validity_days);

// Every leaf certificate: apiserver, apiserver-kubelet-client, admin, kube-controller-manager,
// kube-scheduler, console (serving <name>.<baseDomain>), front-proxy-client, per etcd member
// etcd-server-<i> and etcd-peer-<i> (SANs of that member only), etcd-client (the API
// server's client to etcd).
Result<std::vector<CertProfile>> LeafProfiles(const model::ClusterConfig& config,
                                              int validity_days);

// The n-th address of an IPv4 CIDR: NthIp("10.3.0.0/16", 1) == "10.3.0.1".
Result<std::string> NthIp(const std::string& cidr, unsigned n);

}  // namespace tectonic::assets
