#include "gui/static_assets.h"

#include <gtest/gtest.h>

namespace tectonic::gui {
namespace {

const unsigned char kHtml[] = "<html>";
const unsigned char kJs[] = "x()";

TEST(StaticAssetsTest, IndexForRoutesNotFoundForMissingAssets) {
  std::vector<StaticAsset> table = {
      {"/index.html", ContentTypeFor("/index.html"), kHtml, 6},
      {"/assets/app.js", ContentTypeFor("/assets/app.js"), kJs, 3},
  };
  EXPECT_EQ(FindAsset(table, "/")->path, "/index.html");
  EXPECT_EQ(FindAsset(table, "/review")->path, "/index.html");
  EXPECT_EQ(FindAsset(table, "/assets/app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(FindAsset(table, "/assets/old.js"), nullptr);
  EXPECT_EQ(ContentTypeFor("/a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/a.bin"), "application/octet-stream");
}

TEST(StaticAssetsTest, EmbeddedTableHasAnIndexPage) {
  const StaticAsset* index = FindAsset(EmbeddedAssets(), "/");
  ASSERT_NE(index, nullptr);
  EXPECT_GT(index->size, 0u);
  std::string_view html(reinterpret_cast<const char*>(index->data), index->size);
  EXPECT_NE(html.find("<html"), std::string_view::npos);
  for (const auto& asset : EmbeddedAssets()) {
    EXPECT_EQ(asset.path.front(), '/');
    EXPECT_NE(asset.content_type, "");
  }
}

}  // namespace
}  // namespace tectonic::gui
