// Registers the EC2 network kinds (resources-network).
#include <utility>

#include "resources/network.h"
#include "resources/registry.h"

namespace tectonic::resources {

void RegisterNetworkHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store) {
  AddHandler(registry, store, "ec2.vpc", NewVpcHandler(client));
  AddHandler(registry, store, "ec2.internet_gateway", NewInternetGatewayHandler(client));
  AddHandler(registry, store, "ec2.igw_attachment", NewIgwAttachmentHandler(client));
  RoutingHandlers routing = NewRoutingHandlers(client);
  AddHandler(registry, store, "ec2.route_table", std::move(routing.route_table));
  AddHandler(registry, store, "ec2.route", std::move(routing.route));
  AddHandler(registry, store, "ec2.route_table_association", std::move(routing.association));
  AddHandler(registry, store, "ec2.subnet", NewSubnetHandler(client));
  AddHandler(registry, store, "ec2.eip", NewEipHandler(client));
  AddHandler(registry, store, "ec2.nat_gateway", NewNatGatewayHandler(client));
  SecurityGroupHandlers groups = NewSecurityGroupHandlers(client);
  AddHandler(registry, store, "ec2.security_group", std::move(groups.group));
  AddHandler(registry, store, "ec2.security_group_rules", std::move(groups.rules));
  AddHandler(registry, store, "ec2.tag", NewSharedTagHandler(client));
}

}  // namespace tectonic::resources
