// The EC2 network handlers of KINDS.md (owned by resources-network): factories used by
// RegisterNetworkHandlers and by tests that drive one handler directly.
// Thread safety: every handler may be shared; apart from its client it keeps only answers it
// shares between the nodes of its kind within one run (describe_cache.h, dropped by BeginRun).
#pragma once

#include <memory>

#include "aws/client.h"
#include "engine/resource.h"

namespace tectonic::resources {

std::unique_ptr<engine::ResourceHandler> NewVpcHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewInternetGatewayHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewIgwAttachmentHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewRouteTableHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewRouteHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewRouteTableAssociationHandler(aws::AwsClient& client);
// The three routing kinds sharing one answer of DescribeRouteTables per run and poll round.
struct RoutingHandlers {
  std::unique_ptr<engine::ResourceHandler> route_table, route, association;
};
RoutingHandlers NewRoutingHandlers(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewSubnetHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewEipHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewNatGatewayHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewSecurityGroupHandler(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewSecurityGroupRulesHandler(aws::AwsClient& client);
// ec2.security_group and ec2.security_group_rules sharing one DescribeSecurityGroups answer.
struct SecurityGroupHandlers {
  std::unique_ptr<engine::ResourceHandler> group, rules;
};
SecurityGroupHandlers NewSecurityGroupHandlers(aws::AwsClient& client);
std::unique_ptr<engine::ResourceHandler> NewSharedTagHandler(aws::AwsClient& client);

}  // namespace tectonic::resources
