#include "topology/names.h"

#include <cctype>

namespace tectonic::topology {
namespace {

std::string TrimHyphens(std::string s) {
  while (!s.empty() && s.back() == '-') s.pop_back();
  while (!s.empty() && s.front() == '-') s.erase(s.begin());
  return s;
}

}  // namespace

std::string ClusterIdHex(const std::string& cluster_id) {
  std::string hex;
  for (char c : cluster_id) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return hex;
}

std::string FitName(const std::string& cluster, const std::string& cluster_id,
                    const std::string& suffix, size_t limit) {
  std::string full = cluster + "-" + suffix;
  if (full.size() <= limit) return full;
  std::string tag = ClusterIdHex(cluster_id).substr(0, 5);
  if (tag.empty()) tag = "x";
  // prefix + "-" + tag + "-" + suffix
  size_t room = limit > suffix.size() + tag.size() + 2 ? limit - suffix.size() - tag.size() - 2 : 0;
  std::string prefix = TrimHyphens(cluster.substr(0, room));
  std::string name = prefix.empty() ? tag + "-" + suffix : prefix + "-" + tag + "-" + suffix;
  if (name.size() > limit) name = TrimHyphens(name.substr(0, limit));
  return name;
}

std::string BucketName(const std::string& cluster, const std::string& cluster_id) {
  std::string name = cluster + "-tectonic-" + ClusterIdHex(cluster_id).substr(0, 12);
  if (name.size() > kBucketNameLimit) name = TrimHyphens(name.substr(0, kBucketNameLimit));
  return name;
}

}  // namespace tectonic::topology
