#include "gui/static_assets.h"

#include <array>
#include <utility>

namespace tectonic::gui {

std::string_view ContentTypeFor(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return type;
  }
  return "application/octet-stream";
}

const StaticAsset* FindAsset(const std::vector<StaticAsset>& assets, std::string_view path) {
  const StaticAsset* index = nullptr;
  for (const auto& asset : assets) {
    if (asset.path == path) return &asset;
    if (asset.path == "/index.html") index = &asset;
  }
  // A missing script or style is a 404 (a stale page asking for an old bundle), not the page.
  if (path.rfind("/assets/", 0) == 0) return nullptr;
  return index;
}

}  // namespace tectonic::gui
