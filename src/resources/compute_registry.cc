// Registers the compute and load-balancing kinds (resources-compute).
#include "resources/compute.h"
#include "resources/registry.h"

namespace tectonic::resources {

void RegisterComputeHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store) {
  AddHandler(registry, store, "ec2.instance", NewInstanceHandler(client));
  AddHandler(registry, store, "ec2.launch_template", NewLaunchTemplateHandler(client));
  AddHandler(registry, store, "autoscaling.group", NewAutoScalingGroupHandler(client));
  AddHandler(registry, store, "elbv2.load_balancer", NewLoadBalancerHandler(client));
  AddHandler(registry, store, "elbv2.target_group", NewTargetGroupHandler(client));
  AddHandler(registry, store, "elbv2.listener", NewListenerHandler(client));
}

}  // namespace tectonic::resources
