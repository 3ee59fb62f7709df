// Sources of the facts below (looked up, not computed here): the sha256 of the Kubernetes
// binaries and of the CNI plugins tarball are the ones the upstream projects publish next to
// each release file (dl.k8s.io/<path>.sha256, the GitHub release .sha256 files); image
// digests are the registry's index digests. An image without a digest is pinned by tag only
// because no published digest could be confirmed offline; docs/assets.md lists them.
#include "assets/versions.h"

#include <cstdlib>

#include <fmt/format.h>

namespace tectonic::assets {

std::string PinnedImage::Ref() const {
  if (digest.empty()) return fmt::format("{}:{}", repository, tag);
  return fmt::format("{}:{}@{}", repository, tag, digest);
}

const std::vector<PinnedImage>& PinnedImages() {
  static const std::vector<PinnedImage> kImages = {
      {"kube-apiserver", "registry.k8s.io/kube-apiserver", "v1.35.0",
       "sha256:32f98b308862e1cf98c900927d84630fb86a836a480f02752a779eb85c1489f3"},
      {"kube-controller-manager", "registry.k8s.io/kube-controller-manager", "v1.35.0",
       "sha256:3e343fd915d2e214b9a68c045b94017832927edb89aafa471324f8d05a191111"},
      {"kube-scheduler", "registry.k8s.io/kube-scheduler", "v1.35.0",
       "sha256:0ab622491a82532e01876d55e365c08c5bac01bcd5444a8ed58c1127ab47819f"},
      {"kube-proxy", "registry.k8s.io/kube-proxy", "v1.35.0",
       "sha256:c818ca1eff765e35348b77e484da915175cdf483f298e1f9885ed706fcbcb34c"},
      {"etcd", "registry.k8s.io/etcd", "v3.6.7",
       "sha256:70cd5d29d2efcbc4c15f2a63183fd537aae77ddbc46b3b97a8a97bc8751ec3b4"},
      {"coredns", "registry.k8s.io/coredns/coredns", "v1.12.1",
       "sha256:e8c262566636e6bc340ece6473b0eed193cad045384401529721ddbe6463d31c"},
      {"flannel", "ghcr.io/flannel-io/flannel", "v0.28.0",
       "sha256:adecdcb715b153ef4fadda24142f85556818b6b75170a9dae83ff82995183c86"},
      {"flannel-cni-plugin", "docker.io/flannel/flannel-cni-plugin", "v1.7.1-flannel1", ""},
      {"aws-cloud-controller-manager", "registry.k8s.io/provider-aws/cloud-controller-manager",
       "v1.35.0", ""},
      {"aws-ebs-csi-driver", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver", "v1.49.0", ""},
      {"csi-provisioner", "registry.k8s.io/sig-storage/csi-provisioner", "v5.3.0",
       "sha256:bb057f866177d5f4139a1527e594499cbe0feeb67b63aaca8679dfdf0a6016f9"},
      {"csi-attacher", "registry.k8s.io/sig-storage/csi-attacher", "v4.9.0",
       "sha256:5aaefc24f315b182233c8b6146077f8c32e274d864cb03c632206e78bd0302da"},
      {"csi-node-driver-registrar", "registry.k8s.io/sig-storage/csi-node-driver-registrar",
       "v2.14.0", "sha256:5244abbe87e01b35adeb8bb13882a74785df0c0619f8325c9e950395c3f72a97"},
      {"aws-cli", "public.ecr.aws/aws-cli/aws-cli", "2.31.23",
       "sha256:668ffb01408e03e1002b36886797c1a97b09f7d0f02fba3123f9fcd68a081dc5"},
      {"console", "docker.io/nginxinc/nginx-unprivileged", "1.29.3-alpine",
       "sha256:c2351965a68a252c32e0c03a5a7b2144087df078de199a3a67d35d41a41f4760"},
  };
  return kImages;
}

const std::vector<PinnedDownload>& PinnedDownloads() {
  static const std::vector<PinnedDownload> kDownloads = {
      {"kubelet", "v1.35.0", "https://dl.k8s.io/release/v1.35.0/bin/linux/amd64/kubelet",
       "sha256-2f4ed7778681649b81244426c29c5d98df60ccabf83d561d69e61c1cbb943ddf"},
      {"kubectl", "v1.35.0", "https://dl.k8s.io/release/v1.35.0/bin/linux/amd64/kubectl",
       "sha256-a2e984a18a0c063279d692533031c1eff93a262afcc0afdc517375432d060989"},
      {"cni-plugins", "v1.8.0",
       "https://github.com/containernetworking/plugins/releases/download/v1.8.0/"
       "cni-plugins-linux-amd64-v1.8.0.tgz",
       "sha256-ab3bda535f9d90766cccc90d3dddb5482003dd744d7f22bcf98186bf8eea8be6"},
  };
  return kDownloads;
}

const PinnedImage& Image(std::string_view name) {
  for (const auto& image : PinnedImages()) {
    if (image.name == name) return image;
  }
  fmt::print(stderr, "internal error: no pinned image named {}\n", name);
  std::abort();
}

const PinnedDownload& Download(std::string_view name) {
  for (const auto& download : PinnedDownloads()) {
    if (download.name == name) return download;
  }
  fmt::print(stderr, "internal error: no pinned download named {}\n", name);
  std::abort();
}

}  // namespace tectonic::assets
