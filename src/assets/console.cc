// The console behind the console NLB (443 -> NodePort 32000, 80 -> 32001, health checks on
// 32002, see src/topology/load_balancers.cc). What it is, honestly: nginx (unprivileged,
// pinned by digest) terminating TLS with a certificate for <name>.<baseDomain> issued by the
// cluster CA, asking for the admin email and password (HTTP basic auth against the bcrypt
// hash from cluster.yaml; nginx on musl verifies $2a$/$2b$/$2y$ hashes), and serving a page
// that tells the administrator where the API is and how to use the admin kubeconfig. It is
// the front door a fuller console (for example the Kubernetes Dashboard) can sit behind.
#include <fmt/format.h>

#include "assets/manifest_parts.h"
#include "assets/versions.h"

namespace tectonic::assets::manifest {
namespace {

constexpr int kHttpsNodePort = 32000;
constexpr int kHttpNodePort = 32001;
constexpr int kHealthNodePort = 32002;

std::string NginxConf() {
  return "worker_processes 1;\n"
         "pid /tmp/nginx.pid;\n"
         "events {\n  worker_connections 256;\n}\n"
         "http {\n"
         "  client_body_temp_path /tmp/client_body;\n"
         "  proxy_temp_path /tmp/proxy;\n"
         "  fastcgi_temp_path /tmp/fastcgi;\n"
         "  uwsgi_temp_path /tmp/uwsgi;\n"
         "  scgi_temp_path /tmp/scgi;\n"
         "  server_tokens off;\n"
         "  access_log /dev/stdout;\n"
         "  server {\n"
         "    listen 8081;\n"
         "    location = /healthz {\n      return 200 \"ok\\n\";\n    }\n"
         "  }\n"
         "  server {\n"
         "    listen 8080;\n"
         "    location / {\n      return 301 https://$host$request_uri;\n    }\n"
         "  }\n"
         "  server {\n"
         "    listen 8443 ssl;\n"
         "    ssl_certificate /etc/console/tls/tls.crt;\n"
         "    ssl_certificate_key /etc/console/tls/tls.key;\n"
         "    ssl_protocols TLSv1.2 TLSv1.3;\n"
         "    add_header Strict-Transport-Security \"max-age=31536000\" always;\n"
         "    auth_basic \"Tectonic console\";\n"
         "    auth_basic_user_file /etc/console/auth/htpasswd;\n"
         "    root /usr/share/tectonic-console;\n"
         "    location / {\n      index index.html;\n    }\n"
         "  }\n"
         "}\n";
}

std::string IndexHtml(const model::ClusterConfig& config) {
  return fmt::format(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{name}</title></head>\n"
      "<body>\n<h1>Tectonic cluster {name}</h1>\n"
      "<p>Kubernetes API: <code>https://{api}:443</code> (Kubernetes {version}).</p>\n"
      "<p>Use the admin kubeconfig from the cluster directory: "
      "<code>kubectl --kubeconfig &lt;dir&gt;/auth/kubeconfig get nodes</code>.</p>\n"
      "</body></html>\n",
      fmt::arg("name", config.name), fmt::arg("api", config.ApiHost()),
      fmt::arg("version", kKubernetesVersion));
}

}  // namespace

Result<std::vector<Json>> Console(const model::ClusterConfig& config,
                                  const std::map<std::string, std::string>& tls) {
  auto crt = tls.find("console.crt");
  auto key = tls.find("console.key");
  if (crt == tls.end() || key == tls.end()) {
    return Status::Internal("the console certificate was not generated");
  }
  const std::string ns = "tectonic-system";
  // No hash, no user: the console then refuses every login rather than allowing any.
  std::string htpasswd;
  if (!config.tectonic.admin_password_hash.empty()) {
    htpasswd = config.tectonic.admin_email + ":" + config.tectonic.admin_password_hash + "\n";
  }
  Json labels = {{"app", "tectonic-console"}};
  Json container = {
      {"name", "console"},
      {"image", Image("console").Ref()},
      {"ports", Json::array({{{"name", "https"}, {"containerPort", 8443}},
                             {{"name", "http"}, {"containerPort", 8080}},
                             {{"name", "health"}, {"containerPort", 8081}}})},
      {"readinessProbe", {{"httpGet", {{"path", "/healthz"}, {"port", "health"}}}}},
      {"livenessProbe",
       {{"httpGet", {{"path", "/healthz"}, {"port", "health"}}}, {"initialDelaySeconds", 10}}},
      {"resources",
       {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}, {"limits", {{"memory", "64Mi"}}}}},
      {"securityContext",
       {{"allowPrivilegeEscalation", false},
        {"runAsNonRoot", true},
        {"readOnlyRootFilesystem", true},
        {"capabilities", {{"drop", Json::array({"ALL"})}}}}},
      {"volumeMounts",
       Json::array(
           {{{"name", "config"},
             {"mountPath", "/etc/nginx/nginx.conf"},
             {"subPath", "nginx.conf"},
             {"readOnly", true}},
            {{"name", "content"}, {"mountPath", "/usr/share/tectonic-console"}, {"readOnly", true}},
            {{"name", "tls"}, {"mountPath", "/etc/console/tls"}, {"readOnly", true}},
            {{"name", "auth"}, {"mountPath", "/etc/console/auth"}, {"readOnly", true}},
            {{"name", "tmp"}, {"mountPath", "/tmp"}}})}};
  Json deployment = {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", Meta("tectonic-console", ns)},
      {"spec",
       {{"replicas", 2},
        {"selector", {{"matchLabels", labels}}},
        {"template",
         {{"metadata", {{"labels", labels}}},
          {"spec",
           {{"automountServiceAccountToken", false},
            {"imagePullSecrets", Json::array({{{"name", "coreos-pull-secret"}}})},
            {"tolerations", Json::array({{{"key", kControlPlaneTaint}, {"effect", "NoSchedule"}}})},
            {"securityContext", {{"seccompProfile", {{"type", "RuntimeDefault"}}}}},
            {"containers", Json::array({container})},
            {"volumes",
             Json::array(
                 {{{"name", "config"}, {"configMap", {{"name", "tectonic-console"}}}},
                  {{"name", "content"},
                   {"configMap",
                    {{"name", "tectonic-console"},
                     {"items", Json::array({{{"key", "index.html"}, {"path", "index.html"}}})}}}},
                  {{"name", "tls"}, {"secret", {{"secretName", "tectonic-console-tls"}}}},
                  {{"name", "auth"}, {"secret", {{"secretName", "tectonic-console-auth"}}}},
                  {{"name", "tmp"}, {"emptyDir", Json::object()}}})}}}}}}}};
  Json service = {
      {"apiVersion", "v1"},
      {"kind", "Service"},
      {"metadata", Meta("tectonic-console", ns)},
      {"spec",
       {{"type", "NodePort"},
        {"selector", labels},
        {"ports",
         Json::array(
             {{{"name", "https"},
               {"port", 443},
               {"targetPort", "https"},
               {"nodePort", kHttpsNodePort}},
              {{"name", "http"}, {"port", 80}, {"targetPort", "http"}, {"nodePort", kHttpNodePort}},
              {{"name", "health"},
               {"port", 8081},
               {"targetPort", "health"},
               {"nodePort", kHealthNodePort}}})}}}};
  return std::vector<Json>{
      {{"apiVersion", "v1"},
       {"kind", "Secret"},
       {"metadata", Meta("tectonic-console-tls", ns)},
       {"type", "kubernetes.io/tls"},
       {"stringData", {{"tls.crt", crt->second}, {"tls.key", key->second}}}},
      {{"apiVersion", "v1"},
       {"kind", "Secret"},
       {"metadata", Meta("tectonic-console-auth", ns)},
       {"type", "Opaque"},
       {"stringData", {{"htpasswd", htpasswd}}}},
      {{"apiVersion", "v1"},
       {"kind", "ConfigMap"},
       {"metadata", Meta("tectonic-console", ns)},
       {"data", {{"nginx.conf", NginxConf()}, {"index.html", IndexHtml(config)}}}},
      deployment,
      service};
}

}  // namespace tectonic::assets::manifest
