// The VPC layer: ec2.vpc, ec2.internet_gateway, ec2.igw_attachment, ec2.route_table,
// ec2.route, ec2.route_table_association, ec2.subnet, ec2.eip, ec2.nat_gateway, and ec2.tag
// (tags on borrowed resources: CloudFormation cannot tag what it does not own).
#include "cloudformation/builder.h"

namespace tectonic::cloudformation::internal {
namespace {

Json NodeTags(Builder& b, const engine::NodeSpec& node) {
  return b.Tags(node.props.value("tags", nlohmann::json::object()));
}

Status EmitVpc(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"CidrBlock", b.Prop(node, "cidr")},
                {"EnableDnsSupport", node.props.value("enable_dns_support", true)},
                {"EnableDnsHostnames", node.props.value("enable_dns_hostnames", true)},
                {"Tags", NodeTags(b, node)}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::VPC", std::move(props));
  return Status::Ok();
}

Status EmitInternetGateway(Builder& b, const engine::NodeSpec& node) {
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::InternetGateway", {{"Tags", NodeTags(b, node)}});
  return Status::Ok();
}

Status EmitAttachment(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"InternetGatewayId", b.Prop(node, "internet_gateway_id")},
                {"VpcId", b.Prop(node, "vpc_id")}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::VPCGatewayAttachment", std::move(props));
  return Status::Ok();
}

Status EmitRouteTable(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"VpcId", b.Prop(node, "vpc_id")}, {"Tags", NodeTags(b, node)}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::RouteTable", std::move(props));
  return Status::Ok();
}

Status EmitRoute(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"RouteTableId", b.Prop(node, "route_table_id")},
                {"DestinationCidrBlock", b.Prop(node, "destination_cidr_block")}};
  if (node.props.contains("gateway_id")) props["GatewayId"] = b.Prop(node, "gateway_id");
  if (node.props.contains("nat_gateway_id")) props["NatGatewayId"] = b.Prop(node, "nat_gateway_id");
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::Route", std::move(props));
  return Status::Ok();
}

Status EmitAssociation(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"RouteTableId", b.Prop(node, "route_table_id")},
                {"SubnetId", b.Prop(node, "subnet_id")}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::SubnetRouteTableAssociation", std::move(props));
  return Status::Ok();
}

Status EmitSubnet(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"VpcId", b.Prop(node, "vpc_id")},
                {"CidrBlock", b.Prop(node, "cidr")},
                {"AvailabilityZone", b.Prop(node, "availability_zone")},
                {"MapPublicIpOnLaunch", node.props.value("map_public_ip_on_launch", false)},
                {"Tags", NodeTags(b, node)}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::Subnet", std::move(props));
  return Status::Ok();
}

Status EmitEip(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"Domain", b.Prop(node, "domain")}, {"Tags", NodeTags(b, node)}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::EIP", std::move(props));
  return Status::Ok();
}

Status EmitNatGateway(Builder& b, const engine::NodeSpec& node) {
  Json props = {{"AllocationId", b.Prop(node, "allocation_id")},
                {"SubnetId", b.Prop(node, "subnet_id")},
                {"ConnectivityType", b.Value(node.props.value("connectivity_type", "public"))},
                {"Tags", NodeTags(b, node)}};
  b.Add(node, LogicalIdFor(node.key), "AWS::EC2::NatGateway", std::move(props));
  return Status::Ok();
}

std::optional<Json> IdOnly(const engine::NodeSpec&, const std::string& id,
                           const std::string& attr) {
  if (attr == "id") return RefTo(id);
  return std::nullopt;
}

}  // namespace

void AddNetworkKinds(std::vector<KindRule>* rules) {
  rules->push_back({"ec2.vpc", EmitVpc,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "cidr") return GetAtt(id, "CidrBlock");
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"ec2.internet_gateway", EmitInternetGateway, IdOnly, ""});
  rules->push_back({"ec2.igw_attachment", EmitAttachment, IdOnly, ""});
  rules->push_back({"ec2.route_table", EmitRouteTable, IdOnly, ""});
  rules->push_back({"ec2.route", EmitRoute, nullptr, ""});
  rules->push_back({"ec2.route_table_association", EmitAssociation, IdOnly, ""});
  rules->push_back({"ec2.subnet", EmitSubnet,
                    [](const engine::NodeSpec& node, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return RefTo(id);
                      if (attr == "availability_zone") return GetAtt(id, "AvailabilityZone");
                      if (attr == "cidr") return Json(node.props.value("cidr", ""));
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"ec2.eip", EmitEip,
                    [](const engine::NodeSpec&, const std::string& id,
                       const std::string& attr) -> std::optional<Json> {
                      if (attr == "id") return GetAtt(id, "AllocationId");
                      if (attr == "public_ip") return RefTo(id);
                      return std::nullopt;
                    },
                    ""});
  rules->push_back({"ec2.nat_gateway", EmitNatGateway, IdOnly, ""});
  rules->push_back({"ec2.tag", nullptr, nullptr,
                    "CloudFormation cannot tag a resource it does not own: the engine adds the "
                    "cluster's shared tag to the borrowed VPC, gateway and subnets"});
}

}  // namespace tectonic::cloudformation::internal
