// What boots on the nodes, decoded from the generated Ignition configs and manifests: one
// test per defect of issue 10 (CNI plugins, node names, CoreDNS, the masters' path to the
// API, the console, pinned downloads, bootstrap token and CSR approval, AWS integration,
// versions, aggregation layer, mounts, etcd certificates, the manifests unit).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "assets/assets.h"
#include "assets/control_plane.h"
#include "assets/pki.h"
#include "assets/test_config.h"
#include "assets/versions.h"
#include "tests/support/process.h"
#include "util/files.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string Read(const fs::path& p) { return files::ReadFile(p).value_or("<missing>"); }

std::string DecodeDataUrl(const std::string& source) {
  const std::string prefix = "data:;base64,";
  EXPECT_EQ(source.rfind(prefix, 0), 0u) << source.substr(0, 40);
  std::string b64 = source.substr(prefix.size());
  std::string out(b64.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  EXPECT_GE(n, 0);
  size_t pad = 0;
  while (pad < b64.size() && b64[b64.size() - 1 - pad] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// One decoded Ignition config: file path -> entry (with decoded `text`), unit name -> text.
struct Node {
  std::map<std::string, Json> files;
  std::map<std::string, std::string> text;
  std::map<std::string, std::string> units;
  std::vector<std::string> enabled;
};

Node Decode(const fs::path& path) {
  Node node;
  auto doc = Json::parse(Read(path));
  for (const auto& f : doc["storage"]["files"]) {
    node.files[f["path"]] = f;
    std::string source = f["contents"]["source"];
    if (source.rfind("data:", 0) == 0) node.text[f["path"]] = DecodeDataUrl(source);
  }
  for (const auto& u : doc["systemd"]["units"]) {
    if (u.contains("contents")) node.units[u["name"]] = u["contents"];
    if (u.value("enabled", false)) node.enabled.push_back(u["name"]);
  }
  return node;
}

std::vector<YAML::Node> Docs(const std::string& yaml) { return YAML::LoadAll(yaml); }

YAML::Node Find(const std::vector<YAML::Node>& docs, const std::string& kind,
                const std::string& name) {
  for (const auto& d : docs) {
    if (d["kind"].as<std::string>() == kind && d["metadata"]["name"].as<std::string>() == name) {
      return d;
    }
  }
  ADD_FAILURE() << "no " << kind << " " << name;
  return YAML::Node();
}

std::string Server(const std::string& kubeconfig) {
  return YAML::Load(kubeconfig)["clusters"][0]["cluster"]["server"].as<std::string>();
}

bool Contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

std::vector<std::string> Strings(const YAML::Node& seq) {
  std::vector<std::string> out;
  for (const auto& s : seq) out.push_back(s.as<std::string>());
  return out;
}

// The assets are generated once for the suite (they are only read); each test gets its own
// scratch directory for anything it writes.
class NodeContentTest : public ::testing::Test {
 protected:
  static model::ClusterConfig Config() {
    model::ClusterConfig config = TestClusterConfig();
    config.tectonic.admin_password_hash =
        "$2b$12$abcdefghijklmnopqrstuuN1y0ZtUEw6PQb2gAt8T6ZXlQ8fjPoyy";
    return config;
  }
  static void SetUpTestSuite() {
    shared_ = new testing::TempDir();
    const fs::path dir = shared_->path();
    generated_ = files::WriteAtomic(dir / "license.txt", "LICENSE-TEXT-0123456789\n").ok() &&
                 files::WriteAtomic(dir / "pull-secret.json", kPullSecret).ok() &&
                 GenerateAssets(Config(), dir).ok();
  }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(generated_) << "GenerateAssets failed for the suite";
    master_ = Decode(dir_ / "ignition/master.ign");
    worker_ = Decode(dir_ / "ignition/worker.ign");
  }
  std::vector<YAML::Node> Manifest(const std::string& name) {
    return Docs(Read(dir_ / "manifests" / name));
  }
  static constexpr const char* kPullSecret = R"({"auths":{"quay.io":{"auth":"cHVsbDpzZWNyZXQ="}}})";
  static inline testing::TempDir* shared_ = nullptr;
  static inline bool generated_ = false;

  testing::TempDir tmp_;
  fs::path dir_ = shared_->path();
  model::ClusterConfig config_ = Config();
  Node master_, worker_;
};

// 1. Every node gets the CNI plugins flannel's config chains to (and loopback).
TEST_F(NodeContentTest, CniPluginsAreInstalledOnEveryNode) {
  for (const Node* node : {&master_, &worker_}) {
    ASSERT_TRUE(node->files.count(kCniTarball));
    const auto& tarball = node->files.at(kCniTarball);
    EXPECT_EQ(tarball["contents"]["source"], std::string(Download("cni-plugins").url));
    EXPECT_TRUE(Contains(tarball["contents"]["source"], "containernetworking/plugins"));
    const std::string& unit = node->units.at("tectonic-cni-plugins.service");
    EXPECT_TRUE(Contains(unit, std::string("tar -xzf ") + kCniTarball + " -C /opt/cni/bin"));
    EXPECT_TRUE(Contains(node->units.at("kubelet.service"),
                         "Requires=tectonic-node-env.service "
                         "tectonic-cni-plugins.service"));
  }
  auto flannel = Manifest("05-flannel.yaml");
  auto conf = Json::parse(
      Find(flannel, "ConfigMap", "kube-flannel-cfg")["data"]["cni-conf.json"].as<std::string>());
  std::vector<std::string> types;
  for (const auto& p : conf["plugins"]) types.push_back(p["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"flannel", "portmap"}));
}

// 2. Node names come from IMDSv2 (private DNS name), with a provider id; never %H.
TEST_F(NodeContentTest, NodeNameAndProviderIdFromInstanceMetadata) {
  for (const Node* node : {&master_, &worker_}) {
    const std::string& kubelet = node->units.at("kubelet.service");
    EXPECT_FALSE(Contains(kubelet, "%H"));
    EXPECT_TRUE(Contains(kubelet, "--hostname-override=${NODE_NAME}"));
    EXPECT_TRUE(Contains(kubelet, "--provider-id=${PROVIDER_ID}"));
    EXPECT_TRUE(Contains(kubelet, std::string("EnvironmentFile=") + kNodeEnvFile));
    const std::string& env_unit = node->units.at("tectonic-node-env.service");
    EXPECT_TRUE(Contains(env_unit, "After=network-online.target"));
    EXPECT_TRUE(Contains(env_unit, "Type=oneshot"));
    const std::string& script = node->text.at(kNodeEnvScript);
    EXPECT_EQ(node->files.at(kNodeEnvScript)["mode"], 0755);
    EXPECT_TRUE(Contains(script, "-X PUT"));
    EXPECT_TRUE(Contains(script, "X-aws-ec2-metadata-token-ttl-seconds"));
    EXPECT_TRUE(Contains(script, "meta-data/$1"));
    EXPECT_TRUE(Contains(script, "get local-hostname"));
    EXPECT_TRUE(Contains(script, "PROVIDER_ID=aws:///%s/%s"));
  }
}

// The script really writes the env file the kubelet reads, from an IMDSv2-shaped answer.
TEST_F(NodeContentTest, NodeEnvScriptWritesNameAndProviderId) {
  std::string script = master_.text.at(kNodeEnvScript);
  const std::string fake_bin = tmp_.path() + "/bin";
  const std::string env = tmp_.path() + "/run/node.env";
  fs::create_directories(fake_bin);
  // A curl that answers like IMDSv2: a token for PUT /api/token, values only with it.
  ASSERT_TRUE(files::WriteAtomic(fake_bin + "/curl",
                                 "#!/bin/bash\n"
                                 "url=${@: -1}\n"
                                 "case \"$*\" in *'-X PUT'*) echo TOKEN; exit 0;; esac\n"
                                 "[[ \"$*\" == *'X-aws-ec2-metadata-token: TOKEN'* ]] || exit 22\n"
                                 "case $url in\n"
                                 "  */local-hostname) echo 'IP-10-0-1-5.ec2.internal';;\n"
                                 "  */placement/availability-zone) echo us-east-1b;;\n"
                                 "  */instance-id) echo i-0123456789abcdef0;;\n"
                                 "  *) exit 22;;\n"
                                 "esac\n",
                                 0755)
                  .ok());
  script = std::regex_replace(script, std::regex(kNodeEnvFile), env);
  ASSERT_TRUE(files::WriteAtomic(tmp_.path() + "/node-env", script, 0755).ok());
  testing::ProcessOptions options;
  options.env_set["PATH"] = fake_bin + ":/usr/bin:/bin";
  auto r = testing::RunProcess({"/bin/bash", tmp_.path() + "/node-env"}, options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Read(env),
            "NODE_NAME=ip-10-0-1-5.ec2.internal\n"
            "PROVIDER_ID=aws:///us-east-1b/i-0123456789abcdef0\n");
}

// 3. CoreDNS resolves upstream through the node, with probes, resources and spreading.
TEST_F(NodeContentTest, CoreDnsCannotLoopAndIsProbed) {
  auto dns = Manifest("04-coredns.yaml");
  auto spec = Find(dns, "Deployment", "coredns")["spec"]["template"]["spec"];
  EXPECT_EQ(spec["dnsPolicy"].as<std::string>(), "Default");
  auto c = spec["containers"][0];
  EXPECT_EQ(c["readinessProbe"]["httpGet"]["path"].as<std::string>(), "/ready");
  EXPECT_EQ(c["livenessProbe"]["httpGet"]["path"].as<std::string>(), "/health");
  std::map<std::string, int> ports;
  for (const auto& p : c["ports"])
    ports[p["name"].as<std::string>()] = p["containerPort"].as<int>();
  EXPECT_EQ(ports["readiness-probe"], 8181);
  EXPECT_EQ(ports["liveness-probe"], 8080);
  EXPECT_EQ(c["resources"]["limits"]["memory"].as<std::string>(), "170Mi");
  EXPECT_FALSE(c["securityContext"]["allowPrivilegeEscalation"].as<bool>());
  EXPECT_TRUE(spec["affinity"]["podAntiAffinity"].IsMap());
  // The kubelet hands pods the real upstream resolvers, not systemd-resolved's stub.
  EXPECT_TRUE(Contains(master_.text.at(kNodeKubeletConfig),
                       "resolvConf: /run/systemd/resolve/resolv.conf"));
}

// 4. Nothing on a master goes through the internal NLB it is a target of.
TEST_F(NodeContentTest, MastersUseTheLocalApiServer) {
  const std::string internal = config_.InternalApiHost();
  for (const char* file :
       {kNodeBootstrapKubeconfig, "/etc/kubernetes/admin.kubeconfig",
        "/etc/kubernetes/controller-manager.kubeconfig", "/etc/kubernetes/scheduler.kubeconfig"}) {
    EXPECT_EQ(Server(master_.text.at(file)), "https://127.0.0.1:443") << file;
  }
  EXPECT_EQ(Server(worker_.text.at(kNodeBootstrapKubeconfig)), "https://" + internal + ":443");
  // Host-network DaemonSets: "-master" flavour on masters talks to 127.0.0.1.
  for (const auto& [file, name] : std::vector<std::pair<std::string, std::string>>{
           {"03-kube-proxy.yaml", "kube-proxy"}, {"05-flannel.yaml", "kube-flannel"}}) {
    auto docs = Manifest(file);
    auto on_master = Find(docs, "DaemonSet", name + "-master")["spec"]["template"]["spec"];
    auto on_worker = Find(docs, "DaemonSet", name)["spec"]["template"]["spec"];
    EXPECT_EQ(on_master["nodeSelector"]["tectonic.io/role"].as<std::string>(), "master");
    EXPECT_EQ(on_worker["nodeSelector"]["tectonic.io/role"].as<std::string>(), "worker");
    EXPECT_EQ(on_master["containers"][0]["env"][0]["value"].as<std::string>(), "127.0.0.1");
    EXPECT_EQ(on_worker["containers"][0]["env"][0]["value"].as<std::string>(), internal);
  }
  // The apiserver certificate covers the local address.
  EXPECT_TRUE(Contains(Read(dir_ / "tls/apiserver.crt"), "BEGIN"));
}

// 5. The console answers behind the console NLB with TLS, login and the pull secret.
TEST_F(NodeContentTest, ConsoleIsDeployedBehindItsNodePorts) {
  auto console = Manifest("08-console.yaml");
  auto service = Find(console, "Service", "tectonic-console");
  EXPECT_EQ(service["spec"]["type"].as<std::string>(), "NodePort");
  std::map<std::string, int> node_ports;
  for (const auto& p : service["spec"]["ports"]) {
    node_ports[p["name"].as<std::string>()] = p["nodePort"].as<int>();
  }
  EXPECT_EQ(node_ports,
            (std::map<std::string, int>{{"https", 32000}, {"http", 32001}, {"health", 32002}}));
  auto tls = Find(console, "Secret", "tectonic-console-tls");
  EXPECT_EQ(tls["type"].as<std::string>(), "kubernetes.io/tls");
  auto cert = ParseCertificate(tls["stringData"]["tls.crt"].as<std::string>());
  ASSERT_TRUE(cert.ok());
  auto ca = ParseCertificate(Read(dir_ / "tls/ca.crt"));
  EXPECT_TRUE(IssuedBy(cert->get(), ca->get()));
  EXPECT_TRUE(CertificateFitsSpec(
      cert->get(), CertSpec{.common_name = "demo.example.com", .dns_names = {"demo.example.com"}}));
  auto auth = Find(console, "Secret", "tectonic-console-auth");
  EXPECT_EQ(auth["stringData"]["htpasswd"].as<std::string>(),
            "admin@example.com:" + config_.tectonic.admin_password_hash + "\n");
  auto conf =
      Find(console, "ConfigMap", "tectonic-console")["data"]["nginx.conf"].as<std::string>();
  EXPECT_TRUE(Contains(conf, "auth_basic_user_file /etc/console/auth/htpasswd"));
  EXPECT_TRUE(Contains(conf, "listen 8443 ssl"));
  EXPECT_TRUE(Contains(conf, "location = /healthz"));
  auto pod = Find(console, "Deployment", "tectonic-console")["spec"]["template"]["spec"];
  EXPECT_EQ(pod["imagePullSecrets"][0]["name"].as<std::string>(), "coreos-pull-secret");
  // The container runtime's own credentials on every node: the kubelet's config.json.
  for (const Node* node : {&master_, &worker_}) {
    EXPECT_EQ(node->text.at(kNodeRegistryAuth), kPullSecret);
    EXPECT_EQ(node->files.at(kNodeRegistryAuth)["mode"], 0600);
  }
}

// 6 and 9. Every download is hash-pinned; every image comes from the one table, at the
// chosen Kubernetes version, by digest where one is recorded.
TEST_F(NodeContentTest, EveryDownloadAndImageIsPinned) {
  int remote = 0;
  for (const char* role : {"master", "worker", "etcd-0"}) {
    Node node = Decode(dir_ / "ignition" / (std::string(role) + ".ign"));
    for (const auto& [path, f] : node.files) {
      std::string source = f["contents"]["source"];
      if (source.rfind("data:", 0) == 0) continue;
      ++remote;
      std::string hash = f["contents"]["verification"].value("hash", "");
      EXPECT_TRUE(std::regex_match(hash, std::regex("sha256-[0-9a-f]{64}|sha512-[0-9a-f]{128}")))
          << role << " " << path;
      bool known = false;
      for (const auto& d : PinnedDownloads()) known |= d.url == source && d.hash == hash;
      EXPECT_TRUE(known) << source;
    }
  }
  EXPECT_EQ(remote, 5);  // kubelet + CNI on master and worker, kubectl on master
  EXPECT_EQ(master_.files.at(kKubeletPath)["contents"]["source"],
            "https://dl.k8s.io/release/v1.35.0/bin/linux/amd64/kubelet");
  std::set<std::string> refs;
  for (const auto& image : PinnedImages()) refs.insert(image.Ref());
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(dir_ / "manifests")) {
    texts.push_back(Read(entry.path()));
  }
  for (const auto& [path, text] : master_.text) {
    if (Contains(path, "/manifests/")) texts.push_back(text);
  }
  texts.push_back(Decode(dir_ / "ignition/etcd-0.ign").units.at("etcd-member.service"));
  int images = 0;
  for (const auto& text : texts) {
    std::smatch m;
    std::regex any(
        R"((image: "?|  )((?:registry\.k8s\.io|docker\.io|ghcr\.io|public\.ecr\.aws)/[^"\s]+))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), any);
         it != std::sregex_iterator(); ++it) {
      ++images;
      EXPECT_TRUE(refs.count((*it)[2].str())) << (*it)[2].str() << " is not from versions.cc";
    }
  }
  EXPECT_GT(images, 15);
  EXPECT_EQ(std::string(kKubernetesVersion), "v1.35.0");
  for (const char* name :
       {"kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"}) {
    EXPECT_EQ(Image(name).tag, kKubernetesVersion) << name;
  }
  for (const char* name : {"kube-apiserver", "kube-controller-manager", "kube-scheduler",
                           "kube-proxy", "etcd", "coredns", "flannel", "console", "aws-cli",
                           "csi-provisioner", "csi-attacher", "csi-node-driver-registrar"}) {
    EXPECT_TRUE(
        std::regex_match(std::string(Image(name).digest), std::regex("sha256:[0-9a-f]{64}")))
        << name;
  }
}

// 7. The token expires (kept on re-run while valid) and only its group is auto-approved.
TEST_F(NodeContentTest, BootstrapTokenExpiresAndApprovalIsNarrow) {
  auto token = Docs(Read(dir_ / "manifests/02-bootstrap-token-secret.yaml"))[0];
  std::string expiration = token["stringData"]["expiration"].as<std::string>();
  EXPECT_EQ(expiration + "\n", Read(dir_ / "auth/bootstrap-token.expires"));
  EXPECT_FALSE(ExpiresWithin(expiration, kBootstrapTokenTtlHours - 1));
  EXPECT_TRUE(ExpiresWithin(expiration, kBootstrapTokenTtlHours + 1));
  auto rbac = Manifest("01-node-bootstrap-rbac.yaml");
  auto bootstrapper = Find(rbac, "ClusterRoleBinding", "tectonic:node-bootstrapper");
  EXPECT_EQ(bootstrapper["subjects"][0]["name"].as<std::string>(), kBootstrapTokenGroup);
  for (const auto& d : rbac) {
    EXPECT_NE(d["subjects"][0]["name"].as<std::string>(), "system:bootstrappers");
    EXPECT_FALSE(Contains(d["roleRef"]["name"].as<std::string>(), "selfnodeserver"));
  }
  // An expired stored token is replaced by a fresh one with a new expiry (in a copy).
  const fs::path copy = fs::path(tmp_.path()) / "cluster";
  fs::copy(dir_, copy, fs::copy_options::recursive);
  std::string old = Read(copy / "auth/bootstrap-token");
  ASSERT_TRUE(
      files::WriteAtomic(copy / "auth/bootstrap-token.expires", "2020-01-01T00:00:00Z\n").ok());
  ASSERT_TRUE(GenerateAssets(config_, copy).ok());
  EXPECT_NE(Read(copy / "auth/bootstrap-token"), old);
  EXPECT_FALSE(ExpiresWithin(Read(copy / "auth/bootstrap-token.expires").substr(0, 20), 20));
}

// 7 (cont.). The approver on masters approves a bootstrap CSR only for an instance of the
// cluster, denies malformed names and existing nodes, and leaves renewals alone. Real openssl
// and base64; kubectl, docker (the AWS CLI) and curl (IMDS) are stand-ins that record calls.
TEST_F(NodeContentTest, CsrApproverApprovesOnlyInstancesOfTheCluster) {
  EXPECT_TRUE(master_.units.count("tectonic-csr-approver.timer"));
  EXPECT_FALSE(worker_.units.count("tectonic-csr-approver.timer"));
  const std::string& script = master_.text.at(kCsrApproverScript);
  EXPECT_TRUE(Contains(script, Image("aws-cli").Ref()));
  const std::string dir = tmp_.path() + "/approver";
  const std::string bin = dir + "/bin";
  fs::create_directories(bin);
  auto csr = [&](const std::string& subject) {
    const std::string key = dir + "/k.pem", out = dir + "/r.pem";
    EXPECT_EQ(testing::RunProcess(
                  {"openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key})
                  .exit_code,
              0);
    auto r =
        testing::RunProcess({"openssl", "req", "-new", "-key", key, "-subj", subject, "-out", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Base64(Read(out));
  };
  std::string pending = "csr-good system:bootstrap:abcdef " +
                        csr("/O=system:nodes/CN=system:node:ip-10-0-1-5.ec2.internal") + "\n" +
                        "csr-unknown system:bootstrap:abcdef " +
                        csr("/O=system:nodes/CN=system:node:ip-10-0-9-9.ec2.internal") + "\n" +
                        "csr-existing system:bootstrap:abcdef " +
                        csr("/O=system:nodes/CN=system:node:ip-10-0-1-9.ec2.internal") + "\n" +
                        "csr-bad system:bootstrap:abcdef " +
                        csr("/O=system:nodes/CN=system:node:Evil_Name") + "\n" +
                        "csr-renewal system:node:ip-10-0-1-7.ec2.internal " +
                        csr("/O=system:nodes/CN=system:node:ip-10-0-1-7.ec2.internal") + "\n";
  ASSERT_TRUE(files::WriteAtomic(dir + "/pending", pending).ok());
  const std::string log = dir + "/calls";
  ASSERT_TRUE(
      files::WriteAtomic(bin + "/curl",
                         "#!/bin/bash\n"
                         "url=${@: -1}\n"
                         "case \"$*\" in *'-X PUT'*) echo TOKEN; exit 0;; esac\n"
                         "[[ \"$*\" == *'X-aws-ec2-metadata-token: TOKEN'* ]] || exit 22\n"
                         "case $url in */meta-data/mac) echo 0a:1b;;\n"
                         "  */interfaces/macs/0a:1b/vpc-id) echo vpc-0abc;; *) exit 22;; esac\n",
                         0755)
          .ok());
  ASSERT_TRUE(
      files::WriteAtomic(bin + "/kubectl",
                         "#!/bin/bash\n"
                         "case \"$1 $2\" in\n"
                         "  'get csr') cat " +
                             dir +
                             "/pending;;\n"
                             "  'get node') [[ $3 == ip-10-0-1-9.ec2.internal ]];;\n"
                             "  'certificate approve'|'certificate deny') echo \"$2 $3\" >> " +
                             log +
                             ";;\n"
                             "  *) exit 2;;\n"
                             "esac\n",
                         0755)
          .ok());
  ASSERT_TRUE(files::WriteAtomic(
                  bin + "/docker",
                  "#!/bin/bash\n"
                  "[[ \"$*\" == *'Name=vpc-id,Values=vpc-0abc'* ]] || exit 3\n"
                  "[[ \"$*\" == *'Name=tag:tectonic.io/resource,Values=asg/master,asg/worker'* ]]"
                  " || exit 3\n"
                  "[[ \"$*\" == *'AWS_REGION=us-east-1'* ]] || exit 3\n"
                  "if [[ \"$*\" == *'Values=ip-10-0-1-5.ec2.internal '* ]]; then echo 1; "
                  "else echo 0; fi\n",
                  0755)
                  .ok());
  ASSERT_TRUE(files::WriteAtomic(dir + "/approver", script, 0755).ok());
  testing::ProcessOptions options;
  options.env_set["PATH"] = bin + ":/usr/bin:/bin";
  auto r = testing::RunProcess({"/bin/bash", dir + "/approver"}, options);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Read(log), "approve csr-good\ndeny csr-existing\ndeny csr-bad\n") << r.out;
  EXPECT_TRUE(Contains(r.out, "csr-unknown: left pending")) << r.out;
  EXPECT_FALSE(Contains(r.out, "csr-renewal")) << r.out;
  // The controller manager no longer auto-approves first certificates at all.
  for (const auto& d : Manifest("01-node-bootstrap-rbac.yaml")) {
    EXPECT_NE(d["roleRef"]["name"].as<std::string>(),
              "system:certificates.k8s.io:certificatesigningrequests:nodeclient");
  }
}

// 8. The AWS cloud controller manager and the EBS CSI driver, with kubelets external.
TEST_F(NodeContentTest, AwsCloudIntegrationIsDeployed) {
  for (const Node* node : {&master_, &worker_}) {
    EXPECT_TRUE(Contains(node->units.at("kubelet.service"), "--cloud-provider=external"));
  }
  auto ccm = Manifest("06-aws-cloud-controller-manager.yaml");
  auto ds = Find(ccm, "DaemonSet", "aws-cloud-controller-manager")["spec"]["template"]["spec"];
  auto args = Strings(ds["containers"][0]["args"]);
  EXPECT_NE(std::find(args.begin(), args.end(), "--cloud-provider=aws"), args.end());
  EXPECT_EQ(ds["nodeSelector"]["tectonic.io/role"].as<std::string>(), "master");
  bool tolerates_uninitialized = false;
  for (const auto& t : ds["tolerations"]) {
    tolerates_uninitialized |=
        t["key"] && t["key"].as<std::string>() == "node.cloudprovider.kubernetes.io/uninitialized";
  }
  EXPECT_TRUE(tolerates_uninitialized);
  auto ebs = Manifest("07-aws-ebs-csi-driver.yaml");
  EXPECT_EQ(Find(ebs, "CSIDriver", "ebs.csi.aws.com")["spec"]["attachRequired"].as<bool>(), true);
  auto controller = Find(ebs, "Deployment", "ebs-csi-controller")["spec"]["template"]["spec"];
  EXPECT_EQ(controller["nodeSelector"]["tectonic.io/role"].as<std::string>(), "master");
  auto sc = Find(ebs, "StorageClass", "gp3");
  EXPECT_EQ(sc["provisioner"].as<std::string>(), "ebs.csi.aws.com");
  Find(ebs, "DaemonSet", "ebs-csi-node");
  Find(ebs, "DaemonSet", "ebs-csi-node-master");
}

// 10. Aggregation layer, least-privilege mounts, one key per etcd member, manifests unit.
TEST_F(NodeContentTest, AggregationMountsEtcdCertsAndManifestUnit) {
  auto pods = [&](const std::string& name) {
    return YAML::Load(master_.text.at("/etc/kubernetes/manifests/" + name + ".yaml"));
  };
  auto api = pods("kube-apiserver");
  auto cmd = Strings(api["spec"]["containers"][0]["command"]);
  for (const char* flag : {"--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
                           "--requestheader-allowed-names=front-proxy-client",
                           "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
                           "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key"}) {
    EXPECT_NE(std::find(cmd.begin(), cmd.end(), flag), cmd.end()) << flag;
  }
  auto front_proxy = ParseCertificate(Read(dir_ / "tls/front-proxy-client.crt"));
  auto front_ca = ParseCertificate(Read(dir_ / "tls/front-proxy-ca.crt"));
  auto cluster_ca = ParseCertificate(Read(dir_ / "tls/ca.crt"));
  EXPECT_TRUE(IssuedBy(front_proxy->get(), front_ca->get()));
  EXPECT_FALSE(IssuedBy(front_proxy->get(), cluster_ca->get()));
  // Each control-plane pod mounts single files; only the controller manager sees ca.key.
  for (const char* name : {"kube-apiserver", "kube-controller-manager", "kube-scheduler"}) {
    auto pod = pods(name);
    bool has_ca_key = false;
    for (const auto& v : pod["spec"]["volumes"]) {
      EXPECT_EQ(v["hostPath"]["type"].as<std::string>(), "File") << name;
      EXPECT_NE(v["hostPath"]["path"].as<std::string>(), "/etc/kubernetes") << name;
      has_ca_key |= v["hostPath"]["path"].as<std::string>() == "/etc/kubernetes/pki/ca.key";
    }
    EXPECT_EQ(has_ca_key, std::string(name) == "kube-controller-manager") << name;
  }
  // Each etcd member carries its own certificates, naming only itself.
  std::set<std::string> server_keys;
  for (int i = 0; i < 3; ++i) {
    Node etcd = Decode(dir_ / "ignition" / ("etcd-" + std::to_string(i) + ".ign"));
    server_keys.insert(etcd.text.at("/etc/ssl/etcd/server.key"));
    auto cert = ParseCertificate(etcd.text.at("/etc/ssl/etcd/peer.crt"));
    ASSERT_TRUE(cert.ok());
    EXPECT_TRUE(
        CertificateFitsSpec(cert->get(), CertSpec{.common_name = "etcd-" + std::to_string(i),
                                                  .dns_names = {config_.EtcdHost(i), "localhost"},
                                                  .ip_addresses = {"127.0.0.1"}}));
  }
  EXPECT_EQ(server_keys.size(), 3u);
  // The manifests unit: every master, local API, server-side apply, pinned kubectl.
  const std::string& unit = master_.units.at("tectonic-manifests.service");
  EXPECT_TRUE(
      Contains(unit, std::string(kKubectlPath) + " --kubeconfig=/etc/kubernetes/admin.kubeconfig"));
  EXPECT_TRUE(Contains(unit, "apply --server-side --force-conflicts --field-manager=tectonic"));
  EXPECT_FALSE(Contains(unit, "docker"));
  EXPECT_FALSE(worker_.units.count("tectonic-manifests.service"));
}

}  // namespace
}  // namespace tectonic::assets
