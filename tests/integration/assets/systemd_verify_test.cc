// systemd-analyze verify (Debian systemd) accepts every unit the Ignition configs carry. It
// runs against a scratch root holding the host's stock units, stand-ins for containerd and
// docker (Flatcar ships them; a Debian CI machine need not), and an executable stand-in at
// every ExecStart path, since verify refuses units whose commands do not exist.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

namespace fs = std::filesystem;

class SystemdVerifyTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/systemd-analyze", X_OK) != 0 ||
        !fs::exists("/usr/lib/systemd/system/sysinit.target")) {
      GTEST_SKIP() << "systemd-analyze (Debian package systemd) is not installed";
    }
  }

  // Lays out root_ with the stock units, stubs and stand-in executables for `units`.
  void MakeRoot(const std::map<std::string, std::string>& units) {
    const fs::path lib = root_ / "usr/lib/systemd/system";
    const fs::path etc = root_ / "etc/systemd/system";
    fs::create_directories(lib);
    fs::create_directories(etc);
    if (!fs::exists(lib / "sysinit.target")) {
      fs::copy("/usr/lib/systemd/system", lib,
               fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    for (const char* stub : {"containerd.service", "docker.service"}) {
      ASSERT_TRUE(files::WriteAtomic(lib / stub,
                                     "[Unit]\nDescription=stand-in\n[Service]\n"
                                     "ExecStart=/usr/bin/true\n")
                      .ok());
    }
    std::regex exec(R"(^Exec\w+=-?(/\S+))");
    for (const auto& [name, text] : units) {
      ASSERT_TRUE(files::WriteAtomic(etc / name, text).ok());
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, exec)) continue;
        fs::path bin = root_ / m[1].str().substr(1);
        fs::create_directories(bin.parent_path());
        ASSERT_TRUE(files::WriteAtomic(bin, "#!/bin/sh\n", 0755).ok());
      }
    }
  }

  testing::ProcessResult Verify(const std::vector<std::string>& names) {
    std::vector<std::string> argv = {"systemd-analyze", "verify", "--man=no",
                                     "--root=" + root_.string()};
    argv.insert(argv.end(), names.begin(), names.end());
    return Exec(argv);
  }

  fs::path root_ = fs::path(tmp_.path()) / "root";
};

TEST_F(SystemdVerifyTest, EveryUnitOfEveryRoleVerifies) {
  Generate();
  std::map<std::string, std::string> units;
  std::set<std::string> roles_with_kubelet;
  for (const auto& ign : set_.ignition) {
    auto doc = nlohmann::json::parse(files::ReadFile(ign.path).value());
    for (const auto& u : doc["systemd"]["units"]) {
      if (!u.contains("contents")) continue;
      std::string name = u["name"];
      if (name == "kubelet.service") roles_with_kubelet.insert(ign.role);
      // Masters and workers differ in their kubelet flags: verify each flavour.
      if (units.count(name) && units[name] != u["contents"]) name = ign.role + "-" + name;
      units[name] = u["contents"];
    }
  }
  EXPECT_EQ(roles_with_kubelet, (std::set<std::string>{"master", "worker"}));
  for (const char* expected :
       {"kubelet.service", "worker-kubelet.service", "tectonic-node-env.service",
        "tectonic-cni-plugins.service", "tectonic-manifests.service", "etcd-member.service"}) {
    EXPECT_TRUE(units.count(expected)) << expected;
  }
  MakeRoot(units);
  std::vector<std::string> names;
  for (const auto& [name, text] : units) names.push_back(name);
  auto r = Verify(names);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // verify only warns (exit 0) about unknown keys or bad values: any output is a finding.
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "");
}

TEST_F(SystemdVerifyTest, TheJudgeCanSayNo) {
  MakeRoot({{"bad.service",
             "[Unit]\nDescription=bad\n[Service]\nExecStart=/opt/bin/x\nRestart=alwayz\n"}});
  auto r = Verify({"bad.service"});
  EXPECT_NE(r.err.find("alwayz"), std::string::npos) << r.err;
  MakeRoot({{"missing.service", "[Unit]\nDescription=x\n[Service]\nExecStart=/opt/bin/y\n"}});
  fs::remove(root_ / "opt/bin/y");
  EXPECT_NE(Verify({"missing.service"}).exit_code, 0);
}

}  // namespace
}  // namespace tectonic::assets
