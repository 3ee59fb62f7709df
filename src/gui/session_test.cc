#include "gui/session.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "engine/journal.h"
#include "installer/retire_cluster.h"
#include "model/cluster_metadata.h"
#include "tests/support/process.h"

namespace tectonic::gui {
namespace {

int Mode(const std::filesystem::path& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

TEST(WizardSessionTest, CommitWritesAPrivateClusterYamlThatReopens) {
  testing::TempDir tmp("gui-session");
  const std::filesystem::path dir = std::filesystem::path(tmp.path()) / "c";
  {
    WizardSession session(dir, {});
    ASSERT_TRUE(session.Open().ok());
    EXPECT_EQ(session.ToJson()["step"], "credentials");
    ASSERT_TRUE(session
                    .Commit("cluster", session.Ticket("cluster"),
                            [](model::ClusterConfig& c) {
                              c.name = "demo";
                              c.base_domain = "example.com";
                              c.aws.vpc.nat_gateways = model::NatMode::kSingle;
                              c.aws.tags["team"] = "infra";
                            })
                    .ok());
    EXPECT_EQ(Mode(dir), 0700);
    EXPECT_EQ(Mode(dir / "cluster.yaml"), 0600);
  }
  WizardSession reopened(dir, {});
  ASSERT_TRUE(reopened.Open().ok());
  nlohmann::json s = reopened.ToJson();
  EXPECT_EQ(s["phase"], "wizard");  // no journal
  EXPECT_EQ(s["config"]["name"], "demo");
  EXPECT_EQ(s["config"]["aws"]["vpc"]["natGateways"], "single");
  EXPECT_EQ(s["config"]["aws"]["tags"]["team"], "infra");
  EXPECT_FALSE(s["have"]["credentials"]);
  EXPECT_TRUE(s["identity"].is_null());
  // The draft never shows the password hash.
  EXPECT_FALSE(s["config"]["tectonic"].contains("adminPasswordHash"));
}

// A directory whose cluster was destroyed (id retired, journal cleared) reopens as the wizard
// with the draft kept, ready to install a new cluster; not as an install that stopped.
TEST(WizardSessionTest, ADestroyedClustersDirectoryReopensAsTheWizard) {
  testing::TempDir tmp("gui-session");
  const std::filesystem::path dir = std::filesystem::path(tmp.path()) / "c";
  {
    WizardSession session(dir, {});
    ASSERT_TRUE(session.Open().ok());
    ASSERT_TRUE(session
                    .Commit("cluster", session.Ticket("cluster"),
                            [](model::ClusterConfig& c) {
                              c.name = "demo";
                              c.base_domain = "example.com";
                            })
                    .ok());
  }
  model::ClusterDir cluster{dir};
  model::ClusterConfig config;
  config.name = "demo";
  config.aws.region = "us-east-1";
  ASSERT_TRUE(model::LoadOrCreateMetadata(cluster, config).ok());
  {
    auto journal = engine::Journal::Open(cluster.Journal());
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE((*journal)->Record("vpc", "ec2:vpc", engine::NodeState::kDeleted, {}).ok());
  }
  WizardSession before(dir, {});
  ASSERT_TRUE(before.Open().ok());
  EXPECT_EQ(before.ToJson()["phase"], "failed");  // a journal of deleted nodes: unfinished
  ASSERT_TRUE(installer::RetireClusterDir(cluster).ok());
  WizardSession reopened(dir, {});
  ASSERT_TRUE(reopened.Open().ok());
  nlohmann::json s = reopened.ToJson();
  EXPECT_EQ(s["phase"], "wizard");
  EXPECT_EQ(s["config"]["name"], "demo");
}

TEST(WizardSessionTest, OnlyTheNewestCheckOfAStepCommits) {
  testing::TempDir tmp("gui-session");
  WizardSession session(std::filesystem::path(tmp.path()) / "c", {});
  uint64_t older = session.Ticket("cluster");
  uint64_t newer = session.Ticket("cluster");
  uint64_t other_step = session.Ticket("ssh");
  ASSERT_TRUE(
      session.Commit("cluster", newer, [](model::ClusterConfig& c) { c.name = "new"; }).ok());
  // The older check finished last: it must not overwrite the newer answer.
  ASSERT_TRUE(
      session.Commit("cluster", older, [](model::ClusterConfig& c) { c.name = "old"; }).ok());
  EXPECT_EQ(session.Draft().name, "new");
  ASSERT_TRUE(
      session.Commit("ssh", other_step, [](model::ClusterConfig& c) { c.aws.ssh_key_name = "k"; })
          .ok());
  EXPECT_EQ(session.Draft().aws.ssh_key_name, "k");
}

TEST(WizardSessionTest, TypedKeysStandForTheEnvironmentsOwn) {
  TypedCredentials c;
  c.mode = "temporary";
  c.access_key_id = "ASIAEXAMPLE";
  c.secret_access_key = "typed-secret";
  c.session_token = "typed-token";
  c.expiration = std::chrono::system_clock::from_time_t(1800000000);
  aws::ExplicitAwsSettings base;
  base.endpoint_url = "http://127.0.0.1:9";
  base.profile = "ignored-for-keys";
  AwsAccess access = AccessFor(c, base, "eu-west-1");
  EXPECT_EQ(access.settings.region, "eu-west-1");
  EXPECT_EQ(access.settings.profile, "");
  EXPECT_EQ(access.settings.endpoint_url, "http://127.0.0.1:9");
  EXPECT_EQ(access.env("AWS_SECRET_ACCESS_KEY"), "typed-secret");
  EXPECT_EQ(access.env("AWS_SESSION_TOKEN"), "typed-token");
  EXPECT_EQ(access.env("AWS_CREDENTIAL_EXPIRATION"), "2027-01-15T08:00:00Z");
  EXPECT_EQ(access.env("AWS_PROFILE"), std::nullopt);

  TypedCredentials profile;
  profile.mode = "profile";
  profile.profile = "dev";
  AwsAccess by_profile = AccessFor(profile, base, "");
  EXPECT_EQ(by_profile.settings.profile, "dev");
  EXPECT_EQ(by_profile.settings.region, "us-east-1");
  EXPECT_EQ(by_profile.env("AWS_ACCESS_KEY_ID"), std::nullopt);  // never the process's keys
}

}  // namespace
}  // namespace tectonic::gui
