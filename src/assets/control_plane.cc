#include "assets/control_plane.h"

#include <fmt/format.h>

#include "assets/certificate_profiles.h"
#include "assets/versions.h"
#include "assets/yaml_emit.h"

namespace tectonic::assets {
namespace {

using Json = nlohmann::ordered_json;

std::string Pki(const std::string& file) { return fmt::format("{}/{}", kNodePkiDir, file); }

// "/etc/kubernetes/pki/ca.crt" -> "ca-crt": a valid, readable volume name.
std::string VolumeName(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  for (char& c : base) {
    if (c == '.' || c == '_') c = '-';
  }
  return base;
}

// A control-plane static pod that mounts exactly `files` (read-only, same path inside).
Json StaticPod(const std::string& name, const std::vector<std::string>& command,
               const std::vector<std::string>& files, Json liveness = nullptr) {
  Json mounts = Json::array();
  Json volumes = Json::array();
  for (const auto& file : files) {
    mounts.push_back({{"name", VolumeName(file)}, {"mountPath", file}, {"readOnly", true}});
    volumes.push_back(
        {{"name", VolumeName(file)}, {"hostPath", {{"path", file}, {"type", "File"}}}});
  }
  Json container = {{"name", name},
                    {"image", Image(name).Ref()},
                    {"command", command},
                    {"resources", {{"requests", {{"cpu", "100m"}}}}},
                    {"volumeMounts", mounts}};
  if (!liveness.is_null()) container["livenessProbe"] = liveness;
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name}, {"namespace", "kube-system"}, {"labels", {{"component", name}}}}},
          {"spec",
           {{"hostNetwork", true},
            {"priorityClassName", "system-node-critical"},
            {"securityContext", {{"seccompProfile", {{"type", "RuntimeDefault"}}}}},
            {"containers", Json::array({container})},
            {"volumes", volumes}}}};
}

Json HttpsProbe(const std::string& path, int port) {
  return {{"httpGet", {{"host", "127.0.0.1"}, {"path", path}, {"port", port}, {"scheme", "HTTPS"}}},
          {"initialDelaySeconds", 10},
          {"periodSeconds", 10},
          {"timeoutSeconds", 15},
          {"failureThreshold", 8}};
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
              // Flatcar runs systemd-resolved: /etc/resolv.conf names the 127.0.0.53 stub,
              // which pods (CoreDNS with dnsPolicy Default) cannot reach.
              {"resolvConf", "/run/systemd/resolve/resolv.conf"},
              {"rotateCertificates", true},
              {"staticPodPath", kNodeStaticPodDir},
              {"containerRuntimeEndpoint", "unix:///run/containerd/containerd.sock"}};
  return ToYaml({doc});
}

std::string NodeEnvScript() {
  // The private DNS name is what the AWS cloud controller manager expects as node name; the
  // hostname is not used because on Flatcar it may still be "localhost" when units start.
  return fmt::format(
      "#!/bin/bash\n"
      "# Writes the node's identity from the EC2 instance metadata service (IMDSv2).\n"
      "set -euo pipefail\n"
      "imds=http://169.254.169.254/latest\n"
      "curl_opts=(--fail --silent --show-error --max-time 5 --retry 30 --retry-delay 2 "
      "--retry-connrefused)\n"
      "token=$(curl \"${{curl_opts[@]}}\" -X PUT "
      "-H 'X-aws-ec2-metadata-token-ttl-seconds: 300' \"$imds/api/token\")\n"
      "get() {{ curl \"${{curl_opts[@]}}\" -H \"X-aws-ec2-metadata-token: $token\" "
      "\"$imds/meta-data/$1\"; }}\n"
      "name=$(get local-hostname)\n"
      "name=${{name%% *}}\n"
      "zone=$(get placement/availability-zone)\n"
      "id=$(get instance-id)\n"
      "if [[ -z $name || -z $zone || -z $id ]]; then\n"
      "  echo 'instance metadata is incomplete' >&2\n"
      "  exit 1\n"
      "fi\n"
      "mkdir -p \"$(dirname {env})\"\n"
      "printf 'NODE_NAME=%s\\nPROVIDER_ID=aws:///%s/%s\\n' \"${{name,,}}\" \"$zone\" \"$id\" "
      "> {env}.tmp\n"
      "mv {env}.tmp {env}\n",
      fmt::arg("env", kNodeEnvFile));
}

std::string NodeEnvUnit() {
  return fmt::format(
      "[Unit]\n"
      "Description=Node name and provider id from the EC2 instance metadata (IMDSv2)\n"
      "Wants=network-online.target\n"
      "After=network-online.target\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "RemainAfterExit=true\n"
      "ExecStart={script}\n"
      "Restart=on-failure\n"
      "RestartSec=5\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("script", kNodeEnvScript));
}

std::string CniPluginsUnit() {
  const auto& cni = Download("cni-plugins");
  return fmt::format(
      "[Unit]\n"
      "Description=Unpack the CNI plugins {version} into /opt/cni/bin\n"
      "ConditionPathExists=!/opt/cni/bin/.tectonic-{version}\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "RemainAfterExit=true\n"
      "ExecStartPre=/usr/bin/mkdir -p /opt/cni/bin\n"
      "ExecStart=/usr/bin/tar -xzf {tarball} -C /opt/cni/bin\n"
      "ExecStartPost=/usr/bin/touch /opt/cni/bin/.tectonic-{version}\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("version", cni.version), fmt::arg("tarball", kCniTarball));
}

std::string KubeletUnit(NodeRole role) {
  // Kubelets may not set node-role.kubernetes.io labels themselves (NodeRestriction), so the
  // role travels in our own label; masters keep workloads off with the standard taint.
  std::string role_flags =
      role == NodeRole::kMaster
          ? "--node-labels=tectonic.io/role=master \\\n"
            "  --register-with-taints=node-role.kubernetes.io/control-plane=:NoSchedule"
          : "--node-labels=tectonic.io/role=worker";
  return fmt::format(
      "[Unit]\n"
      "Description=Kubernetes kubelet\n"
      "Wants=network-online.target containerd.service\n"
      "Requires=tectonic-node-env.service tectonic-cni-plugins.service\n"
      "After=network-online.target containerd.service tectonic-node-env.service "
      "tectonic-cni-plugins.service\n"
      "\n"
      "[Service]\n"
      "EnvironmentFile={env}\n"
      "ExecStartPre=/usr/bin/mkdir -p {static} /var/lib/kubelet /etc/cni/net.d /opt/cni/bin\n"
      "ExecStart={kubelet} \\\n"
      "  --bootstrap-kubeconfig={bootstrap} \\\n"
      "  --kubeconfig=/var/lib/kubelet/kubeconfig \\\n"
      "  --config={config} \\\n"
      "  --cloud-provider=external \\\n"
      "  --hostname-override=${{NODE_NAME}} \\\n"
      "  --provider-id=${{PROVIDER_ID}} \\\n"
      "  {role_flags}\n"
      "Restart=always\n"
      "RestartSec=10\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("env", kNodeEnvFile), fmt::arg("static", kNodeStaticPodDir),
      fmt::arg("kubelet", kKubeletPath), fmt::arg("bootstrap", kNodeBootstrapKubeconfig),
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
      fmt::arg("index", index), fmt::arg("tls", tls), fmt::arg("image", Image("etcd").Ref()),
      fmt::arg("client", kEtcdClientPort), fmt::arg("peer", kEtcdPeerPort), fmt::arg("host", host),
      fmt::arg("cluster", EtcdInitialCluster(config)), fmt::arg("name", config.name));
}

Result<std::vector<ManifestFile>> StaticPods(const model::ClusterConfig& config) {
  const auto& net = config.networking;
  Json apiserver = StaticPod(
      "kube-apiserver",
      {"kube-apiserver", "--secure-port=443", "--bind-address=0.0.0.0",
       "--etcd-servers=" + EtcdServers(config), "--etcd-cafile=" + Pki("etcd-ca.crt"),
       "--etcd-certfile=" + Pki("etcd-client.crt"), "--etcd-keyfile=" + Pki("etcd-client.key"),
       "--client-ca-file=" + Pki("ca.crt"), "--tls-cert-file=" + Pki("apiserver.crt"),
       "--tls-private-key-file=" + Pki("apiserver.key"),
       "--kubelet-client-certificate=" + Pki("apiserver-kubelet-client.crt"),
       "--kubelet-client-key=" + Pki("apiserver-kubelet-client.key"),
       "--service-cluster-ip-range=" + net.service_cidr,
       "--service-account-issuer=https://" + config.InternalApiHost(),
       "--service-account-key-file=" + Pki("service-account.pub"),
       "--service-account-signing-key-file=" + Pki("service-account.key"),
       "--authorization-mode=Node,RBAC", "--enable-admission-plugins=NodeRestriction",
       "--enable-bootstrap-token-auth=true", "--allow-privileged=true",
       "--kubelet-preferred-address-types=InternalIP,InternalDNS,Hostname",
       // The aggregation layer (metrics-server and other extension API servers).
       "--requestheader-client-ca-file=" + Pki("front-proxy-ca.crt"),
       "--requestheader-allowed-names=front-proxy-client",
       "--requestheader-extra-headers-prefix=X-Remote-Extra-",
       "--requestheader-group-headers=X-Remote-Group",
       "--requestheader-username-headers=X-Remote-User",
       "--proxy-client-cert-file=" + Pki("front-proxy-client.crt"),
       "--proxy-client-key-file=" + Pki("front-proxy-client.key"),
       "--enable-aggregator-routing=true"},
      {Pki("ca.crt"), Pki("apiserver.crt"), Pki("apiserver.key"),
       Pki("apiserver-kubelet-client.crt"), Pki("apiserver-kubelet-client.key"),
       Pki("service-account.pub"), Pki("service-account.key"), Pki("etcd-ca.crt"),
       Pki("etcd-client.crt"), Pki("etcd-client.key"), Pki("front-proxy-ca.crt"),
       Pki("front-proxy-client.crt"), Pki("front-proxy-client.key")},
      HttpsProbe("/livez", 443));
  const std::string cm_kubeconfig = "/etc/kubernetes/controller-manager.kubeconfig";
  Json controller_manager = StaticPod(
      "kube-controller-manager",
      {"kube-controller-manager", "--kubeconfig=" + cm_kubeconfig,
       "--authentication-kubeconfig=" + cm_kubeconfig,
       "--authorization-kubeconfig=" + cm_kubeconfig,
       "--requestheader-client-ca-file=" + Pki("front-proxy-ca.crt"),
       "--cluster-signing-cert-file=" + Pki("ca.crt"),
       "--cluster-signing-key-file=" + Pki("ca.key"), "--root-ca-file=" + Pki("ca.crt"),
       "--service-account-private-key-file=" + Pki("service-account.key"),
       "--use-service-account-credentials=true", "--controllers=*,bootstrapsigner,tokencleaner",
       "--allocate-node-cidrs=true", "--cluster-cidr=" + net.pod_cidr,
       "--service-cluster-ip-range=" + net.service_cidr, "--leader-elect=true",
       // Survive a load balancer or DNS hiccup without evicting every pod.
       "--node-monitor-grace-period=2m"},
      {cm_kubeconfig, Pki("ca.crt"), Pki("ca.key"), Pki("front-proxy-ca.crt"),
       Pki("service-account.key")},
      HttpsProbe("/healthz", 10257));
  const std::string sched_kubeconfig = "/etc/kubernetes/scheduler.kubeconfig";
  Json scheduler =
      StaticPod("kube-scheduler",
                {"kube-scheduler", "--kubeconfig=" + sched_kubeconfig,
                 "--authentication-kubeconfig=" + sched_kubeconfig,
                 "--authorization-kubeconfig=" + sched_kubeconfig, "--leader-elect=true"},
                {sched_kubeconfig}, HttpsProbe("/healthz", 10259));
  return std::vector<ManifestFile>{{"kube-apiserver.yaml", ToYaml({apiserver})},
                                   {"kube-controller-manager.yaml", ToYaml({controller_manager})},
                                   {"kube-scheduler.yaml", ToYaml({scheduler})}};
}

std::string ApplyManifestsUnit() {
  // Server-side apply with one field manager converges to the same objects whichever master
  // runs first or how often, so every master runs it (no leader needed); each master stops
  // once it has applied everything.
  return fmt::format(
      "[Unit]\n"
      "Description=Apply the tectonic cluster manifests once the local API server answers\n"
      "Wants=network-online.target kubelet.service\n"
      "After=network-online.target kubelet.service\n"
      "ConditionPathExists=!/var/lib/tectonic/manifests-applied\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "RemainAfterExit=true\n"
      "ExecStart={kubectl} --kubeconfig=/etc/kubernetes/admin.kubeconfig \\\n"
      "  apply --server-side --force-conflicts --field-manager=tectonic -f {dir}/\n"
      "ExecStartPost=/usr/bin/mkdir -p /var/lib/tectonic\n"
      "ExecStartPost=/usr/bin/touch /var/lib/tectonic/manifests-applied\n"
      "Restart=on-failure\n"
      "RestartSec=15\n"
      "\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n",
      fmt::arg("kubectl", kKubectlPath), fmt::arg("dir", kNodeClusterManifestDir));
}

std::string CsrApproverScript(const model::ClusterConfig& config) {
  // kubectl, docker, curl, openssl and base64 come from PATH (the unit puts /opt/bin first).
  return fmt::format(
      "#!/bin/bash\n"
      "# Approves kubelet bootstrap CSRs whose node name is an EC2 instance of this cluster.\n"
      "set -euo pipefail\n"
      "export KUBECONFIG=/etc/kubernetes/admin.kubeconfig\n"
      "imds=http://169.254.169.254/latest\n"
      "token=$(curl -fsS --max-time 5 -X PUT "
      "-H 'X-aws-ec2-metadata-token-ttl-seconds: 300' \"$imds/api/token\")\n"
      "meta() {{ curl -fsS --max-time 5 -H \"X-aws-ec2-metadata-token: $token\" "
      "\"$imds/meta-data/$1\"; }}\n"
      "mac=$(meta mac)\n"
      "vpc=$(meta \"network/interfaces/macs/$mac/vpc-id\")\n"
      "instances() {{\n"
      "  docker run --rm --net host -e AWS_REGION={region} {image} \\\n"
      "    ec2 describe-instances --output text \\\n"
      "    --query 'length(Reservations[].Instances[])' \\\n"
      "    --filters \"Name=vpc-id,Values=$vpc\" \"Name=private-dns-name,Values=$1\" \\\n"
      "    Name=instance-state-name,Values=pending,running \\\n"
      "    Name=tag:tectonic.io/resource,Values=asg/master,asg/worker\n"
      "}}\n"
      "template='{{{{range .items}}}}{{{{if not .status.conditions}}}}"
      "{{{{if eq .spec.signerName \"kubernetes.io/kube-apiserver-client-kubelet\"}}}}"
      "{{{{.metadata.name}}}} {{{{.spec.username}}}} {{{{.spec.request}}}}{{{{\"\\n\"}}}}"
      "{{{{end}}}}{{{{end}}}}{{{{end}}}}'\n"
      "kubectl get csr -o go-template=\"$template\" | while read -r csr user request; do\n"
      "  # Renewals by nodes (system:node:*) stay with the controller manager.\n"
      "  [[ $user == system:bootstrap:* ]] || continue\n"
      "  subject=$(base64 -d <<<\"$request\" | openssl req -noout -subject -nameopt RFC2253)\n"
      "  cn=$(sed -n 's/.*CN=system:node:\\([^,]*\\).*/\\1/p' <<<\"$subject\")\n"
      "  if [[ ! $cn =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]]; then\n"
      "    kubectl certificate deny \"$csr\"\n"
      "    echo \"$csr: denied, no valid node name in '$subject'\"\n"
      "  elif kubectl get node \"$cn\" >/dev/null 2>&1; then\n"
      "    kubectl certificate deny \"$csr\"\n"
      "    echo \"$csr: denied, node $cn already exists\"\n"
      "  elif [[ $(instances \"$cn\") == 1 ]]; then\n"
      "    kubectl certificate approve \"$csr\"\n"
      "    echo \"$csr: approved for instance $cn\"\n"
      "  else\n"
      "    echo \"$csr: left pending, $cn is not an instance of this cluster (yet)\"\n"
      "  fi\n"
      "done\n",
      fmt::arg("region", config.aws.region), fmt::arg("image", Image("aws-cli").Ref()));
}

std::string CsrApproverUnit() {
  return fmt::format(
      "[Unit]\n"
      "Description=Approve kubelet bootstrap CSRs of instances of this cluster\n"
      "Wants=network-online.target docker.service\n"
      "After=network-online.target docker.service kubelet.service\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "Environment=PATH=/opt/bin:/usr/bin:/usr/sbin:/bin:/sbin\n"
      "ExecStart={script}\n",
      fmt::arg("script", kCsrApproverScript));
}

std::string CsrApproverTimer() {
  return "[Unit]\n"
         "Description=Approve kubelet bootstrap CSRs every 15 seconds\n"
         "\n"
         "[Timer]\n"
         "OnBootSec=30s\n"
         "OnUnitInactiveSec=15s\n"
         "AccuracySec=1s\n"
         "\n"
         "[Install]\n"
         "WantedBy=timers.target\n";
}

}  // namespace tectonic::assets
