// The wizard's files (web/dist, built by `npm run build`) embedded in the binary at build time
// by embed_assets.cmake, so `tectonic gui` needs no network and no files beside it. When the
// frontend was not built (TECTONIC_BUILD_WEB=OFF, no npm), the table holds a placeholder page
// that says how to build it. Thread safety: immutable after static initialisation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tectonic::gui {

struct StaticAsset {
  std::string_view path;          // "/index.html", "/assets/index-3f2a.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  const unsigned char* data = nullptr;
  size_t size = 0;
};

// Every embedded file (generated: embedded_assets.cc in the build tree).
const std::vector<StaticAsset>& EmbeddedAssets();

// The content type for a file name's extension ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view path);

// The asset for a request path: "/" and every path that is not a file (the wizard routes by
// hash) answer /index.html; nullptr only when a path under /assets/ is missing.
const StaticAsset* FindAsset(const std::vector<StaticAsset>& assets, std::string_view path);

}  // namespace tectonic::gui
