// The handler registry: every ResourceHandler of src/resources, by kind, built on one
// AwsClient. The engine's HandlerRegistry holds raw pointers; the HandlerStore returned by
// RegisterAllHandlers owns the handlers and must outlive every use of the registry.
// Each area registers its kinds in its own function (defined in that area's files):
//   network  (resources-network):  ec2.vpc ... ec2.security_group_rules, ec2.tag
//   platform (resources-platform): kms, s3, iam, route53
//   compute  (resources-compute):  ec2.instance, ec2.launch_template, autoscaling.group,
//                                  elbv2.load_balancer, elbv2.target_group, elbv2.listener
// Thread safety: registration is single-threaded; the handlers themselves are thread safe.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "aws/client.h"
#include "engine/resource.h"

namespace tectonic::resources {

// Owns the handler objects a HandlerRegistry points at.
using HandlerStore = std::vector<std::unique_ptr<engine::ResourceHandler>>;

// Constructs a Handler from args, keeps it in store and registers it under kind.
template <typename Handler, typename... Args>
Handler& AddHandler(engine::HandlerRegistry& registry, HandlerStore& store, const std::string& kind,
                    Args&&... args) {
  auto handler = std::make_unique<Handler>(std::forward<Args>(args)...);
  Handler& ref = *handler;
  registry[kind] = handler.get();
  store.push_back(std::move(handler));
  return ref;
}

// Keeps an already built handler in store and registers it under kind.
inline void AddHandler(engine::HandlerRegistry& registry, HandlerStore& store,
                       const std::string& kind, std::unique_ptr<engine::ResourceHandler> handler) {
  registry[kind] = handler.get();
  store.push_back(std::move(handler));
}

// Registers every kind of KINDS.md. Keep the returned store alive while registry is used.
[[nodiscard]] HandlerStore RegisterAllHandlers(engine::HandlerRegistry& registry,
                                               aws::AwsClient& client);

// Per-area registration, each defined in its area's files.
void RegisterNetworkHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store);
void RegisterPlatformHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                              HandlerStore& store);
void RegisterComputeHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store);

}  // namespace tectonic::resources
