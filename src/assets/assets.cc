// GenerateAssets: the order of work and the keep-or-replace rules. Each step's content comes
// from its own file (pki, certificate_profiles, kubeconfig, manifests, control_plane,
// ignition); this file only decides what to reuse and writes what changed.
#include "assets/assets.h"

#include <sys/stat.h>

#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assets/bootstrap_token.h"
#include "assets/certificate_profiles.h"
#include "assets/control_plane.h"
#include "assets/ignition.h"
#include "assets/kubeconfig.h"
#include "assets/manifests.h"
#include "assets/pki.h"
#include "assets/secrets_input.h"
#include "model/cluster_dir.h"
#include "util/files.h"
#include "util/log.h"
#include "util/redact.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

// Writes a file only when its bytes or mode differ, and records what happened.
class Writer {
 public:
  explicit Writer(AssetSet* set) : set_(set) {}

  Status Put(const fs::path& path, const std::string& content, int mode) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      auto existing = files::ReadFile(path);
      if (existing.ok() && *existing == content) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 07777) != static_cast<unsigned>(mode)) {
          ::chmod(path.c_str(), static_cast<mode_t>(mode));
        }
        set_->kept.push_back(path);
        return Status::Ok();
      }
    }
    TECTONIC_RETURN_IF_ERROR(files::WriteAtomic(path, content, mode));
    log::Debug("wrote {}", path.string());
    set_->written.push_back(path);
    return Status::Ok();
  }

 private:
  AssetSet* set_;
};

struct KeyedCert {
  PrivateKey key;
  Certificate cert;
  std::string key_pem;
  std::string cert_pem;
};

void RegisterKey(const std::string& pem) {
  RegisterSecret(pem);
  RegisterSecret(Base64(pem));  // the form embedded in kubeconfigs and Ignition
}

std::optional<std::string> ReadIfExists(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  auto content = files::ReadFile(path);
  if (!content.ok()) return std::nullopt;
  return *content;
}

// Loads tls/<name>.{crt,key}; nullopt when either is missing.
Result<std::optional<KeyedCert>> LoadPair(const fs::path& tls, const std::string& name) {
  auto cert_pem = ReadIfExists(tls / (name + ".crt"));
  auto key_pem = ReadIfExists(tls / (name + ".key"));
  if (!cert_pem || !key_pem) return std::optional<KeyedCert>();
  RegisterKey(*key_pem);
  auto key = ParsePrivateKey(*key_pem);
  auto cert = ParseCertificate(*cert_pem);
  if (!key.ok() || !cert.ok()) {
    return Status::InvalidInput(
        fmt::format("{}/{}.crt or .key is unreadable; remove both to have them generated again",
                    tls.string(), name));
  }
  return std::optional<KeyedCert>(
      KeyedCert{std::move(*key), std::move(*cert), std::move(*key_pem), std::move(*cert_pem)});
}

Result<KeyedCert> Issue(const CertSpec& spec, PrivateKey key, const KeyedCert* issuer) {
  TECTONIC_ASSIGN_OR_RETURN(Certificate cert,
                            IssueCertificate(spec, key.get(), issuer ? issuer->cert.get() : nullptr,
                                             issuer ? issuer->key.get() : key.get()));
  TECTONIC_ASSIGN_OR_RETURN(std::string key_pem, PrivateKeyPem(key.get()));
  TECTONIC_ASSIGN_OR_RETURN(std::string cert_pem, CertificatePem(cert.get()));
  RegisterKey(key_pem);
  return KeyedCert{std::move(key), std::move(cert), std::move(key_pem), std::move(cert_pem)};
}

// The `--ca-cert`/`--ca-key` rules on PEM text; `cert_name`/`key_name` name them in errors.
Result<KeyedCert> ParseUserCa(std::string cert_pem, std::string key_pem,
                              const std::string& cert_name, const std::string& key_name) {
  RegisterKey(key_pem);
  auto key = ParsePrivateKey(key_pem);
  if (!key.ok()) {
    return Status::InvalidInput(
        fmt::format("the CA key {} is not an unencrypted PEM private key", key_name));
  }
  auto cert = ParseCertificate(cert_pem);
  if (!cert.ok()) {
    return Status::InvalidInput(
        fmt::format("the CA certificate {} is not a PEM certificate", cert_name));
  }
  TECTONIC_RETURN_IF_ERROR(
      CheckCaUsable(cert->get(), key->get(), "the CA certificate " + cert_name));
  return KeyedCert{std::move(*key), std::move(*cert), std::move(key_pem), std::move(cert_pem)};
}

Result<KeyedCert> LoadUserCa(const AssetOptions& options) {
  if (options.user_ca_cert.empty() != options.user_ca_key.empty()) {
    return Status::InvalidInput("give both the CA certificate and its key (--ca-cert, --ca-key)");
  }
  auto key_pem = files::ReadFile(options.user_ca_key);
  if (!key_pem.ok()) {
    return Status::InvalidInput("cannot read the CA key " + options.user_ca_key.string());
  }
  RegisterKey(*key_pem);
  auto cert_pem = files::ReadFile(options.user_ca_cert);
  if (!cert_pem.ok()) {
    return Status::InvalidInput("cannot read the CA certificate " + options.user_ca_cert.string());
  }
  return ParseUserCa(std::move(*cert_pem), std::move(*key_pem), options.user_ca_cert.string(),
                     options.user_ca_key.string());
}

Result<KeyedCert> EnsureCa(const fs::path& tls, const CertProfile& profile,
                           const AssetOptions& options, bool use_user_ca, Writer& writer) {
  std::optional<KeyedCert> ca;
  if (use_user_ca) {
    TECTONIC_ASSIGN_OR_RETURN(KeyedCert user, LoadUserCa(options));
    ca = std::move(user);
  } else if (!options.regenerate_ca) {
    TECTONIC_ASSIGN_OR_RETURN(ca, LoadPair(tls, profile.name));
    if (ca) {
      Status usable = CheckCaUsable(ca->cert.get(), ca->key.get(),
                                    fmt::format("{}/{}.crt", tls.string(), profile.name));
      if (!usable.ok()) {
        return usable.Prepend(
            "the existing CA cannot be reused (use --regenerate-ca to replace it)");
      }
    }
  }
  if (!ca) {
    TECTONIC_ASSIGN_OR_RETURN(PrivateKey key, GenerateKey(options.key_algorithm));
    TECTONIC_ASSIGN_OR_RETURN(KeyedCert fresh, Issue(profile.spec, std::move(key), nullptr));
    ca = std::move(fresh);
  }
  TECTONIC_RETURN_IF_ERROR(
      writer.Put(tls / (profile.name + ".key"), ca->key_pem, files::kSecretMode));
  TECTONIC_RETURN_IF_ERROR(
      writer.Put(tls / (profile.name + ".crt"), ca->cert_pem, files::kPublicMode));
  return std::move(*ca);
}

Result<KeyedCert> EnsureLeaf(const fs::path& tls, const CertProfile& profile, const KeyedCert& ca,
                             const AssetOptions& options, Writer& writer) {
  TECTONIC_ASSIGN_OR_RETURN(std::optional<KeyedCert> existing, LoadPair(tls, profile.name));
  std::optional<KeyedCert> result;
  if (existing && !options.regenerate_ca &&
      KeyMatchesCertificate(existing->cert.get(), existing->key.get()) &&
      IssuedBy(existing->cert.get(), ca.cert.get()) &&
      CertificateFitsSpec(existing->cert.get(), profile.spec)) {
    result = std::move(existing);
  } else {
    // Keep a good key (only the certificate is stale) unless the CA was replaced on request.
    PrivateKey key;
    if (existing && !options.regenerate_ca) {
      key = std::move(existing->key);
    } else {
      TECTONIC_ASSIGN_OR_RETURN(key, GenerateKey(options.key_algorithm));
    }
    TECTONIC_ASSIGN_OR_RETURN(KeyedCert fresh, Issue(profile.spec, std::move(key), &ca));
    result = std::move(fresh);
  }
  TECTONIC_RETURN_IF_ERROR(
      writer.Put(tls / (profile.name + ".key"), result->key_pem, files::kSecretMode));
  TECTONIC_RETURN_IF_ERROR(
      writer.Put(tls / (profile.name + ".crt"), result->cert_pem, files::kPublicMode));
  return std::move(*result);
}

// The service-account signing key pair: tls/service-account.{key,pub}. Kept across runs.
Status EnsureServiceAccountKey(const fs::path& tls, const AssetOptions& options,
                               std::map<std::string, std::string>* pems, Writer& writer) {
  std::string key_pem;
  PrivateKey key;
  if (auto existing = ReadIfExists(tls / "service-account.key")) {
    RegisterKey(*existing);
    auto parsed = ParsePrivateKey(*existing);
    if (parsed.ok()) {
      key = std::move(*parsed);
      key_pem = std::move(*existing);
    }
  }
  if (!key) {
    TECTONIC_ASSIGN_OR_RETURN(key, GenerateKey(options.key_algorithm));
    TECTONIC_ASSIGN_OR_RETURN(key_pem, PrivateKeyPem(key.get()));
    RegisterKey(key_pem);
  }
  TECTONIC_ASSIGN_OR_RETURN(std::string pub_pem, PublicKeyPem(key.get()));
  TECTONIC_RETURN_IF_ERROR(writer.Put(tls / "service-account.key", key_pem, files::kSecretMode));
  TECTONIC_RETURN_IF_ERROR(writer.Put(tls / "service-account.pub", pub_pem, files::kPublicMode));
  (*pems)["service-account.key"] = key_pem;
  (*pems)["service-account.pub"] = pub_pem;
  return Status::Ok();
}

// The token and its expiry (auth/bootstrap-token, auth/bootstrap-token.expires). A token
// that has expired or soon will is replaced, so a re-run before new joins hands out a
// working one; otherwise both files are kept as they are.
Result<BootstrapToken> EnsureBootstrapToken(const fs::path& path, Writer& writer) {
  const fs::path expires_path = path.string() + ".expires";
  std::optional<BootstrapToken> token;
  auto existing = ReadIfExists(path);
  auto expires = ReadIfExists(expires_path);
  if (existing && expires) {
    std::string expiration = *expires;
    while (!expiration.empty() && std::isspace(static_cast<unsigned char>(expiration.back()))) {
      expiration.pop_back();
    }
    if (!ExpiresWithin(expiration, kBootstrapTokenMinRemainingHours)) {
      TECTONIC_ASSIGN_OR_RETURN(BootstrapToken parsed, ParseBootstrapToken(*existing));
      token = parsed;
      token->expiration = expiration;
    }
  }
  if (!token) {
    TECTONIC_ASSIGN_OR_RETURN(BootstrapToken fresh, GenerateBootstrapToken());
    token = fresh;
    token->expiration = ExpirationFromNow(kBootstrapTokenTtlHours);
  }
  TECTONIC_RETURN_IF_ERROR(writer.Put(path, token->Token() + "\n", files::kSecretMode));
  TECTONIC_RETURN_IF_ERROR(writer.Put(expires_path, token->expiration + "\n", files::kPublicMode));
  return *token;
}

KubeconfigSpec ClientKubeconfig(const model::ClusterConfig& config, const std::string& server,
                                const std::string& user,
                                const std::map<std::string, std::string>& tls,
                                const std::string& cert_name) {
  return KubeconfigSpec{.cluster_name = config.name,
                        .server = server,
                        .ca_pem = tls.at("ca.crt"),
                        .user = user,
                        .client_cert_pem = tls.at(cert_name + ".crt"),
                        .client_key_pem = tls.at(cert_name + ".key")};
}

}  // namespace

Result<AssetSet> GenerateAssets(const model::ClusterConfig& config, const fs::path& cluster_dir,
                                const AssetOptions& options) {
  if (options.validity_days < 1 || options.validity_days > 20 * 365) {
    return Status::InvalidInput(fmt::format(
        "validity of {} days is out of range; give 1 to {} days", options.validity_days, 20 * 365));
  }
  model::ClusterDir dir{cluster_dir};
  for (const auto& d :
       {dir.root, dir.TlsDir(), dir.AuthDir(), dir.IgnitionDir(), dir.ManifestsDir()}) {
    TECTONIC_RETURN_IF_ERROR(files::EnsureDir(d, files::kPrivateDirMode));
  }
  AssetSet set;
  Writer writer(&set);
  const fs::path tls = dir.TlsDir();

  // PKI: the two CAs, then every leaf certificate under its CA.
  NodeInputs inputs;
  auto cas = CaProfiles(options.validity_days);
  bool user_ca = !options.user_ca_cert.empty() || !options.user_ca_key.empty();
  TECTONIC_ASSIGN_OR_RETURN(KeyedCert cluster_ca, EnsureCa(tls, cas[0], options, user_ca, writer));
  TECTONIC_ASSIGN_OR_RETURN(KeyedCert etcd_ca, EnsureCa(tls, cas[1], options, false, writer));
  TECTONIC_ASSIGN_OR_RETURN(KeyedCert front_proxy_ca,
                            EnsureCa(tls, cas[2], options, false, writer));
  inputs.tls["ca.crt"] = cluster_ca.cert_pem;
  inputs.tls["ca.key"] = cluster_ca.key_pem;
  inputs.tls["etcd-ca.crt"] = etcd_ca.cert_pem;
  inputs.tls["front-proxy-ca.crt"] = front_proxy_ca.cert_pem;
  TECTONIC_ASSIGN_OR_RETURN(auto leaves, LeafProfiles(config, options.validity_days));
  for (const auto& profile : leaves) {
    const KeyedCert& ca = profile.signer == Signer::kEtcdCa         ? etcd_ca
                          : profile.signer == Signer::kFrontProxyCa ? front_proxy_ca
                                                                    : cluster_ca;
    TECTONIC_ASSIGN_OR_RETURN(KeyedCert leaf, EnsureLeaf(tls, profile, ca, options, writer));
    inputs.tls[profile.name + ".crt"] = leaf.cert_pem;
    inputs.tls[profile.name + ".key"] = leaf.key_pem;
  }
  TECTONIC_RETURN_IF_ERROR(EnsureServiceAccountKey(tls, options, &inputs.tls, writer));

  // Credentials: the bootstrap token, the admin kubeconfig, a bootstrap kubeconfig per role.
  TECTONIC_ASSIGN_OR_RETURN(BootstrapToken token,
                            EnsureBootstrapToken(dir.AuthDir() / "bootstrap-token", writer));
  const std::string public_api = fmt::format("https://{}:443", config.ApiHost());
  const std::string internal_api = fmt::format("https://{}:443", config.InternalApiHost());
  // Everything on a master talks to the API server on the same machine (see kLocalApiServer).
  const std::string local_api = kLocalApiServer;
  inputs.admin_kubeconfig =
      RenderKubeconfig(ClientKubeconfig(config, local_api, "admin", inputs.tls, "admin"));
  inputs.controller_manager_kubeconfig = RenderKubeconfig(ClientKubeconfig(
      config, local_api, "system:kube-controller-manager", inputs.tls, "kube-controller-manager"));
  inputs.scheduler_kubeconfig = RenderKubeconfig(
      ClientKubeconfig(config, local_api, "system:kube-scheduler", inputs.tls, "kube-scheduler"));
  for (const char* role : {"master", "worker"}) {
    const bool master = std::string(role) == "master";
    std::string kubeconfig =
        RenderKubeconfig(KubeconfigSpec{.cluster_name = config.name,
                                        .server = master ? local_api : internal_api,
                                        .ca_pem = inputs.tls["ca.crt"],
                                        .user = "kubelet-bootstrap",
                                        .token = token.Token()});
    TECTONIC_RETURN_IF_ERROR(
        writer.Put(dir.AuthDir() / (std::string("bootstrap-kubeconfig-") + role), kubeconfig,
                   files::kSecretMode));
    (std::string(role) == "master" ? inputs.bootstrap_kubeconfig_master
                                   : inputs.bootstrap_kubeconfig_worker) = kubeconfig;
  }
  set.kubeconfig = dir.Kubeconfig();
  TECTONIC_RETURN_IF_ERROR(writer.Put(
      set.kubeconfig,
      RenderKubeconfig(ClientKubeconfig(config, public_api, "admin", inputs.tls, "admin")),
      files::kSecretMode));

  // Cluster manifests.
  TECTONIC_ASSIGN_OR_RETURN(SecretInputs secrets, ReadSecretInputs(config, cluster_dir));
  inputs.pull_secret = secrets.pull_secret;
  TECTONIC_ASSIGN_OR_RETURN(inputs.cluster_manifests,
                            RenderClusterManifests(config, token, secrets, inputs.tls));
  for (const auto& m : inputs.cluster_manifests) {
    TECTONIC_RETURN_IF_ERROR(writer.Put(dir.ManifestsDir() / m.name, m.content,
                                        m.secret ? files::kSecretMode : files::kPublicMode));
  }

  // Ignition per role; all 0600 since they carry keys.
  std::vector<std::pair<std::string, std::string>> configs;
  TECTONIC_ASSIGN_OR_RETURN(std::string master, RenderMasterIgnition(config, inputs));
  configs.emplace_back("master", std::move(master));
  TECTONIC_ASSIGN_OR_RETURN(std::string worker, RenderWorkerIgnition(config, inputs));
  configs.emplace_back("worker", std::move(worker));
  for (int i = 0; i < config.nodes.etcd.count; ++i) {
    TECTONIC_ASSIGN_OR_RETURN(std::string etcd, RenderEtcdIgnition(config, inputs, i));
    configs.emplace_back(fmt::format("etcd-{}", i), std::move(etcd));
  }
  for (const auto& [role, content] : configs) {
    fs::path path = dir.IgnitionDir() / (role + ".ign");
    TECTONIC_RETURN_IF_ERROR(writer.Put(path, content, files::kSecretMode));
    set.ignition.push_back(IgnitionConfig{role, path, Sha512Hex(content)});
  }
  // Members beyond the configured count would otherwise linger and look current.
  for (int i = config.nodes.etcd.count; i < 32; ++i) {
    std::error_code ec;
    fs::remove(dir.IgnitionDir() / fmt::format("etcd-{}.ign", i), ec);
  }
  return set;
}

std::string IgnitionPointer(const std::string& url, const std::string& sha512_hex) {
  nlohmann::ordered_json doc = {
      {"ignition",
       {{"version", kIgnitionVersion},
        {"config",
         {{"replace", {{"source", url}, {"verification", {{"hash", "sha512-" + sha512_hex}}}}}}}}}};
  return doc.dump() + "\n";
}

Status CheckUserCa(const std::string& cert_pem, const std::string& key_pem) {
  return ParseUserCa(cert_pem, key_pem, "(uploaded)", "(uploaded)").status();
}

Status InstallUserCa(const std::filesystem::path& cluster_dir, const std::string& cert_pem,
                     const std::string& key_pem) {
  TECTONIC_RETURN_IF_ERROR(CheckUserCa(cert_pem, key_pem));
  const fs::path tls = model::ClusterDir{cluster_dir}.TlsDir();
  TECTONIC_RETURN_IF_ERROR(files::EnsureDir(cluster_dir, files::kPrivateDirMode));
  TECTONIC_RETURN_IF_ERROR(files::EnsureDir(tls, files::kPrivateDirMode));
  TECTONIC_RETURN_IF_ERROR(files::WriteAtomic(tls / (std::string(kClusterCaName) + ".key"), key_pem,
                                              files::kSecretMode));
  return files::WriteAtomic(tls / (std::string(kClusterCaName) + ".crt"), cert_pem,
                            files::kPublicMode);
}

}  // namespace tectonic::assets
