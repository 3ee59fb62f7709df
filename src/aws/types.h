// Plain value types shared by the per-service clients (ec2.h, elbv2.h, ...): tags and EC2
// filters. Thread safety: plain values.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tectonic::aws {

// Resource tags, key -> value. Ordered so serialisations are deterministic.
using Tags = std::map<std::string, std::string>;

// One EC2 Describe* filter: Filter.N.Name=name, Filter.N.Value.M=values[M-1].
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

// "tag:<key>" = value: the filter that finds a resource by one of its tags.
inline Filter TagFilter(const std::string& key, const std::string& value) {
  return Filter{"tag:" + key, {value}};
}

// The common input of EC2 Describe* calls: by ids, by filters, or both (empty = all).
struct DescribeQuery {
  std::vector<std::string> ids;
  std::vector<Filter> filters;
};

}  // namespace tectonic::aws
