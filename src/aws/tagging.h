// Tagging: the Resource Groups Tagging API (GetResources), the destroy sweep's first look at
// everything tagged with the cluster. Follows PaginationToken until it is empty or absent.
// Untagged resources are never returned. Thread safety: as safe as the AwsClient.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

// Matches resources with tag `key` whose value is one of `values` (empty: any value).
struct TagFilterSpec {
  std::string key;
  std::vector<std::string> values;
};

struct TaggedResource {
  std::string arn;
  Tags tags;
};

class Tagging {
 public:
  explicit Tagging(AwsClient& client) : client_(client) {}

  // resource_types: "ec2:instance", "elasticloadbalancing:loadbalancer", ... (empty: all).
  Result<std::vector<TaggedResource>> GetResources(
      const std::vector<TagFilterSpec>& tag_filters,
      const std::vector<std::string>& resource_types = {});

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
