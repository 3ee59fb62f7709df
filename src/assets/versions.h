// What the nodes run, in one table: every container image (repository, tag, and the registry
// digest when one is known) and every file the nodes download at first boot (URL and the
// hash Ignition verifies). Bumping a component means editing versions.cc and nothing else.
// Thread safety: immutable tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tectonic::assets {

inline constexpr const char* kKubernetesVersion = "v1.35.0";

struct PinnedImage {
  std::string_view name;        // our key: "kube-apiserver"
  std::string_view repository;  // "registry.k8s.io/kube-apiserver"
  std::string_view tag;         // "v1.35.0"
  std::string_view digest;      // "sha256:<hex>", or empty when no digest is recorded
  // "<repository>:<tag>@<digest>" (or without "@<digest>").
  std::string Ref() const;
};

struct PinnedDownload {
  std::string_view name;  // "kubelet"
  std::string_view version;
  std::string_view url;
  std::string_view hash;  // Ignition verification.hash: "sha256-<hex>" or "sha512-<hex>"
};

const std::vector<PinnedImage>& PinnedImages();
const std::vector<PinnedDownload>& PinnedDownloads();
// The entry called name; aborts on an unknown name (a programming error, caught by tests).
const PinnedImage& Image(std::string_view name);
const PinnedDownload& Download(std::string_view name);

}  // namespace tectonic::assets
