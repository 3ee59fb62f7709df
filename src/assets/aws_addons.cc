// The AWS cloud integration: the external cloud controller manager (node addresses, provider
// ids, node lifecycle when an instance goes away, Services of type LoadBalancer) and the EBS
// CSI driver (PersistentVolumes on EBS, default StorageClass gp3). Both controllers run on the
// host network of masters and use the master instance role; the IAM rights they need are the
// master role's (src/topology/iam_policies.cc). The CSI node plugin makes no AWS API calls.
#include <fmt/format.h>

#include "assets/manifest_parts.h"
#include "assets/versions.h"

namespace tectonic::assets::manifest {
namespace {

constexpr const char* kCsiDriver = "ebs.csi.aws.com";

Json MasterTolerations() {
  return Json::array({{{"key", kControlPlaneTaint}, {"effect", "NoSchedule"}},
                      {{"key", "node.cloudprovider.kubernetes.io/uninitialized"},
                       {"value", "true"},
                       {"effect", "NoSchedule"}},
                      {{"key", "node.kubernetes.io/not-ready"}, {"effect", "NoSchedule"}},
                      {{"key", "CriticalAddonsOnly"}, {"operator", "Exists"}}});
}

Json RoleBinding(const std::string& name, const std::string& ns, const std::string& role,
                 const std::string& sa) {
  return {
      {"apiVersion", "rbac.authorization.k8s.io/v1"},
      {"kind", "RoleBinding"},
      {"metadata", Meta(name, ns)},
      {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", role}}},
      {"subjects",
       Json::array({{{"kind", "ServiceAccount"}, {"name", sa}, {"namespace", "kube-system"}}})}};
}

}  // namespace

std::vector<Json> AwsCloudControllerManager(const model::ClusterConfig& config) {
  Json role = ClusterRole(
      "tectonic:cloud-controller-manager",
      Json::array(
          {Rule({""}, {"events"}, {"create", "patch", "update"}), Rule({""}, {"nodes"}, {"*"}),
           Rule({""}, {"nodes/status"}, {"patch"}),
           Rule({""}, {"services"}, {"list", "patch", "update", "watch"}),
           Rule({""}, {"services/status"}, {"list", "patch", "update", "watch"}),
           Rule({""}, {"serviceaccounts"}, {"create", "get"}),
           Rule({""}, {"persistentvolumes"}, {"get", "list", "update", "watch"}),
           Rule({""}, {"endpoints"}, {"create", "get", "list", "watch", "update"}),
           Rule({"coordination.k8s.io"}, {"leases"}, {"create", "get", "list", "watch", "update"}),
           Rule({""}, {"serviceaccounts/token"}, {"create"})}));
  Json container = {
      {"name", "aws-cloud-controller-manager"},
      {"image", Image("aws-cloud-controller-manager").Ref()},
      {"args", Json::array({"--v=2", "--cloud-provider=aws", "--cluster-name=" + config.name,
                            // flannel VXLAN routes pod traffic; no VPC route per node.
                            "--configure-cloud-routes=false", "--allocate-node-cidrs=false",
                            "--leader-elect=true"})},
      {"env", ApiEnv(config, true)},
      {"resources", {{"requests", {{"cpu", "200m"}}}}}};
  container["env"].push_back({{"name", "AWS_REGION"}, {"value", config.aws.region}});
  Json labels = {{"k8s-app", "aws-cloud-controller-manager"}};
  Json ds = {{"apiVersion", "apps/v1"},
             {"kind", "DaemonSet"},
             {"metadata", Meta("aws-cloud-controller-manager", "kube-system")},
             {"spec",
              {{"selector", {{"matchLabels", labels}}},
               {"updateStrategy", {{"type", "RollingUpdate"}}},
               {"template",
                {{"metadata", {{"labels", labels}}},
                 {"spec",
                  {{"hostNetwork", true},
                   {"priorityClassName", "system-node-critical"},
                   {"serviceAccountName", "cloud-controller-manager"},
                   {"nodeSelector", {{kRoleLabel, "master"}}},
                   {"tolerations", MasterTolerations()},
                   {"containers", Json::array({container})}}}}}}}};
  return {
      ServiceAccount("cloud-controller-manager"), role,
      ClusterRoleBinding("tectonic:cloud-controller-manager", "tectonic:cloud-controller-manager",
                         "ServiceAccount", "cloud-controller-manager", "kube-system"),
      RoleBinding("tectonic:cloud-controller-manager:apiserver-authentication-reader",
                  "kube-system", "extension-apiserver-authentication-reader",
                  "cloud-controller-manager"),
      ds};
}

std::vector<Json> AwsEbsCsiDriver(const model::ClusterConfig& config) {
  const std::string socket_dir = "/var/lib/csi/sockets/pluginproxy/";
  const std::string socket = "unix://" + socket_dir + "csi.sock";
  Json leases = Rule({"coordination.k8s.io"}, {"leases"},
                     {"get", "watch", "list", "delete", "update", "create"});
  Json controller_role = ClusterRole(
      "tectonic:ebs-csi-controller",
      Json::array(
          {Rule({""}, {"persistentvolumes"}, {"get", "list", "watch", "create", "patch", "delete"}),
           Rule({""}, {"persistentvolumeclaims"}, {"get", "list", "watch", "update"}),
           Rule({"storage.k8s.io"}, {"storageclasses"}, {"get", "list", "watch"}),
           Rule({""}, {"events"}, {"list", "watch", "create", "update", "patch"}),
           Rule({"storage.k8s.io"}, {"csinodes"}, {"get", "list", "watch"}),
           Rule({""}, {"nodes"}, {"get", "list", "watch"}),
           Rule({"storage.k8s.io"}, {"volumeattachments"},
                {"get", "list", "watch", "patch", "update"}),
           Rule({"storage.k8s.io"}, {"volumeattachments/status"}, {"patch"}), leases}));
  Json node_role = ClusterRole(
      "tectonic:ebs-csi-node",
      Json::array({Rule({""}, {"nodes"}, {"get", "patch"}),
                   Rule({"storage.k8s.io"}, {"volumeattachments"}, {"get", "list", "watch"}),
                   Rule({"storage.k8s.io"}, {"csinodes"}, {"get"})}));
  Json socket_mount = Json::array({{{"name", "socket-dir"}, {"mountPath", socket_dir}}});
  Json region = {{"name", "AWS_REGION"}, {"value", config.aws.region}};
  Json controller_env = ApiEnv(config, true);
  Json controller_containers = Json::array(
      {{{"name", "ebs-plugin"},
        {"image", Image("aws-ebs-csi-driver").Ref()},
        {"args", Json::array({"controller", "--endpoint=" + socket, "--v=2"})},
        {"env", controller_env},
        {"volumeMounts", socket_mount}},
       {{"name", "csi-provisioner"},
        {"image", Image("csi-provisioner").Ref()},
        {"args", Json::array({"--csi-address=" + socket_dir + "csi.sock", "--v=2",
                              "--feature-gates=Topology=true", "--extra-create-metadata",
                              "--leader-election=true", "--default-fstype=ext4"})},
        {"env", controller_env},
        {"volumeMounts", socket_mount}},
       {{"name", "csi-attacher"},
        {"image", Image("csi-attacher").Ref()},
        {"args", Json::array({"--csi-address=" + socket_dir + "csi.sock", "--v=2",
                              "--leader-election=true"})},
        {"env", controller_env},
        {"volumeMounts", socket_mount}}});
  controller_containers[0]["env"].push_back(region);
  Json controller_labels = {{"app", "ebs-csi-controller"}};
  Json controller = {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", Meta("ebs-csi-controller", "kube-system")},
      {"spec",
       {{"replicas", 2},
        {"selector", {{"matchLabels", controller_labels}}},
        {"template",
         {{"metadata", {{"labels", controller_labels}}},
          {"spec",
           // The host network reaches the instance metadata whatever its hop limit.
           {{"hostNetwork", true},
            {"priorityClassName", "system-cluster-critical"},
            {"serviceAccountName", "ebs-csi-controller-sa"},
            {"nodeSelector", {{kRoleLabel, "master"}}},
            {"tolerations", MasterTolerations()},
            {"affinity",
             {{"podAntiAffinity",
               {{"preferredDuringSchedulingIgnoredDuringExecution",
                 Json::array({{{"weight", 100},
                               {"podAffinityTerm",
                                {{"labelSelector", {{"matchLabels", controller_labels}}},
                                 {"topologyKey", "kubernetes.io/hostname"}}}}})}}}}},
            {"containers", controller_containers},
            {"volumes",
             Json::array({{{"name", "socket-dir"}, {"emptyDir", Json::object()}}})}}}}}}}};

  const std::string plugin_dir = "/var/lib/kubelet/plugins/ebs.csi.aws.com/";
  Json node_containers = Json::array(
      {{{"name", "ebs-plugin"},
        {"image", Image("aws-ebs-csi-driver").Ref()},
        {"args", Json::array({"node", "--endpoint=unix:/csi/csi.sock", "--v=2"})},
        {"env", Json::array({FieldEnv("CSI_NODE_NAME", "spec.nodeName")})},
        {"securityContext", {{"privileged", true}}},
        {"volumeMounts", Json::array({{{"name", "kubelet-dir"},
                                       {"mountPath", "/var/lib/kubelet"},
                                       {"mountPropagation", "Bidirectional"}},
                                      {{"name", "plugin-dir"}, {"mountPath", "/csi"}},
                                      {{"name", "device-dir"}, {"mountPath", "/dev"}}})}},
       {{"name", "node-driver-registrar"},
        {"image", Image("csi-node-driver-registrar").Ref()},
        {"args", Json::array({"--csi-address=/csi/csi.sock",
                              "--kubelet-registration-path=" + plugin_dir + "csi.sock", "--v=2"})},
        {"volumeMounts",
         Json::array({{{"name", "plugin-dir"}, {"mountPath", "/csi"}},
                      {{"name", "registration-dir"}, {"mountPath", "/registration"}}})}}});
  Json node_pod = {
      {"hostNetwork", true},
      {"priorityClassName", "system-node-critical"},
      {"serviceAccountName", "ebs-csi-node-sa"},
      {"tolerations", Json::array({{{"operator", "Exists"}}})},
      {"containers", node_containers},
      {"volumes", Json::array({HostPathVolume("kubelet-dir", "/var/lib/kubelet", "Directory"),
                               HostPathVolume("plugin-dir", plugin_dir, "DirectoryOrCreate"),
                               HostPathVolume("registration-dir",
                                              "/var/lib/kubelet/plugins_registry/", "Directory"),
                               HostPathVolume("device-dir", "/dev", "Directory")})}};
  std::vector<Json> out = {
      {{"apiVersion", "storage.k8s.io/v1"},
       {"kind", "CSIDriver"},
       {"metadata", Meta(kCsiDriver)},
       {"spec", {{"attachRequired", true}, {"podInfoOnMount", false}, {"fsGroupPolicy", "File"}}}},
      ServiceAccount("ebs-csi-controller-sa"),
      ServiceAccount("ebs-csi-node-sa"),
      controller_role,
      node_role,
      ClusterRoleBinding("tectonic:ebs-csi-controller", "tectonic:ebs-csi-controller",
                         "ServiceAccount", "ebs-csi-controller-sa", "kube-system"),
      ClusterRoleBinding("tectonic:ebs-csi-node", "tectonic:ebs-csi-node", "ServiceAccount",
                         "ebs-csi-node-sa", "kube-system"),
      controller};
  for (auto& ds : PerRoleDaemonSets(config, "ebs-csi-node", {{"app", "ebs-csi-node"}}, node_pod)) {
    out.push_back(std::move(ds));
  }
  out.push_back({{"apiVersion", "storage.k8s.io/v1"},
                 {"kind", "StorageClass"},
                 {"metadata",
                  {{"name", "gp3"},
                   {"annotations", {{"storageclass.kubernetes.io/is-default-class", "true"}}}}},
                 {"provisioner", kCsiDriver},
                 {"parameters", {{"type", "gp3"}, {"encrypted", "true"}}},
                 {"volumeBindingMode", "WaitForFirstConsumer"},
                 {"reclaimPolicy", "Delete"}});
  return out;
}

}  // namespace tectonic::assets::manifest
