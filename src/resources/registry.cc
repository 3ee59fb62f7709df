#include "resources/registry.h"

namespace tectonic::resources {

HandlerStore RegisterAllHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client) {
  HandlerStore store;
  RegisterNetworkHandlers(registry, client, store);
  RegisterPlatformHandlers(registry, client, store);
  RegisterComputeHandlers(registry, client, store);
  return store;
}

}  // namespace tectonic::resources
