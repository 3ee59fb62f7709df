// Registers the EC2 network kinds (resources-network).
#include "resources/network.h"
#include "resources/registry.h"

namespace tectonic::resources {

void RegisterNetworkHandlers(engine::HandlerRegistry& registry, aws::AwsClient& client,
                             HandlerStore& store) {
  AddHandler(registry, store, "ec2.vpc", NewVpcHandler(client));
  AddHandler(registry, store, "ec2.internet_gateway", NewInternetGatewayHandler(client));
  AddHandler(registry, store, "ec2.igw_attachment", NewIgwAttachmentHandler(client));
  AddHandler(registry, store, "ec2.route_table", NewRouteTableHandler(client));
  AddHandler(registry, store, "ec2.route", NewRouteHandler(client));
  AddHandler(registry, store, "ec2.route_table_association",
             NewRouteTableAssociationHandler(client));
  AddHandler(registry, store, "ec2.subnet", NewSubnetHandler(client));
  AddHandler(registry, store, "ec2.eip", NewEipHandler(client));
  AddHandler(registry, store, "ec2.nat_gateway", NewNatGatewayHandler(client));
  AddHandler(registry, store, "ec2.security_group", NewSecurityGroupHandler(client));
  AddHandler(registry, store, "ec2.security_group_rules", NewSecurityGroupRulesHandler(client));
  AddHandler(registry, store, "ec2.tag", NewSharedTagHandler(client));
}

}  // namespace tectonic::resources
