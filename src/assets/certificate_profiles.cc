#include "assets/certificate_profiles.h"

#include <arpa/inet.h>

#include <fmt/format.h>

namespace tectonic::assets {

Result<std::string> NthIp(const std::string& cidr, unsigned n) {
  auto slash = cidr.find('/');
  std::string base = cidr.substr(0, slash);
  int prefix = slash == std::string::npos ? 32 : std::atoi(cidr.c_str() + slash + 1);
  in_addr addr{};
  if (inet_pton(AF_INET, base.c_str(), &addr) != 1 || prefix < 0 || prefix > 30) {
    return Status::InvalidInput(fmt::format("'{}' is not an IPv4 CIDR with room for hosts", cidr));
  }
  uint32_t host_bits = 32 - static_cast<uint32_t>(prefix);
  if (n >= (1u << host_bits) - 1) {
    return Status::InvalidInput(fmt::format("{} has no address number {}", cidr, n));
  }
  uint32_t mask = prefix == 0 ? 0 : ~((1u << host_bits) - 1);
  uint32_t ip = (ntohl(addr.s_addr) & mask) + n;
  in_addr out{htonl(ip)};
  char text[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &out, text, sizeof text);
  return std::string(text);
}

std::vector<CertProfile> CaProfiles(int validity_days) {
  // CAs outlive the certificates they sign: twice the leaf validity.
  CertSpec cluster_ca{.common_name = "kube-ca",
                      .organizations = {"tectonic"},
                      .is_ca = true,
                      .validity_days = validity_days * 2};
  CertSpec etcd_ca{.common_name = "etcd-ca",
                   .organizations = {"etcd"},
                   .is_ca = true,
                   .validity_days = validity_days * 2};
  CertSpec front_proxy_ca{.common_name = "front-proxy-ca",
                          .organizations = {"tectonic"},
                          .is_ca = true,
                          .validity_days = validity_days * 2};
  return {{kClusterCaName, Signer::kSelf, cluster_ca},
          {kEtcdCaName, Signer::kSelf, etcd_ca},
          {kFrontProxyCaName, Signer::kSelf, front_proxy_ca}};
}

Result<std::vector<CertProfile>> LeafProfiles(const model::ClusterConfig& config,
                                              int validity_days) {
  TECTONIC_ASSIGN_OR_RETURN(std::string service_ip, NthIp(config.networking.service_cidr, 1));
  std::vector<CertProfile> out;
  auto client = [&](std::string name, std::string cn, std::vector<std::string> orgs,
                    Signer signer = Signer::kClusterCa) {
    out.push_back({std::move(name), signer,
                   CertSpec{.common_name = std::move(cn),
                            .organizations = std::move(orgs),
                            .client_auth = true,
                            .validity_days = validity_days}});
  };
  out.push_back({"apiserver", Signer::kClusterCa,
                 CertSpec{.common_name = "kube-apiserver",
                          .organizations = {"kube-master"},
                          .dns_names = {config.ApiHost(), config.InternalApiHost(), "kubernetes",
                                        "kubernetes.default", "kubernetes.default.svc",
                                        "kubernetes.default.svc.cluster.local", "localhost"},
                          .ip_addresses = {service_ip, "127.0.0.1"},
                          .server_auth = true,
                          .validity_days = validity_days}});
  // The API server's identity when it calls kubelets (logs, exec).
  client("apiserver-kubelet-client", "kube-apiserver-kubelet-client", {"system:masters"});
  client("admin", "admin", {"system:masters"});
  client("kube-controller-manager", "system:kube-controller-manager", {});
  client("kube-scheduler", "system:kube-scheduler", {});

  out.push_back({"console", Signer::kClusterCa,
                 CertSpec{.common_name = config.ConsoleHost(),
                          .organizations = {"tectonic"},
                          .dns_names = {config.ConsoleHost()},
                          .server_auth = true,
                          .validity_days = validity_days}});
  client("front-proxy-client", "front-proxy-client", {}, Signer::kFrontProxyCa);

  // One server and one peer certificate per member, naming only that member: a stolen key
  // then impersonates one member, not all of them.
  for (int i = 0; i < config.nodes.etcd.count; ++i) {
    for (const char* kind : {"etcd-server", "etcd-peer"}) {
      std::string name = fmt::format("{}-{}", kind, i);
      out.push_back({name, Signer::kEtcdCa,
                     CertSpec{.common_name = fmt::format("etcd-{}", i),
                              .organizations = {"etcd"},
                              .dns_names = {config.EtcdHost(i), "localhost"},
                              .ip_addresses = {"127.0.0.1"},
                              .server_auth = true,
                              .client_auth = true,
                              .validity_days = validity_days}});
    }
  }
  client("etcd-client", "kube-apiserver-etcd-client", {"etcd"}, Signer::kEtcdCa);
  return out;
}

}  // namespace tectonic::assets
