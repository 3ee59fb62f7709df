// AWS names derived from the cluster name, each fitted into the limit of its service, so a
// valid cluster name (1-28 chars, lower-case DNS label) never yields a name AWS rejects.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>

namespace tectonic::topology {

// Service limits (aws-wire.md sections 1.3 and 6).
inline constexpr size_t kLoadBalancerNameLimit = 32;  // ELBv2 load balancers
inline constexpr size_t kTargetGroupNameLimit = 32;
inline constexpr size_t kBucketNameLimit = 63;
inline constexpr size_t kIamRoleNameLimit = 64;
inline constexpr size_t kIamPolicyNameLimit = 128;
inline constexpr size_t kIamProfileNameLimit = 128;
inline constexpr size_t kLaunchTemplateNameLimit = 128;
inline constexpr size_t kAutoScalingGroupNameLimit = 255;
inline constexpr size_t kSecurityGroupNameLimit = 255;

// The cluster id's hex digits without dashes ("8f1c..."), lower case.
std::string ClusterIdHex(const std::string& cluster_id);

// "<cluster>-<suffix>" when it fits in limit; otherwise the cluster name is cut and a short
// cluster-id tag keeps it unique: "<cluster prefix>-<5 hex of id>-<suffix>". Never ends or
// starts with '-', never has "--" from the cut.
std::string FitName(const std::string& cluster, const std::string& cluster_id,
                    const std::string& suffix, size_t limit);

// The ignition bucket: "<cluster>-tectonic-<12 hex of id>" (<= 50 chars for a 28-char name):
// lower case, DNS-compatible, globally unique enough thanks to the id suffix.
std::string BucketName(const std::string& cluster, const std::string& cluster_id);

}  // namespace tectonic::topology
