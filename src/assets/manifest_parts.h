// Building blocks shared by the cluster manifest files (manifests.cc, aws_addons.cc,
// console.cc): small constructors for common Kubernetes objects, as JSON values that
// yaml_emit turns into YAML. Internal to src/assets.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "assets/secrets_input.h"
#include "model/cluster_config.h"
#include "util/result.h"

namespace tectonic::assets::manifest {

using Json = nlohmann::ordered_json;

// The node label kubelets register with (tectonic.io/role=master|worker).
inline constexpr const char* kRoleLabel = "tectonic.io/role";
inline constexpr const char* kControlPlaneTaint = "node-role.kubernetes.io/control-plane";

Json Meta(const std::string& name, const std::string& ns = "");
Json ServiceAccount(const std::string& name, const std::string& ns = "kube-system");
Json ClusterRole(const std::string& name, Json rules);
Json Rule(const std::vector<std::string>& groups, const std::vector<std::string>& resources,
          const std::vector<std::string>& verbs);
Json ClusterRoleBinding(const std::string& name, const std::string& role, const std::string& kind,
                        const std::string& subject, const std::string& ns = "");
Json HostPathVolume(const std::string& name, const std::string& path, const std::string& type = "");
Json FieldEnv(const std::string& name, const std::string& field_path);
// KUBERNETES_SERVICE_HOST/PORT for host-network pods: the local API server on masters, the
// internal load balancer elsewhere.
Json ApiEnv(const model::ClusterConfig& config, bool on_master);
// A DaemonSet for host-network pods, split by role: "<name>" on workers and "<name>-master"
// on masters, each with ApiEnv for its side prepended to every container's env.
std::vector<Json> PerRoleDaemonSets(const model::ClusterConfig& config, const std::string& name,
                                    const Json& labels, const Json& pod_spec);

// 06-aws-cloud-controller-manager.yaml and 07-aws-ebs-csi-driver.yaml.
std::vector<Json> AwsCloudControllerManager(const model::ClusterConfig& config);
std::vector<Json> AwsEbsCsiDriver(const model::ClusterConfig& config);
// 08-console.yaml: TLS and login Secrets, nginx config, Deployment and NodePort Service.
Result<std::vector<Json>> Console(const model::ClusterConfig& config,
                                  const std::map<std::string, std::string>& tls);

}  // namespace tectonic::assets::manifest
