// EndpointResolver (declared in client.h): default AWS hosts, AWS_ENDPOINT_URL and the
// per-service AWS_ENDPOINT_URL_<SUFFIX> overrides, which win over the global one.
#include <array>

#include "aws/client.h"

namespace tectonic::aws {
namespace {

std::string StripSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

const std::array<const Service*, 11>& KnownServices() {
  static const std::array<const Service*, 11> kAll = {
      &services::kEc2,     &services::kElbv2,         &services::kAutoScaling,   &services::kIam,
      &services::kSts,     &services::kRoute53,       &services::kKms,           &services::kS3,
      &services::kTagging, &services::kServiceQuotas, &services::kCloudFormation};
  return kAll;
}

}  // namespace

EndpointResolver::EndpointResolver(std::string region, std::string endpoint_url,
                                   std::map<std::string, std::string> per_service_urls)
    : region_(std::move(region)), endpoint_url_(StripSlash(std::move(endpoint_url))) {
  for (auto& [suffix, url] : per_service_urls) {
    if (!url.empty()) per_service_urls_[suffix] = StripSlash(url);
  }
}

EndpointResolver EndpointResolver::FromEnvironment(const std::string& region,
                                                   const std::string& explicit_endpoint,
                                                   const EnvLookup& env) {
  std::string endpoint = explicit_endpoint;
  if (endpoint.empty()) endpoint = env("AWS_ENDPOINT_URL").value_or("");
  std::map<std::string, std::string> per_service;
  for (const Service* service : KnownServices()) {
    std::string suffix(service->env_suffix);
    if (auto url = env("AWS_ENDPOINT_URL_" + suffix); url && !url->empty()) {
      per_service[suffix] = *url;
    }
  }
  return EndpointResolver(region, endpoint, std::move(per_service));
}

std::string EndpointResolver::BaseUrl(const Service& service) const {
  auto it = per_service_urls_.find(std::string(service.env_suffix));
  if (it != per_service_urls_.end()) return it->second;
  if (!endpoint_url_.empty()) return endpoint_url_;
  if (service.global) return "https://" + std::string(service.id) + ".amazonaws.com";
  return "https://" + std::string(service.id) + "." + region_ + ".amazonaws.com";
}

std::string EndpointResolver::SigningRegion(const Service& service) const {
  return service.global ? "us-east-1" : region_;
}

bool EndpointResolver::IsOverridden(const Service& service) const {
  return !endpoint_url_.empty() || per_service_urls_.count(std::string(service.env_suffix)) > 0;
}

}  // namespace tectonic::aws
