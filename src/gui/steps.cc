// Steps 2-8: cluster, license and pull secret, CA, SSH key, KMS, nodes, networking, console.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "assets/admin_password.h"
#include "assets/assets.h"
#include "gui/checks.h"
#include "model/cluster_dir.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::gui {
namespace {

namespace fs = std::filesystem;

std::string Str(const Json& body, const char* key) { return body.value(key, std::string()); }

std::vector<std::string> StrList(const Json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return {};
  return body[key].get<std::vector<std::string>>();
}

Json Committed(WizardSession& session, const std::string& step, uint64_t ticket,
               const std::function<void(model::ClusterConfig&)>& apply, const std::string& field,
               Json data = Json::object()) {
  Status s = session.Commit(step, ticket, apply);
  if (!s.ok()) return StepAnswer({{field, "cannot write cluster.yaml: " + s.message()}}, data);
  return StepAnswer({}, std::move(data));
}

// License and pull secret: the upload is written to a staging file of the directory, checked
// by the loader's own file rules (what `tectonic validate` says about the real file), then
// renamed over the real one. A refused upload changes nothing.
Json SecretFileStep(WizardSession& session, const Json& body, bool license) {
  const uint64_t ticket = session.Ticket(license ? "license" : "pull-secret");
  std::string content = Str(body, "content");
  RegisterSecret(content);
  model::ClusterConfig candidate = session.Draft();
  std::string& path =
      license ? candidate.tectonic.license_path : candidate.tectonic.pull_secret_path;
  if (path.empty()) path = license ? "license.txt" : "pull-secret.json";
  const std::string target = path;
  const std::string staging = license ? ".upload-license" : ".upload-pull-secret";
  const std::string field = license ? "tectonic.license" : "tectonic.pullSecret";
  const std::string what = license ? "license" : "pull secret";
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return StepAnswer({{"content", "the " + what + " is empty: upload the file as downloaded"}});
  }
  if (auto s = files::EnsureDir(session.dir(), files::kPrivateDirMode); !s.ok()) {
    return StepAnswer({{"content", s.message()}});
  }
  const fs::path staged = session.dir() / staging;
  if (auto s = files::WriteAtomic(staged, content, files::kSecretMode); !s.ok()) {
    return StepAnswer({{"content", s.message()}});
  }
  path = staging;
  std::vector<FieldError> errors =
      OfflineErrors(candidate, session.dir(), {{field, "content"}}, /*check_files=*/true);
  for (auto& e : errors) {
    // The staging name means nothing to the user.
    for (const std::string& name : {staged.string(), staging}) {
      for (size_t at; (at = e.message.find(name)) != std::string::npos;) {
        e.message.replace(at, name.size(), "the uploaded file");
      }
    }
  }
  std::error_code ec;
  if (!errors.empty()) {
    fs::remove(staged, ec);
    return StepAnswer(errors);
  }
  fs::path final_path = fs::path(target).is_absolute() ? fs::path(target) : session.dir() / target;
  fs::rename(staged, final_path, ec);
  if (ec) {
    fs::remove(staged, ec);
    return StepAnswer({{"content", "cannot write " + final_path.string() + ": " + ec.message()}});
  }
  return Committed(
      session, license ? "license" : "pull-secret", ticket,
      [&](model::ClusterConfig& c) {
        (license ? c.tectonic.license_path : c.tectonic.pull_secret_path) = target;
      },
      "content");
}

model::NodePool ParsePool(const Json& body, const char* key, const model::NodePool& fallback,
                          std::vector<FieldError>* errors) {
  model::NodePool pool = fallback;
  if (!body.contains(key)) return pool;
  const Json& p = body.at(key);
  pool.count = p.value("count", pool.count);
  pool.instance_type = p.value("instanceType", pool.instance_type);
  pool.root_volume_gib = p.value("rootVolumeGiB", pool.root_volume_gib);
  std::string type = p.value("rootVolumeType", std::string("gp3"));
  if (!type.empty() && type != "gp3") {
    errors->push_back({std::string(key) + ".rootVolumeType",
                       "root volumes are gp3 (the only type tectonic provisions); pick gp3"});
  }
  return pool;
}

}  // namespace

Json CheckClusterStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("cluster");
  model::ClusterConfig candidate = session.Draft();
  candidate.name = Str(body, "name");
  candidate.base_domain = Str(body, "baseDomain");
  while (!candidate.base_domain.empty() && candidate.base_domain.back() == '.') {
    candidate.base_domain.pop_back();
  }
  candidate.aws.hosted_zone_id = Str(body, "hostedZoneId");
  if (body.contains("tags") && !body["tags"].is_null()) {
    candidate.aws.tags = body["tags"].get<std::map<std::string, std::string>>();
  } else {
    candidate.aws.tags.clear();
  }
  std::vector<FieldError> errors = OfflineErrors(candidate, session.dir(),
                                                 {{"name", "name"},
                                                  {"baseDomain", "baseDomain"},
                                                  {"aws.hostedZoneId", "hostedZoneId"},
                                                  {"aws.tags", "tags"}});
  if (errors.empty()) {
    if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
    bool zone_given = !candidate.aws.hosted_zone_id.empty();
    errors = PreflightErrors(session, candidate, {"names", "hosted-zone", "dns-names"},
                             [zone_given](const std::string& id) -> std::string {
                               if (id != "hosted-zone") return "name";  // names, dns-names
                               return zone_given ? "hostedZoneId" : "baseDomain";
                             });
  }
  if (!errors.empty()) return StepAnswer(errors);
  return Committed(
      session, "cluster", ticket,
      [&](model::ClusterConfig& c) {
        c.name = candidate.name;
        c.base_domain = candidate.base_domain;
        c.aws.hosted_zone_id = candidate.aws.hosted_zone_id;
        c.aws.tags = candidate.aws.tags;
      },
      "name");
}

Json CheckLicenseStep(WizardSession& session, const Json& body) {
  return SecretFileStep(session, body, true);
}

Json CheckPullSecretStep(WizardSession& session, const Json& body) {
  return SecretFileStep(session, body, false);
}

Json CheckCaStep(WizardSession& session, const Json& body) {
  std::string mode = body.value("mode", std::string("generate"));
  if (mode == "generate") {
    // A CA the wizard installed earlier (tls/ holds only it, nothing was built yet) is
    // removed, so create generates one; any other existing CA is what create keeps.
    const fs::path tls = model::ClusterDir{session.dir()}.TlsDir();
    std::error_code ec;
    bool existing = fs::exists(tls / "ca.crt", ec);
    if (existing && !fs::exists(model::ClusterDir{session.dir()}.Journal(), ec)) {
      size_t others = 0;
      for (const auto& entry : fs::directory_iterator(tls, ec)) {
        std::string name = entry.path().filename().string();
        if (name != "ca.crt" && name != "ca.key") ++others;
      }
      if (others == 0) {
        fs::remove(tls / "ca.crt", ec);
        fs::remove(tls / "ca.key", ec);
        existing = fs::exists(tls / "ca.crt", ec);
      }
    }
    session.MarkStep("ca", true);
    Json data = {{"mode", "generate"}, {"existing", existing}};
    if (existing) {
      data["note"] =
          "the cluster directory already has a CA (tls/ca.crt) and keeps it; "
          "'tectonic create assets --regenerate-ca' replaces it";
    }
    return StepAnswer({}, std::move(data));
  }
  if (mode != "upload") throw RequestError{400, "mode must be generate or upload"};
  std::string cert = Str(body, "certificate");
  std::string key = Str(body, "key");
  RegisterSecret(key);
  std::vector<FieldError> errors;
  if (cert.empty()) errors.push_back({"certificate", "paste or upload the CA certificate (PEM)"});
  if (key.empty()) errors.push_back({"key", "paste or upload the CA's private key (PEM)"});
  if (!errors.empty()) return StepAnswer(errors);
  Status s = assets::InstallUserCa(session.dir(), cert, key);
  if (!s.ok()) {
    std::string field = s.message().find("CA key") != std::string::npos ||
                                s.message().find("private key") != std::string::npos
                            ? "key"
                            : "certificate";
    session.MarkStep("ca", false);
    return StepAnswer({{field, s.message()}});
  }
  session.MarkStep("ca", true);
  return StepAnswer({}, {{"mode", "upload"}});
}

Json CheckSshKeyStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("ssh");
  model::ClusterConfig candidate = session.Draft();
  candidate.aws.ssh_key_name = Str(body, "name");
  std::vector<FieldError> errors =
      OfflineErrors(candidate, session.dir(), {{"aws.sshKeyName", "name"}});
  if (errors.empty()) {
    if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
    errors =
        PreflightErrors(session, candidate, {"ssh-key"}, [](const std::string&) { return "name"; });
  }
  if (!errors.empty()) return StepAnswer(errors);
  return Committed(
      session, "ssh", ticket,
      [&](model::ClusterConfig& c) { c.aws.ssh_key_name = candidate.aws.ssh_key_name; }, "name");
}

Json CheckKmsStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("kms");
  std::string mode = body.value("mode", std::string("create"));
  if (mode != "create" && mode != "existing") {
    throw RequestError{400, "mode must be create or existing"};
  }
  model::ClusterConfig candidate = session.Draft();
  candidate.aws.kms_key_arn = mode == "create" ? "" : Str(body, "arn");
  std::vector<FieldError> errors;
  if (mode == "existing" && candidate.aws.kms_key_arn.empty()) {
    errors.push_back({"arn", "pick a key of the region, or let tectonic create one"});
  }
  if (errors.empty()) {
    errors = OfflineErrors(candidate, session.dir(), {{"aws.kmsKeyArn", "arn"}});
  }
  if (errors.empty()) {
    if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
    errors = PreflightErrors(session, candidate, {"kms"}, [](const std::string&) { return "arn"; });
  }
  if (!errors.empty()) return StepAnswer(errors);
  return Committed(
      session, "kms", ticket,
      [&](model::ClusterConfig& c) { c.aws.kms_key_arn = candidate.aws.kms_key_arn; }, "arn");
}

Json CheckNodesStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("nodes");
  model::ClusterConfig candidate = session.Draft();
  std::vector<FieldError> errors;
  candidate.nodes.masters = ParsePool(body, "masters", candidate.nodes.masters, &errors);
  candidate.nodes.workers = ParsePool(body, "workers", candidate.nodes.workers, &errors);
  candidate.nodes.etcd = ParsePool(body, "etcd", candidate.nodes.etcd, &errors);
  for (auto& e : OfflineErrors(
           candidate, session.dir(),
           {{"nodes.masters", "masters"}, {"nodes.workers", "workers"}, {"nodes.etcd", "etcd"}})) {
    errors.push_back(std::move(e));
  }
  if (errors.empty()) {
    if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
    const model::NodesConfig& n = candidate.nodes;
    errors = PreflightErrors(session, candidate, {"instance-types"},
                             [](const std::string&) { return "workers.instanceType"; });
    // Name the pool whose type the check refused.
    for (auto& e : errors) {
      for (const auto& [pool, type] :
           {std::pair<std::string, std::string>{"masters", n.masters.instance_type},
            {"workers", n.workers.instance_type},
            {"etcd", n.etcd.instance_type}}) {
        if (e.message.find(type) != std::string::npos) {
          e.field = pool + ".instanceType";
          break;
        }
      }
    }
  }
  if (!errors.empty()) return StepAnswer(errors);
  return Committed(
      session, "nodes", ticket, [&](model::ClusterConfig& c) { c.nodes = candidate.nodes; },
      "workers.count");
}

Json CheckNetworkingStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("networking");
  std::string mode = body.value("mode", std::string("new"));
  if (mode != "new" && mode != "existing") throw RequestError{400, "mode must be new or existing"};
  model::ClusterConfig candidate = session.Draft();
  model::VpcConfig& vpc = candidate.aws.vpc;
  vpc.id = mode == "existing" ? Str(body, "vpcId") : "";
  if (body.contains("cidr") && !Str(body, "cidr").empty()) vpc.cidr = Str(body, "cidr");
  vpc.master_subnets = StrList(body, "masterSubnets");
  vpc.worker_subnets = StrList(body, "workerSubnets");
  std::string nat = body.value("natGateways", std::string("perZone"));
  if (nat != "perZone" && nat != "single") {
    throw RequestError{400, "natGateways must be perZone or single"};
  }
  vpc.nat_gateways = nat == "single" ? model::NatMode::kSingle : model::NatMode::kPerZone;
  if (!Str(body, "podCidr").empty()) candidate.networking.pod_cidr = Str(body, "podCidr");
  if (!Str(body, "serviceCidr").empty()) {
    candidate.networking.service_cidr = Str(body, "serviceCidr");
  }
  std::vector<FieldError> errors;
  if (mode == "existing" && vpc.id.empty()) {
    errors.push_back({"vpcId", "pick the VPC to install into"});
  }
  for (auto& e : OfflineErrors(candidate, session.dir(),
                               {{"aws.vpc.id", "vpcId"},
                                {"aws.vpc.cidr", "cidr"},
                                {"aws.vpc.masterSubnets", "masterSubnets"},
                                {"aws.vpc.workerSubnets", "workerSubnets"},
                                {"aws.vpc.natGateways", "natGateways"},
                                {"aws.vpc", "cidr"},
                                {"networking.podCidr", "podCidr"},
                                {"networking.serviceCidr", "serviceCidr"},
                                {"aws.zones", "masterSubnets"}})) {
    errors.push_back(std::move(e));
  }
  if (errors.empty() && mode == "existing") {
    if (!session.HasCredentials()) throw RequestError{409, "check the credentials first"};
    // The existing VPC's cidr is what AWS says; preflight reads it.
    errors = PreflightErrors(session, candidate, {"existing-vpc"},
                             [](const std::string&) { return "vpcId"; });
  }
  if (!errors.empty()) return StepAnswer(errors);
  return Committed(
      session, "networking", ticket,
      [&](model::ClusterConfig& c) {
        c.aws.vpc = candidate.aws.vpc;
        c.networking = candidate.networking;
      },
      "cidr");
}

Json CheckConsoleStep(WizardSession& session, const Json& body) {
  const uint64_t ticket = session.Ticket("console");
  model::ClusterConfig candidate = session.Draft();
  candidate.tectonic.admin_email = Str(body, "adminEmail");
  std::string password = Str(body, "adminPassword");
  RegisterSecret(password);
  Json data = {{"rule", assets::AdminPasswordRule()}};
  std::vector<FieldError> errors =
      OfflineErrors(candidate, session.dir(), {{"tectonic.adminEmail", "adminEmail"}});
  bool keep_hash = password.empty() && !candidate.tectonic.admin_password_hash.empty();
  if (!keep_hash) {
    if (password.empty()) {
      errors.push_back(
          {"adminPassword", "choose the console admin password: " + assets::AdminPasswordRule()});
    } else if (Status s = assets::CheckAdminPassword(password, candidate.tectonic.admin_email);
               !s.ok()) {
      errors.push_back({"adminPassword", s.message() + "; rule: " + assets::AdminPasswordRule()});
    }
  }
  if (!errors.empty()) return StepAnswer(errors, data);
  std::string hash = candidate.tectonic.admin_password_hash;
  if (!keep_hash) {
    auto hashed = assets::HashAdminPassword(password);
    if (!hashed.ok()) return StepAnswer({{"adminPassword", hashed.status().message()}}, data);
    hash = *hashed;
  }
  return Committed(
      session, "console", ticket,
      [&](model::ClusterConfig& c) {
        c.tectonic.admin_email = candidate.tectonic.admin_email;
        c.tectonic.admin_password_hash = hash;
      },
      "adminPassword", data);
}

}  // namespace tectonic::gui
