// Registers the EC2 network kinds (resources-network).
#include <utility>

#include "resources/network.h"
#include "resources/registry.h"

namespace tectonic::resources {
namespace {

void Put(engine::HandlerRegistry& registry, HandlerStore& store, const char* kind,
         std::unique_ptr<engine::ResourceHandler> handler) {
  registry[kind] = handler.get();
  store.push_back(std::move(handler));
}

}  // namespace

void RegisterNetworkHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store) {
  Put(registry, store, "ec2.vpc", NewVpcHandler(client));
  Put(registry, store, "ec2.internet_gateway", NewInternetGatewayHandler(client));
  Put(registry, store, "ec2.igw_attachment", NewIgwAttachmentHandler(client));
  Put(registry, store, "ec2.route_table", NewRouteTableHandler(client));
  Put(registry, store, "ec2.route", NewRouteHandler(client));
  Put(registry, store, "ec2.route_table_association", NewRouteTableAssociationHandler(client));
  Put(registry, store, "ec2.subnet", NewSubnetHandler(client));
  Put(registry, store, "ec2.eip", NewEipHandler(client));
  Put(registry, store, "ec2.nat_gateway", NewNatGatewayHandler(client));
  Put(registry, store, "ec2.security_group", NewSecurityGroupHandler(client));
  Put(registry, store, "ec2.security_group_rules", NewSecurityGroupRulesHandler(client));
  Put(registry, store, "ec2.tag", NewSharedTagHandler(client));
}

}  // namespace tectonic::resources
