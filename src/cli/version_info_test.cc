#include "cli/version_info.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assets/manifests.h"
#include "version.h"

namespace tectonic::cli {
namespace {

TEST(VersionInfo, FromTheBuild) {
  VersionInfo info = BuildVersion();
  EXPECT_EQ(info.version, kTectonicVersion);
  EXPECT_EQ(info.kubernetes, assets::kKubernetesVersion);
  // A short commit id, maybe "-dirty", or "unknown" outside a git checkout.
  EXPECT_THAT(info.commit, ::testing::MatchesRegex("unknown|[0-9a-f]{12}(-dirty)?"));
}

TEST(VersionInfo, TextAndJson) {
  VersionInfo info{"1.2.3", "abcdef012345", "v1.29.4"};
  EXPECT_EQ(VersionText(info), "tectonic 1.2.3\ncommit: abcdef012345\nkubernetes: v1.29.4");
  auto json = nlohmann::json::parse(VersionJson(info));
  EXPECT_EQ(json,
            (nlohmann::json{
                {"version", "1.2.3"}, {"commit", "abcdef012345"}, {"kubernetes", "v1.29.4"}}));
}

}  // namespace
}  // namespace tectonic::cli
