#include "assets/control_plane.h"

#include <fmt/format.h>

#include "assets/certificate_profiles.h"
#include "assets/yaml_emit.h"

namespace tectonic::assets {
namespace {

using Json = nlohmann::ordered_json;

std::string Pki(const std::string& file) { return fmt::format("{}/{}", kNodePkiDir, file); }

Json StaticPod(const std::string& name, const std::vector<std::string>& command) {
  Json container = {
      {"name", name},
      {"image", fmt::format("registry.k8s.io/{}:{}", name, kKubernetesVersion)},
      {"command", command},
      {"volumeMounts",
       Json::array(
           {{{"name", "kubernetes"}, {"mountPath", "/etc/kubernetes"}, {"readOnly", true}}})}};
  return {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", name}, {"namespace", "kube-system"}, {"labels", {{"component", name}}}}},
      {"spec",
       {{"hostNetwork", true},
        {"priorityClassName", "system-node-critical"},
        {"containers", Json::array({container})},
        {"volumes",
         Json::array({{{"name", "kubernetes"}, {"hostPath", {{"path", "/etc/kubernetes"}}}}})}}}};
}

}  // namespace

Result<std::string> KubeletConfigYaml(const model::ClusterConfig& config) {
  TECTONIC_ASSIGN_OR_RETURN(std::string dns_ip, NthIp(config.networking.service_cidr, 10));
  Json doc = {{"apiVersion", "kubelet.config.k8s.io/v1beta1"},
              {"kind", "KubeletConfiguration"},
              {"authentication",
               {{"anonymous", {{"enabled", false}}},
                {"webhook", {{"enabled", true}}},
                {"x509", {{"clientCAFile", Pki("ca.crt")}}}}},
              {"authorization", {{"mode", "Webhook"}}},
              {"cgroupDriver", "systemd"},
              {"clusterDNS", Json::array({dns_ip})},
              {"clusterDomain", "cluster.local"},
              {"rotateCertificates", true},
              {"staticPodPath", kNodeStaticPodDir},
              {"containerRuntimeEndpoint", "unix:///run/containerd/containerd.sock"}};
  return ToYaml({doc});
}

std::string KubeletUnit(NodeRole role) {
  // Kubelets may not set node-role.kubernetes.io labels themselves (NodeRestriction), so the
  // role travels in our own label; masters keep workloads off with the standard taint.
  std::string role_flags =
      role == NodeRole::kMaster
          ? "--node-labels=tectonic.io/role=master "
            "--register-with-taints=node-role.kubernetes.io/control-plane=:NoSchedule"
          : "--node-labels=tectonic.io/role=worker";
  return fmt::format(
      "[Unit]\n"
      "Description=Kubernetes kubelet\n"
      "Wants=network-online.target containerd.service\n"
      "After=network-online.target containerd.service\n"
      "\n"
      "[Service]\n"
      "ExecStartPre=/usr/bin/mkdir -p {static} /var/lib/kubelet /etc/cni/net.d /opt/cni/bin\n"
      "ExecStart=/opt/bin/kubelet \\\n"
      "  --bootstrap-kubeconfig={bootstrap} \\\n"
      "  --kubeconfig=/var/lib/kubelet/kubeconfig \\\n"
      "  --config={config} \\\n"
      "  --hostname-override=%H \\\n"
      "  {role_flags}\n"
      "Restart=always\n"
      "RestartSec=10\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("static", kNodeStaticPodDir), fmt::arg("bootstrap", kNodeBootstrapKubeconfig),
      fmt::arg("config", kNodeKubeletConfig), fmt::arg("role_flags", role_flags));
}

std::string EtcdServers(const model::ClusterConfig& config) {
  std::string out;
  for (int i = 0; i < config.nodes.etcd.count; ++i) {
    if (i > 0) out += ",";
    out += fmt::format("https://{}:{}", config.EtcdHost(i), kEtcdClientPort);
  }
  return out;
}

std::string EtcdInitialCluster(const model::ClusterConfig& config) {
  std::string out;
  for (int i = 0; i < config.nodes.etcd.count; ++i) {
    if (i > 0) out += ",";
    out += fmt::format("etcd-{}=https://{}:{}", i, config.EtcdHost(i), kEtcdPeerPort);
  }
  return out;
}

std::string EtcdMemberUnit(const model::ClusterConfig& config, int index) {
  const std::string host = config.EtcdHost(index);
  const std::string tls = kNodeEtcdTlsDir;
  return fmt::format(
      "[Unit]\n"
      "Description=etcd member etcd-{index}\n"
      "Wants=network-online.target docker.service\n"
      "After=network-online.target docker.service\n"
      "\n"
      "[Service]\n"
      "ExecStartPre=/usr/bin/mkdir -p /var/lib/etcd\n"
      "ExecStartPre=-/usr/bin/docker rm -f etcd-member\n"
      "ExecStart=/usr/bin/docker run --rm --name etcd-member --net host \\\n"
      "  -v /var/lib/etcd:/var/lib/etcd -v {tls}:{tls}:ro \\\n"
      "  {image} etcd \\\n"
      "  --name=etcd-{index} \\\n"
      "  --data-dir=/var/lib/etcd \\\n"
      "  --listen-client-urls=https://0.0.0.0:{client} \\\n"
      "  --advertise-client-urls=https://{host}:{client} \\\n"
      "  --listen-peer-urls=https://0.0.0.0:{peer} \\\n"
      "  --initial-advertise-peer-urls=https://{host}:{peer} \\\n"
      "  --initial-cluster={cluster} \\\n"
      "  --initial-cluster-token=tectonic-{name} \\\n"
      "  --initial-cluster-state=new \\\n"
      "  --client-cert-auth=true \\\n"
      "  --trusted-ca-file={tls}/ca.crt \\\n"
      "  --cert-file={tls}/server.crt \\\n"
      "  --key-file={tls}/server.key \\\n"
      "  --peer-client-cert-auth=true \\\n"
      "  --peer-trusted-ca-file={tls}/ca.crt \\\n"
      "  --peer-cert-file={tls}/peer.crt \\\n"
      "  --peer-key-file={tls}/peer.key\n"
      "ExecStop=/usr/bin/docker stop etcd-member\n"
      "Restart=always\n"
      "RestartSec=10\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("index", index), fmt::arg("tls", tls), fmt::arg("image", kEtcdImage),
      fmt::arg("client", kEtcdClientPort), fmt::arg("peer", kEtcdPeerPort), fmt::arg("host", host),
      fmt::arg("cluster", EtcdInitialCluster(config)), fmt::arg("name", config.name));
}

Result<std::vector<ManifestFile>> StaticPods(const model::ClusterConfig& config) {
  const auto& net = config.networking;
  Json apiserver = StaticPod("kube-apiserver",
                             {"kube-apiserver",
                              "--secure-port=443",
                              "--bind-address=0.0.0.0",
                              "--etcd-servers=" + EtcdServers(config),
                              "--etcd-cafile=" + Pki("etcd-ca.crt"),
                              "--etcd-certfile=" + Pki("etcd-client.crt"),
                              "--etcd-keyfile=" + Pki("etcd-client.key"),
                              "--client-ca-file=" + Pki("ca.crt"),
                              "--tls-cert-file=" + Pki("apiserver.crt"),
                              "--tls-private-key-file=" + Pki("apiserver.key"),
                              "--kubelet-client-certificate=" + Pki("apiserver-kubelet-client.crt"),
                              "--kubelet-client-key=" + Pki("apiserver-kubelet-client.key"),
                              "--service-cluster-ip-range=" + net.service_cidr,
                              "--service-account-issuer=https://" + config.InternalApiHost(),
                              "--service-account-key-file=" + Pki("service-account.pub"),
                              "--service-account-signing-key-file=" + Pki("service-account.key"),
                              "--authorization-mode=Node,RBAC",
                              "--enable-admission-plugins=NodeRestriction",
                              "--enable-bootstrap-token-auth=true",
                              "--allow-privileged=true",
                              "--kubelet-preferred-address-types=InternalIP,Hostname"});
  Json controller_manager = StaticPod(
      "kube-controller-manager",
      {"kube-controller-manager", "--kubeconfig=/etc/kubernetes/controller-manager.kubeconfig",
       "--authentication-kubeconfig=/etc/kubernetes/controller-manager.kubeconfig",
       "--authorization-kubeconfig=/etc/kubernetes/controller-manager.kubeconfig",
       "--cluster-signing-cert-file=" + Pki("ca.crt"),
       "--cluster-signing-key-file=" + Pki("ca.key"), "--root-ca-file=" + Pki("ca.crt"),
       "--service-account-private-key-file=" + Pki("service-account.key"),
       "--use-service-account-credentials=true", "--controllers=*,bootstrapsigner,tokencleaner",
       "--allocate-node-cidrs=true", "--cluster-cidr=" + net.pod_cidr,
       "--service-cluster-ip-range=" + net.service_cidr, "--leader-elect=true",
       // Survive a load balancer or DNS hiccup without evicting every pod.
       "--node-monitor-grace-period=2m"});
  Json scheduler = StaticPod(
      "kube-scheduler",
      {"kube-scheduler", "--kubeconfig=/etc/kubernetes/scheduler.kubeconfig",
       "--authentication-kubeconfig=/etc/kubernetes/scheduler.kubeconfig",
       "--authorization-kubeconfig=/etc/kubernetes/scheduler.kubeconfig", "--leader-elect=true"});
  return std::vector<ManifestFile>{{"kube-apiserver.yaml", ToYaml({apiserver})},
                                   {"kube-controller-manager.yaml", ToYaml({controller_manager})},
                                   {"kube-scheduler.yaml", ToYaml({scheduler})}};
}

std::string ApplyManifestsUnit() {
  return fmt::format(
      "[Unit]\n"
      "Description=Apply the tectonic cluster manifests once the API answers\n"
      "Wants=network-online.target docker.service kubelet.service\n"
      "After=network-online.target docker.service kubelet.service\n"
      "ConditionPathExists=!/var/lib/tectonic/manifests-applied\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "RemainAfterExit=true\n"
      "ExecStart=/usr/bin/docker run --rm --net host -v /etc/kubernetes:/etc/kubernetes:ro \\\n"
      "  registry.k8s.io/kubectl:{version} \\\n"
      "  --kubeconfig=/etc/kubernetes/admin.kubeconfig apply --server-side -f {dir}/\n"
      "ExecStartPost=/usr/bin/mkdir -p /var/lib/tectonic\n"
      "ExecStartPost=/usr/bin/touch /var/lib/tectonic/manifests-applied\n"
      "Restart=on-failure\n"
      "RestartSec=15\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("version", kKubernetesVersion), fmt::arg("dir", kNodeClusterManifestDir));
}

}  // namespace tectonic::assets
