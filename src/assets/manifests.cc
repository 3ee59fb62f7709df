#include "assets/manifests.h"

#include <fmt/format.h>

#include "assets/certificate_profiles.h"
#include "assets/control_plane.h"
#include "assets/manifest_parts.h"
#include "assets/yaml_emit.h"

namespace tectonic::assets {
namespace manifest {

Json Meta(const std::string& name, const std::string& ns) {
  Json meta = {{"name", name}};
  if (!ns.empty()) meta["namespace"] = ns;
  return meta;
}

Json ServiceAccount(const std::string& name, const std::string& ns) {
  return {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", Meta(name, ns)}};
}

Json ClusterRole(const std::string& name, Json rules) {
  return {{"apiVersion", "rbac.authorization.k8s.io/v1"},
          {"kind", "ClusterRole"},
          {"metadata", Meta(name)},
          {"rules", std::move(rules)}};
}

Json Rule(const std::vector<std::string>& groups, const std::vector<std::string>& resources,
          const std::vector<std::string>& verbs) {
  return {{"apiGroups", groups}, {"resources", resources}, {"verbs", verbs}};
}

Json ClusterRoleBinding(const std::string& name, const std::string& role, const std::string& kind,
                        const std::string& subject, const std::string& ns) {
  Json s = {{"kind", kind}, {"name", subject}};
  if (kind == "Group" || kind == "User") s["apiGroup"] = "rbac.authorization.k8s.io";
  if (!ns.empty()) s["namespace"] = ns;
  return {{"apiVersion", "rbac.authorization.k8s.io/v1"},
          {"kind", "ClusterRoleBinding"},
          {"metadata", Meta(name)},
          {"roleRef",
           {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", role}}},
          {"subjects", Json::array({s})}};
}

Json HostPathVolume(const std::string& name, const std::string& path, const std::string& type) {
  Json host = {{"path", path}};
  if (!type.empty()) host["type"] = type;
  return {{"name", name}, {"hostPath", host}};
}

Json FieldEnv(const std::string& name, const std::string& field_path) {
  return {{"name", name}, {"valueFrom", {{"fieldRef", {{"fieldPath", field_path}}}}}};
}

Json ApiEnv(const model::ClusterConfig& config, bool on_master) {
  // Masters are targets of the internal NLB, which preserves client addresses: a master
  // connecting to it can be sent to itself and that connection never completes.
  return Json::array({{{"name", "KUBERNETES_SERVICE_HOST"},
                       {"value", on_master ? std::string("127.0.0.1") : config.InternalApiHost()}},
                      {{"name", "KUBERNETES_SERVICE_PORT"}, {"value", "443"}}});
}

std::vector<Json> PerRoleDaemonSets(const model::ClusterConfig& config, const std::string& name,
                                    const Json& labels, const Json& pod_spec) {
  std::vector<Json> out;
  for (bool master : {false, true}) {
    Json spec = pod_spec;
    spec["nodeSelector"] = {{kRoleLabel, master ? "master" : "worker"}};
    for (auto& c : spec["containers"]) {
      Json env = ApiEnv(config, master);
      if (c.contains("env")) {
        for (const auto& e : c["env"]) env.push_back(e);
      }
      c["env"] = env;
    }
    Json pod_labels = labels;
    pod_labels["tectonic.io/api-path"] = master ? "local" : "internal-lb";
    out.push_back({{"apiVersion", "apps/v1"},
                   {"kind", "DaemonSet"},
                   {"metadata", Meta(master ? name + "-master" : name, "kube-system")},
                   {"spec",
                    {{"selector", {{"matchLabels", pod_labels}}},
                     {"updateStrategy", {{"type", "RollingUpdate"}}},
                     {"template", {{"metadata", {{"labels", pod_labels}}}, {"spec", spec}}}}}});
  }
  return out;
}

}  // namespace manifest

namespace {

using manifest::ClusterRoleBinding;
using manifest::FieldEnv;
using manifest::HostPathVolume;
using manifest::Json;
using manifest::Meta;
using manifest::Rule;
using manifest::ServiceAccount;

std::vector<Json> Namespaces() {
  return {{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", Meta("tectonic-system")}}};
}

std::vector<Json> NodeBootstrapRbac() {
  // Only holders of a tectonic bootstrap token (its extra group), not every bootstrapper,
  // may create node CSRs. Their first client certificate is approved by
  // tectonic-csr-approver on the masters (it checks the name against EC2), never by the
  // controller manager; nodes renewing their own certificate are. Serving certificates are
  // never auto-approved (kubelets keep self-signed serving certificates).
  return {
      ClusterRoleBinding("tectonic:node-bootstrapper", "system:node-bootstrapper", "Group",
                         kBootstrapTokenGroup),
      ClusterRoleBinding("tectonic:node-autoapprove-certificate-rotation",
                         "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                         "Group", "system:nodes"),
  };
}

std::vector<Json> KubeProxy(const model::ClusterConfig& config) {
  Json container = {
      {"name", "kube-proxy"},
      {"image", Image("kube-proxy").Ref()},
      {"command", Json::array({"kube-proxy", "--cluster-cidr=" + config.networking.pod_cidr,
                               "--hostname-override=$(NODE_NAME)"})},
      {"env", Json::array({FieldEnv("NODE_NAME", "spec.nodeName")})},
      {"securityContext", {{"privileged", true}}},
      {"volumeMounts",
       Json::array({{{"name", "lib-modules"}, {"mountPath", "/lib/modules"}, {"readOnly", true}},
                    {{"name", "xtables-lock"}, {"mountPath", "/run/xtables.lock"}}})}};
  Json pod = {{"hostNetwork", true},
              {"priorityClassName", "system-node-critical"},
              {"serviceAccountName", "kube-proxy"},
              {"tolerations", Json::array({{{"operator", "Exists"}}})},
              {"containers", Json::array({container})},
              {"volumes",
               Json::array({HostPathVolume("lib-modules", "/lib/modules"),
                            HostPathVolume("xtables-lock", "/run/xtables.lock", "FileOrCreate")})}};
  std::vector<Json> out = {ServiceAccount("kube-proxy"),
                           ClusterRoleBinding("tectonic:kube-proxy", "system:node-proxier",
                                              "ServiceAccount", "kube-proxy", "kube-system")};
  for (auto& ds :
       manifest::PerRoleDaemonSets(config, "kube-proxy", {{"k8s-app", "kube-proxy"}}, pod)) {
    out.push_back(std::move(ds));
  }
  return out;
}

Result<std::vector<Json>> CoreDns(const model::ClusterConfig& config) {
  TECTONIC_ASSIGN_OR_RETURN(std::string dns_ip, NthIp(config.networking.service_cidr, 10));
  const std::string corefile =
      ".:53 {\n    errors\n    health {\n      lameduck 5s\n    }\n    ready\n"
      "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n"
      "      fallthrough in-addr.arpa ip6.arpa\n      ttl 30\n    }\n"
      "    prometheus :9153\n    forward . /etc/resolv.conf {\n      max_concurrent 1000\n"
      "    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n";
  Json role = manifest::ClusterRole(
      "tectonic:coredns",
      Json::array({Rule({""}, {"endpoints", "services", "pods", "namespaces"}, {"list", "watch"}),
                   Rule({""}, {"nodes"}, {"get"}),
                   Rule({"discovery.k8s.io"}, {"endpointslices"}, {"list", "watch"})}));
  Json labels = {{"k8s-app", "kube-dns"}};
  Json container = {
      {"name", "coredns"},
      {"image", Image("coredns").Ref()},
      {"args", Json::array({"-conf", "/etc/coredns/Corefile"})},
      {"resources",
       {{"requests", {{"cpu", "100m"}, {"memory", "70Mi"}}}, {"limits", {{"memory", "170Mi"}}}}},
      {"ports",
       Json::array({{{"name", "dns"}, {"containerPort", 53}, {"protocol", "UDP"}},
                    {{"name", "dns-tcp"}, {"containerPort", 53}, {"protocol", "TCP"}},
                    {{"name", "metrics"}, {"containerPort", 9153}, {"protocol", "TCP"}},
                    {{"name", "liveness-probe"}, {"containerPort", 8080}, {"protocol", "TCP"}},
                    {{"name", "readiness-probe"}, {"containerPort", 8181}, {"protocol", "TCP"}}})},
      {"livenessProbe",
       {{"httpGet", {{"path", "/health"}, {"port", "liveness-probe"}, {"scheme", "HTTP"}}},
        {"initialDelaySeconds", 60},
        {"timeoutSeconds", 5},
        {"successThreshold", 1},
        {"failureThreshold", 5}}},
      {"readinessProbe",
       {{"httpGet", {{"path", "/ready"}, {"port", "readiness-probe"}, {"scheme", "HTTP"}}}}},
      {"securityContext",
       {{"allowPrivilegeEscalation", false},
        {"capabilities",
         {{"add", Json::array({"NET_BIND_SERVICE"})}, {"drop", Json::array({"ALL"})}}},
        {"readOnlyRootFilesystem", true}}},
      {"volumeMounts",
       Json::array({{{"name", "config"}, {"mountPath", "/etc/coredns"}, {"readOnly", true}}})}};
  Json deployment = {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", Meta("coredns", "kube-system")},
      {"spec",
       {{"replicas", 2},
        {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 1}}}}},
        {"selector", {{"matchLabels", labels}}},
        {"template",
         {{"metadata", {{"labels", labels}}},
          {"spec",
           {{"serviceAccountName", "coredns"},
            {"priorityClassName", "system-cluster-critical"},
            // Upstream resolution from the node's resolv.conf (kubelet resolvConf), never
            // from the cluster DNS itself: ClusterFirst here makes the loop plugin crash it.
            {"dnsPolicy", "Default"},
            {"nodeSelector", {{"kubernetes.io/os", "linux"}}},
            {"tolerations",
             Json::array({{{"key", "CriticalAddonsOnly"}, {"operator", "Exists"}},
                          {{"key", manifest::kControlPlaneTaint}, {"effect", "NoSchedule"}}})},
            {"affinity",
             {{"podAntiAffinity",
               {{"preferredDuringSchedulingIgnoredDuringExecution",
                 Json::array({{{"weight", 100},
                               {"podAffinityTerm",
                                {{"labelSelector", {{"matchLabels", labels}}},
                                 {"topologyKey", "kubernetes.io/hostname"}}}}})}}}}},
            {"containers", Json::array({container})},
            {"volumes",
             Json::array({{{"name", "config"}, {"configMap", {{"name", "coredns"}}}}})}}}}}}}};
  Json service = {
      {"apiVersion", "v1"},
      {"kind", "Service"},
      {"metadata", Meta("kube-dns", "kube-system")},
      {"spec",
       {{"selector", labels},
        {"clusterIP", dns_ip},
        {"ports", Json::array({{{"name", "dns"}, {"port", 53}, {"protocol", "UDP"}},
                               {{"name", "dns-tcp"}, {"port", 53}, {"protocol", "TCP"}},
                               {{"name", "metrics"}, {"port", 9153}, {"protocol", "TCP"}}})}}}};
  return std::vector<Json>{ServiceAccount("coredns"),
                           role,
                           ClusterRoleBinding("tectonic:coredns", "tectonic:coredns",
                                              "ServiceAccount", "coredns", "kube-system"),
                           {{"apiVersion", "v1"},
                            {"kind", "ConfigMap"},
                            {"metadata", Meta("coredns", "kube-system")},
                            {"data", {{"Corefile", corefile}}}},
                           deployment,
                           service};
}

std::vector<Json> Flannel(const model::ClusterConfig& config) {
  Json net_conf = {{"Network", config.networking.pod_cidr}, {"Backend", {{"Type", "vxlan"}}}};
  // flannel delegates to bridge + host-local; portmap serves hostPorts. All but flannel come
  // from the CNI plugins tarball tectonic-cni-plugins.service unpacks (as does loopback,
  // which the container runtime uses for every sandbox).
  Json cni_conf = {
      {"name", "cbr0"},
      {"cniVersion", "0.3.1"},
      {"plugins",
       Json::array({{{"type", "flannel"},
                     {"delegate", {{"hairpinMode", true}, {"isDefaultGateway", true}}}},
                    {{"type", "portmap"}, {"capabilities", {{"portMappings", true}}}}})}};
  Json role = manifest::ClusterRole(
      "tectonic:flannel", Json::array({Rule({""}, {"pods", "nodes"}, {"get", "list", "watch"}),
                                       Rule({""}, {"nodes/status"}, {"patch"})}));
  Json env =
      Json::array({FieldEnv("NODE_NAME", "spec.nodeName"), FieldEnv("POD_NAME", "metadata.name"),
                   FieldEnv("POD_NAMESPACE", "metadata.namespace")});
  Json pod = {
      {"hostNetwork", true},
      {"priorityClassName", "system-node-critical"},
      {"serviceAccountName", "flannel"},
      {"tolerations", Json::array({{{"operator", "Exists"}}})},
      {"initContainers",
       Json::array(
           {{{"name", "install-cni-plugin"},
             {"image", Image("flannel-cni-plugin").Ref()},
             {"command", Json::array({"cp", "-f", "/flannel", "/opt/cni/bin/flannel"})},
             {"volumeMounts",
              Json::array({{{"name", "cni-plugin"}, {"mountPath", "/opt/cni/bin"}}})}},
            {{"name", "install-cni"},
             {"image", Image("flannel").Ref()},
             {"command", Json::array({"cp", "-f", "/etc/kube-flannel/cni-conf.json",
                                      "/etc/cni/net.d/10-flannel.conflist"})},
             {"volumeMounts",
              Json::array({{{"name", "cni"}, {"mountPath", "/etc/cni/net.d"}},
                           {{"name", "flannel-cfg"}, {"mountPath", "/etc/kube-flannel/"}}})}}})},
      {"containers",
       Json::array(
           {{{"name", "kube-flannel"},
             {"image", Image("flannel").Ref()},
             {"command", Json::array({"/opt/bin/flanneld", "--ip-masq", "--kube-subnet-mgr"})},
             {"env", env},
             {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "50Mi"}}}}},
             {"securityContext",
              {{"privileged", false},
               {"capabilities", {{"add", Json::array({"NET_ADMIN", "NET_RAW"})}}}}},
             {"volumeMounts",
              Json::array({{{"name", "run"}, {"mountPath", "/run/flannel"}},
                           {{"name", "flannel-cfg"}, {"mountPath", "/etc/kube-flannel/"}},
                           {{"name", "xtables-lock"}, {"mountPath", "/run/xtables.lock"}}})}}})},
      {"volumes",
       Json::array({HostPathVolume("run", "/run/flannel"),
                    HostPathVolume("cni-plugin", "/opt/cni/bin"),
                    HostPathVolume("cni", "/etc/cni/net.d"),
                    HostPathVolume("xtables-lock", "/run/xtables.lock", "FileOrCreate"),
                    {{"name", "flannel-cfg"}, {"configMap", {{"name", "kube-flannel-cfg"}}}}})}};
  std::vector<Json> out = {
      ServiceAccount("flannel"),
      role,
      ClusterRoleBinding("tectonic:flannel", "tectonic:flannel", "ServiceAccount", "flannel",
                         "kube-system"),
      {{"apiVersion", "v1"},
       {"kind", "ConfigMap"},
       {"metadata", Meta("kube-flannel-cfg", "kube-system")},
       {"data",
        {{"cni-conf.json", cni_conf.dump(2) + "\n"}, {"net-conf.json", net_conf.dump(2) + "\n"}}}}};
  for (auto& ds : manifest::PerRoleDaemonSets(config, "kube-flannel", {{"app", "flannel"}}, pod)) {
    out.push_back(std::move(ds));
  }
  return out;
}

std::vector<Json> TectonicSecrets(const SecretInputs& secrets) {
  return {{{"apiVersion", "v1"},
           {"kind", "Secret"},
           {"metadata", Meta("tectonic-license", "tectonic-system")},
           {"type", "Opaque"},
           {"stringData", {{"license", secrets.license}}}},
          // The registry credential pods in tectonic-system pull with (imagePullSecrets);
          // every node's kubelet also has it as /var/lib/kubelet/config.json.
          {{"apiVersion", "v1"},
           {"kind", "Secret"},
           {"metadata", Meta("coreos-pull-secret", "tectonic-system")},
           {"type", "kubernetes.io/dockerconfigjson"},
           {"stringData", {{".dockerconfigjson", secrets.pull_secret}}}}};
}

}  // namespace

Result<std::vector<ManifestFile>> RenderClusterManifests(
    const model::ClusterConfig& config, const BootstrapToken& token, const SecretInputs& secrets,
    const std::map<std::string, std::string>& tls) {
  TECTONIC_ASSIGN_OR_RETURN(auto dns, CoreDns(config));
  TECTONIC_ASSIGN_OR_RETURN(auto console, manifest::Console(config, tls));
  return std::vector<ManifestFile>{
      {"00-namespaces.yaml", ToYaml(Namespaces())},
      {"01-node-bootstrap-rbac.yaml", ToYaml(NodeBootstrapRbac())},
      {"02-bootstrap-token-secret.yaml", BootstrapTokenSecretYaml(token), true},
      {"03-kube-proxy.yaml", ToYaml(KubeProxy(config))},
      {"04-coredns.yaml", ToYaml(dns)},
      {"05-flannel.yaml", ToYaml(Flannel(config))},
      {"06-aws-cloud-controller-manager.yaml", ToYaml(manifest::AwsCloudControllerManager(config))},
      {"07-aws-ebs-csi-driver.yaml", ToYaml(manifest::AwsEbsCsiDriver(config))},
      {"08-console.yaml", ToYaml(console), true},
      {"10-tectonic-secrets.yaml", ToYaml(TectonicSecrets(secrets)), true},
  };
}

}  // namespace tectonic::assets
