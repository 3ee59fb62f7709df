#include "assets/yaml_emit.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace tectonic::assets {
namespace {

TEST(YamlEmitTest, AmbiguousStringsStayStrings) {
  nlohmann::ordered_json doc = {
      {"a", "true"},           {"b", "10"},  {"c", ""}, {"d", true}, {"e", 3}, {"f", "x: y"},
      {"g", "line1\nline2\n"}, {"h", {1, 2}}};
  std::string text = ToYaml({doc, doc});
  auto docs = YAML::LoadAll(text);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["a"].Tag(), "!");  // quoted: a string, not a boolean
  EXPECT_EQ(docs[0]["a"].as<std::string>(), "true");
  EXPECT_EQ(docs[0]["b"].Tag(), "!");
  EXPECT_EQ(docs[0]["c"].as<std::string>(), "");
  EXPECT_EQ(docs[0]["d"].as<bool>(), true);
  EXPECT_EQ(docs[0]["e"].as<int>(), 3);
  EXPECT_EQ(docs[0]["f"].as<std::string>(), "x: y");
  EXPECT_EQ(docs[0]["g"].as<std::string>(), "line1\nline2\n");
  EXPECT_EQ(docs[1]["h"][1].as<int>(), 2);
}

}  // namespace
}  // namespace tectonic::assets
