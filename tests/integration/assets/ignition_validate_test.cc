// ignition-validate (the reference validator) accepts every generated config and the pointer.
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/integration/assets/asset_fixture.h"

namespace tectonic::assets {
namespace {

class IgnitionValidateTest : public AssetDirTest {
 protected:
  void SetUp() override {
    if (::access("/usr/bin/ignition-validate", X_OK) != 0) {
      GTEST_SKIP() << "ignition-validate (Debian package ignition) is not installed";
    }
  }
};

TEST_F(IgnitionValidateTest, AcceptsEveryRoleAndThePointer) {
  config_.nodes.etcd.count = 5;
  Generate();
  ASSERT_EQ(set_.ignition.size(), 7u);
  for (const auto& ign : set_.ignition) {
    auto r = Exec({"ignition-validate", ign.path.string()});
    EXPECT_EQ(r.exit_code, 0) << ign.role << ": " << r.out << r.err;
    auto pointer_path = tmp_.path() + "/pointer-" + ign.role + ".ign";
    ASSERT_TRUE(files::WriteAtomic(
                    pointer_path,
                    IgnitionPointer("s3://demo-bucket/ignition/" + ign.role + ".ign", ign.sha512))
                    .ok());
    auto p = Exec({"ignition-validate", pointer_path});
    EXPECT_EQ(p.exit_code, 0) << p.out << p.err;
  }
}

TEST_F(IgnitionValidateTest, TheValidatorIsAJudgeThatCanSayNo) {
  auto bad = tmp_.path() + "/bad.ign";
  ASSERT_TRUE(files::WriteAtomic(bad, IgnitionPointer("s3://b/k", "not-hex")).ok());
  EXPECT_NE(Exec({"ignition-validate", bad}).exit_code, 0);
}

}  // namespace
}  // namespace tectonic::assets
