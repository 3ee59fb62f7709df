// Every generated Kubernetes object (manifests/ and the static pods in master.ign) validates
// against the Kubernetes OpenAPI schema, offline: k8s-validate/validate.mjs checks each object
// with kubernetes-models 5.1.0 (Kubernetes 1.34's OpenAPI; installed by scripts/setup with
// `npm ci`): wrong types, missing required fields and bad enum values through its validators,
// unknown fields (which `kubectl apply` rejects by default) through its type declarations.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

const fs::path kValidator = fs::path(TECTONIC_SOURCE_DIR) / "tests/integration/assets/k8s-validate";

std::string DecodeDataUrl(const std::string& source) {
  std::string b64 = source.substr(source.find(',') + 1);
  std::string out(b64.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  size_t pad = 0;
  while (pad < b64.size() && b64[b64.size() - 1 - pad] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

class ManifestSchemaTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/node", X_OK) != 0 || !fs::exists(kValidator / "node_modules")) {
      GTEST_SKIP() << "node or " << kValidator << "/node_modules is missing (scripts/setup)";
    }
  }
  testing::ProcessResult Validate(const std::vector<std::string>& files) {
    std::vector<std::string> argv = {"node", (kValidator / "validate.mjs").string()};
    argv.insert(argv.end(), files.begin(), files.end());
    return Exec(argv);
  }
};

TEST_F(ManifestSchemaTest, EveryManifestAndStaticPodIsValid) {
  config_.tectonic.admin_password_hash =
      "$2b$12$abcdefghijklmnopqrstuuN1y0ZtUEw6PQb2gAt8T6ZXlQ8fjPoyy";
  Generate();
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "manifests")) {
    files.push_back(entry.path().string());
  }
  EXPECT_EQ(files.size(), 10u);
  auto master = nlohmann::json::parse(files::ReadFile(dir_ / "ignition/master.ign").value());
  int pods = 0;
  for (const auto& f : master["storage"]["files"]) {
    std::string path = f["path"];
    if (path.rfind("/etc/kubernetes/manifests/", 0) != 0) continue;
    fs::path out = dir_ / ("static-pod-" + fs::path(path).filename().string());
    ASSERT_TRUE(files::WriteAtomic(out, DecodeDataUrl(f["contents"]["source"])).ok());
    files.push_back(out.string());
    ++pods;
  }
  EXPECT_EQ(pods, 3);
  auto r = Validate(files);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 problems"), std::string::npos) << r.out;
}

TEST_F(ManifestSchemaTest, TheValidatorIsAJudgeThatCanSayNo) {
  fs::path bad = dir_ / "bad.yaml";
  ASSERT_TRUE(files::WriteAtomic(bad,
                                 "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n"
                                 "spec:\n  ports:\n  - port: \"https\"\n    nodeport: 32000\n---\n"
                                 "apiVersion: apps/v1\nkind: NoSuchKind\nmetadata:\n  name: y\n")
                  .ok());
  auto r = Validate({bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("must be integer"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unknown apiVersion/kind"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(".spec.ports[0].nodeport: unknown field"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tectonic::assets
