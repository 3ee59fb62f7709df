#include "assets/manifests.h"

#include <fmt/format.h>

#include "assets/certificate_profiles.h"
#include "assets/yaml_emit.h"

namespace tectonic::assets {
namespace {

using Json = nlohmann::ordered_json;

Json Meta(const std::string& name, const std::string& ns = "") {
  Json meta = {{"name", name}};
  if (!ns.empty()) meta["namespace"] = ns;
  return meta;
}

Json ServiceAccount(const std::string& name) {
  return {
      {"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", Meta(name, "kube-system")}};
}

Json ClusterRoleBinding(const std::string& name, const std::string& role, const std::string& kind,
                        const std::string& subject, const std::string& ns = "") {
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

// Until kube-proxy programs the service VIP, pods on the host network reach the API through
// the internal load balancer name.
Json ApiEnv(const model::ClusterConfig& config) {
  return Json::array({{{"name", "KUBERNETES_SERVICE_HOST"}, {"value", config.InternalApiHost()}},
                      {{"name", "KUBERNETES_SERVICE_PORT"}, {"value", "443"}}});
}

Json HostPathVolume(const std::string& name, const std::string& path) {
  return {{"name", name}, {"hostPath", {{"path", path}}}};
}

std::vector<Json> Namespaces() {
  return {{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", Meta("tectonic-system")}}};
}

std::vector<Json> NodeBootstrapRbac() {
  const std::string group = "system:bootstrappers";
  return {
      ClusterRoleBinding("tectonic:node-bootstrapper", "system:node-bootstrapper", "Group", group),
      ClusterRoleBinding("tectonic:node-autoapprove-bootstrap",
                         "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                         "Group", group),
      ClusterRoleBinding("tectonic:node-autoapprove-certificate-rotation",
                         "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                         "Group", "system:nodes"),
  };
}

std::vector<Json> KubeProxy(const model::ClusterConfig& config) {
  Json container = {
      {"name", "kube-proxy"},
      {"image", fmt::format("registry.k8s.io/kube-proxy:{}", kKubernetesVersion)},
      {"command", Json::array({"kube-proxy", "--cluster-cidr=" + config.networking.pod_cidr,
                               "--hostname-override=$(NODE_NAME)"})},
      {"env", ApiEnv(config)},
      {"securityContext", {{"privileged", true}}},
      {"volumeMounts",
       Json::array({{{"name", "lib-modules"}, {"mountPath", "/lib/modules"}, {"readOnly", true}},
                    {{"name", "xtables-lock"}, {"mountPath", "/run/xtables.lock"}}})}};
  container["env"].push_back(
      {{"name", "NODE_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "spec.nodeName"}}}}}});
  Json ds = {
      {"apiVersion", "apps/v1"},
      {"kind", "DaemonSet"},
      {"metadata", Meta("kube-proxy", "kube-system")},
      {"spec",
       {{"selector", {{"matchLabels", {{"k8s-app", "kube-proxy"}}}}},
        {"template",
         {{"metadata", {{"labels", {{"k8s-app", "kube-proxy"}}}}},
          {"spec",
           {{"hostNetwork", true},
            {"priorityClassName", "system-node-critical"},
            {"serviceAccountName", "kube-proxy"},
            {"tolerations", Json::array({{{"operator", "Exists"}}})},
            {"containers", Json::array({container})},
            {"volumes", Json::array({HostPathVolume("lib-modules", "/lib/modules"),
                                     HostPathVolume("xtables-lock", "/run/xtables.lock")})}}}}}}}};
  ds["spec"]["template"]["spec"]["volumes"][1]["hostPath"]["type"] = "FileOrCreate";
  return {ServiceAccount("kube-proxy"),
          ClusterRoleBinding("tectonic:kube-proxy", "system:node-proxier", "ServiceAccount",
                             "kube-proxy", "kube-system"),
          ds};
}

Result<std::vector<Json>> CoreDns(const model::ClusterConfig& config) {
  TECTONIC_ASSIGN_OR_RETURN(std::string dns_ip, NthIp(config.networking.service_cidr, 10));
  const std::string corefile =
      ".:53 {\n    errors\n    health\n    ready\n"
      "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n"
      "      fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n"
      "    cache 30\n    loop\n    reload\n}\n";
  Json role = {
      {"apiVersion", "rbac.authorization.k8s.io/v1"},
      {"kind", "ClusterRole"},
      {"metadata", Meta("tectonic:coredns")},
      {"rules",
       Json::array({{{"apiGroups", Json::array({""})},
                     {"resources", Json::array({"endpoints", "services", "pods", "namespaces"})},
                     {"verbs", Json::array({"list", "watch"})}},
                    {{"apiGroups", Json::array({"discovery.k8s.io"})},
                     {"resources", Json::array({"endpointslices"})},
                     {"verbs", Json::array({"list", "watch"})}}})}};
  Json labels = {{"k8s-app", "kube-dns"}};
  Json deployment = {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", Meta("coredns", "kube-system")},
      {"spec",
       {{"replicas", 2},
        {"selector", {{"matchLabels", labels}}},
        {"template",
         {{"metadata", {{"labels", labels}}},
          {"spec",
           {{"serviceAccountName", "coredns"},
            {"priorityClassName", "system-cluster-critical"},
            {"tolerations", Json::array({{{"key", "node-role.kubernetes.io/control-plane"},
                                          {"effect", "NoSchedule"}}})},
            {"containers",
             Json::array(
                 {{{"name", "coredns"},
                   {"image", kCoreDnsImage},
                   {"args", Json::array({"-conf", "/etc/coredns/Corefile"})},
                   {"ports",
                    Json::array(
                        {{{"name", "dns"}, {"containerPort", 53}, {"protocol", "UDP"}},
                         {{"name", "dns-tcp"}, {"containerPort", 53}, {"protocol", "TCP"}}})},
                   {"volumeMounts", Json::array({{{"name", "config"},
                                                  {"mountPath", "/etc/coredns"},
                                                  {"readOnly", true}}})}}})},
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
                               {{"name", "dns-tcp"}, {"port", 53}, {"protocol", "TCP"}}})}}}};
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
  Json cni_conf = {
      {"name", "cbr0"},
      {"cniVersion", "0.3.1"},
      {"plugins",
       Json::array({{{"type", "flannel"},
                     {"delegate", {{"hairpinMode", true}, {"isDefaultGateway", true}}}},
                    {{"type", "portmap"}, {"capabilities", {{"portMappings", true}}}}})}};
  Json role = {{"apiVersion", "rbac.authorization.k8s.io/v1"},
               {"kind", "ClusterRole"},
               {"metadata", Meta("tectonic:flannel")},
               {"rules", Json::array({{{"apiGroups", Json::array({""})},
                                       {"resources", Json::array({"pods", "nodes"})},
                                       {"verbs", Json::array({"get", "list", "watch"})}},
                                      {{"apiGroups", Json::array({""})},
                                       {"resources", Json::array({"nodes/status"})},
                                       {"verbs", Json::array({"patch"})}}})}};
  Json node_name = {{"name", "NODE_NAME"},
                    {"valueFrom", {{"fieldRef", {{"fieldPath", "spec.nodeName"}}}}}};
  Json pod_name = {{"name", "POD_NAME"},
                   {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}};
  Json pod_ns = {{"name", "POD_NAMESPACE"},
                 {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.namespace"}}}}}};
  Json env = ApiEnv(config);
  env.push_back(node_name);
  env.push_back(pod_name);
  env.push_back(pod_ns);
  Json labels = {{"app", "flannel"}};
  Json ds = {
      {"apiVersion", "apps/v1"},
      {"kind", "DaemonSet"},
      {"metadata", Meta("kube-flannel", "kube-system")},
      {"spec",
       {{"selector", {{"matchLabels", labels}}},
        {"template",
         {{"metadata", {{"labels", labels}}},
          {"spec",
           {{"hostNetwork", true},
            {"priorityClassName", "system-node-critical"},
            {"serviceAccountName", "flannel"},
            {"tolerations", Json::array({{{"operator", "Exists"}}})},
            {"initContainers",
             Json::array(
                 {{{"name", "install-cni-plugin"},
                   {"image", kFlannelCniImage},
                   {"command", Json::array({"cp", "-f", "/flannel", "/opt/cni/bin/flannel"})},
                   {"volumeMounts",
                    Json::array({{{"name", "cni-plugin"}, {"mountPath", "/opt/cni/bin"}}})}},
                  {{"name", "install-cni"},
                   {"image", kFlannelImage},
                   {"command", Json::array({"cp", "-f", "/etc/kube-flannel/cni-conf.json",
                                            "/etc/cni/net.d/10-flannel.conflist"})},
                   {"volumeMounts", Json::array({{{"name", "cni"}, {"mountPath", "/etc/cni/net.d"}},
                                                 {{"name", "flannel-cfg"},
                                                  {"mountPath", "/etc/kube-flannel/"}}})}}})},
            {"containers",
             Json::array(
                 {{{"name", "kube-flannel"},
                   {"image", kFlannelImage},
                   {"command",
                    Json::array({"/opt/bin/flanneld", "--ip-masq", "--kube-subnet-mgr"})},
                   {"env", env},
                   {"securityContext",
                    {{"privileged", false},
                     {"capabilities", {{"add", Json::array({"NET_ADMIN", "NET_RAW"})}}}}},
                   {"volumeMounts", Json::array({{{"name", "run"}, {"mountPath", "/run/flannel"}},
                                                 {{"name", "flannel-cfg"},
                                                  {"mountPath", "/etc/kube-flannel/"}}})}}})},
            {"volumes", Json::array({HostPathVolume("run", "/run/flannel"),
                                     HostPathVolume("cni-plugin", "/opt/cni/bin"),
                                     HostPathVolume("cni", "/etc/cni/net.d"),
                                     {{"name", "flannel-cfg"},
                                      {"configMap", {{"name", "kube-flannel-cfg"}}}}})}}}}}}}};
  return {
      ServiceAccount("flannel"),
      role,
      ClusterRoleBinding("tectonic:flannel", "tectonic:flannel", "ServiceAccount", "flannel",
                         "kube-system"),
      {{"apiVersion", "v1"},
       {"kind", "ConfigMap"},
       {"metadata", Meta("kube-flannel-cfg", "kube-system")},
       {"data",
        {{"cni-conf.json", cni_conf.dump(2) + "\n"}, {"net-conf.json", net_conf.dump(2) + "\n"}}}},
      ds};
}

std::vector<Json> TectonicSecrets(const SecretInputs& secrets) {
  return {{{"apiVersion", "v1"},
           {"kind", "Secret"},
           {"metadata", Meta("tectonic-license", "tectonic-system")},
           {"type", "Opaque"},
           {"stringData", {{"license", secrets.license}}}},
          {{"apiVersion", "v1"},
           {"kind", "Secret"},
           {"metadata", Meta("coreos-pull-secret", "tectonic-system")},
           {"type", "kubernetes.io/dockerconfigjson"},
           {"stringData", {{".dockerconfigjson", secrets.pull_secret}}}}};
}

}  // namespace

Result<std::vector<ManifestFile>> RenderClusterManifests(const model::ClusterConfig& config,
                                                         const BootstrapToken& token,
                                                         const SecretInputs& secrets) {
  TECTONIC_ASSIGN_OR_RETURN(auto dns, CoreDns(config));
  return std::vector<ManifestFile>{
      {"00-namespaces.yaml", ToYaml(Namespaces())},
      {"01-node-bootstrap-rbac.yaml", ToYaml(NodeBootstrapRbac())},
      {"02-bootstrap-token-secret.yaml", BootstrapTokenSecretYaml(token), true},
      {"03-kube-proxy.yaml", ToYaml(KubeProxy(config))},
      {"04-coredns.yaml", ToYaml(dns)},
      {"05-flannel.yaml", ToYaml(Flannel(config))},
      {"10-tectonic-secrets.yaml", ToYaml(TectonicSecrets(secrets)), true},
  };
}

}  // namespace tectonic::assets
