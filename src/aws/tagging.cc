#include "aws/tagging.h"

#include "aws/json_util.h"

namespace tectonic::aws {

Result<std::vector<TaggedResource>> Tagging::GetResources(
    const std::vector<TagFilterSpec>& tag_filters, const std::vector<std::string>& resource_types) {
  using nlohmann::json;
  json body = json::object();
  json filters = json::array();
  for (const TagFilterSpec& f : tag_filters) {
    json filter = {{"Key", f.key}};
    if (!f.values.empty()) filter["Values"] = f.values;
    filters.push_back(std::move(filter));
  }
  if (!filters.empty()) body["TagFilters"] = std::move(filters);
  if (!resource_types.empty()) body["ResourceTypeFilters"] = resource_types;
  body["ResourcesPerPage"] = 100;
  std::vector<TaggedResource> out;
  std::string token;
  while (true) {
    if (!token.empty()) body["PaginationToken"] = token;
    TECTONIC_ASSIGN_OR_RETURN(json r, client_.Json(ops::kTaggingGetResources, body));
    for (const json& m : json_read::List(r, "ResourceTagMappingList")) {
      TaggedResource res;
      res.arn = json_read::Str(m, "ResourceARN");
      for (const json& t : json_read::List(m, "Tags")) {
        res.tags[json_read::Str(t, "Key")] = json_read::Str(t, "Value");
      }
      out.push_back(std::move(res));
    }
    std::string next = json_read::Str(r, "PaginationToken");
    if (next.empty() || next == token) return out;
    token = std::move(next);
  }
}

}  // namespace tectonic::aws
