// Registers the compute and load-balancing kinds (resources-compute).
#include <memory>
#include <utility>

#include "resources/compute.h"
#include "resources/registry.h"

namespace tectonic::resources {
namespace {

void Put(engine::HandlerRegistry& registry, HandlerStore& store, const char* kind,
         std::unique_ptr<engine::ResourceHandler> handler) {
  registry[kind] = handler.get();
  store.push_back(std::move(handler));
}

}  // namespace

void RegisterComputeHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store) {
  Put(registry, store, "ec2.instance", NewInstanceHandler(client));
  Put(registry, store, "ec2.launch_template", NewLaunchTemplateHandler(client));
  Put(registry, store, "autoscaling.group", NewAutoScalingGroupHandler(client));
  Put(registry, store, "elbv2.load_balancer", NewLoadBalancerHandler(client));
  Put(registry, store, "elbv2.target_group", NewTargetGroupHandler(client));
  Put(registry, store, "elbv2.listener", NewListenerHandler(client));
}

}  // namespace tectonic::resources
