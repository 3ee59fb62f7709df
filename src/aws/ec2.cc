// Ec2: discovery and VPC networking (VPC, subnets, gateways, addresses, NAT, route tables).
#include "aws/ec2.h"

#include "aws/ec2_internal.h"

namespace tectonic::aws {

using namespace ec2_internal;  // NOLINT: this file's own helpers

namespace ec2_internal {

void AddFilters(FormParams& params, const std::vector<Filter>& filters, const std::string& prefix) {
  for (size_t i = 0; i < filters.size(); ++i) {
    std::string base = prefix + "." + std::to_string(i + 1);
    params.Add(base + ".Name", filters[i].name);
    params.AddEc2List(base + ".Value", filters[i].values);
  }
}

void AddTagSpec(FormParams& params, const std::string& prefix, int& next,
                const std::string& resource_type, const Tags& tags) {
  if (tags.empty()) return;
  std::string base = prefix + "." + std::to_string(next++);
  params.Add(base + ".ResourceType", resource_type);
  int i = 1;
  for (const auto& [key, value] : tags) {
    std::string tag = base + ".Tag." + std::to_string(i++);
    params.Add(tag + ".Key", key);
    params.Add(tag + ".Value", value);
  }
}

void AddBlockDevices(FormParams& params, const std::string& prefix,
                     const std::vector<BlockDevice>& devices) {
  for (size_t i = 0; i < devices.size(); ++i) {
    const BlockDevice& d = devices[i];
    std::string base = prefix + "." + std::to_string(i + 1);
    params.Add(base + ".DeviceName", d.device_name);
    if (d.delete_on_termination) {
      params.Add(base + ".Ebs.DeleteOnTermination", *d.delete_on_termination ? "true" : "false");
    }
    if (d.encrypted) params.Add(base + ".Ebs.Encrypted", *d.encrypted ? "true" : "false");
    if (d.iops > 0) params.Add(base + ".Ebs.Iops", std::to_string(d.iops));
    if (!d.kms_key_id.empty()) params.Add(base + ".Ebs.KmsKeyId", d.kms_key_id);
    if (d.volume_size_gib > 0)
      params.Add(base + ".Ebs.VolumeSize", std::to_string(d.volume_size_gib));
    if (!d.volume_type.empty()) params.Add(base + ".Ebs.VolumeType", d.volume_type);
  }
}

Status Paged(AwsClient& client, const Operation& op, const FormParams& params,
             const std::function<void(pugi::xml_node)>& on_page) {
  std::string token;
  while (true) {
    FormParams page = params;
    if (!token.empty()) page.Add("NextToken", token);
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse response, client.Query(op, page));
    on_page(response.result());
    std::string next = xml::Text(response.result(), "nextToken");
    if (next.empty() || next == token) return Status::Ok();
    token = std::move(next);
  }
}

Status Call(AwsClient& client, const Operation& op, const FormParams& params) {
  return client.Query(op, params).status();
}

Vpc ParseVpc(pugi::xml_node n) {
  Vpc v;
  v.id = xml::Text(n, "vpcId");
  v.cidr_block = xml::Text(n, "cidrBlock");
  v.state = xml::Text(n, "state");
  v.is_default = xml::Bool(n, "isDefault");
  v.dhcp_options_id = xml::Text(n, "dhcpOptionsId");
  v.owner_id = xml::Text(n, "ownerId");
  v.tags = xml::Ec2Tags(n);
  return v;
}

Subnet ParseSubnet(pugi::xml_node n) {
  Subnet s;
  s.id = xml::Text(n, "subnetId");
  s.vpc_id = xml::Text(n, "vpcId");
  s.cidr_block = xml::Text(n, "cidrBlock");
  s.availability_zone = xml::Text(n, "availabilityZone");
  s.availability_zone_id = xml::Text(n, "availabilityZoneId");
  s.state = xml::Text(n, "state");
  s.map_public_ip_on_launch = xml::Bool(n, "mapPublicIpOnLaunch");
  s.available_ip_address_count = xml::Int(n, "availableIpAddressCount");
  s.tags = xml::Ec2Tags(n);
  return s;
}

InternetGateway ParseInternetGateway(pugi::xml_node n) {
  InternetGateway g;
  g.id = xml::Text(n, "internetGatewayId");
  for (pugi::xml_node a : xml::Items(n, "attachmentSet", "item")) {
    g.attachments.push_back({xml::Text(a, "vpcId"), xml::Text(a, "state")});
  }
  g.tags = xml::Ec2Tags(n);
  return g;
}

NatGateway ParseNatGateway(pugi::xml_node n) {
  NatGateway g;
  g.id = xml::Text(n, "natGatewayId");
  g.vpc_id = xml::Text(n, "vpcId");
  g.subnet_id = xml::Text(n, "subnetId");
  g.state = xml::Text(n, "state");
  g.failure_code = xml::Text(n, "failureCode");
  g.failure_message = xml::Text(n, "failureMessage");
  for (pugi::xml_node a : xml::Items(n, "natGatewayAddressSet", "item")) {
    g.addresses.push_back({xml::Text(a, "allocationId"), xml::Text(a, "publicIp"),
                           xml::Text(a, "privateIp"), xml::Text(a, "networkInterfaceId")});
  }
  g.tags = xml::Ec2Tags(n);
  return g;
}

RouteTable ParseRouteTable(pugi::xml_node n) {
  RouteTable t;
  t.id = xml::Text(n, "routeTableId");
  t.vpc_id = xml::Text(n, "vpcId");
  for (pugi::xml_node r : xml::Items(n, "routeSet", "item")) {
    t.routes.push_back({xml::Text(r, "destinationCidrBlock"), xml::Text(r, "gatewayId"),
                        xml::Text(r, "natGatewayId"), xml::Text(r, "state"),
                        xml::Text(r, "origin")});
  }
  for (pugi::xml_node a : xml::Items(n, "associationSet", "item")) {
    t.associations.push_back({xml::Text(a, "routeTableAssociationId"), xml::Text(a, "subnetId"),
                              xml::Bool(a, "main"),
                              xml::Text(a.child("associationState"), "state")});
  }
  t.tags = xml::Ec2Tags(n);
  return t;
}

}  // namespace ec2_internal

namespace {

FormParams QueryParams(const DescribeQuery& query, const std::string& id_name) {
  FormParams p;
  p.AddEc2List(id_name, query.ids);
  AddFilters(p, query.filters);
  return p;
}

template <typename T, typename Parse>
Result<std::vector<T>> DescribeList(AwsClient& client, const Operation& op,
                                    const FormParams& params, const char* list, Parse parse) {
  std::vector<T> out;
  TECTONIC_RETURN_IF_ERROR(Paged(client, op, params, [&](pugi::xml_node result) {
    for (pugi::xml_node item : xml::Items(result, list, "item")) out.push_back(parse(item));
  }));
  return out;
}

}  // namespace

Result<std::vector<Region>> Ec2::DescribeRegions(bool all_regions) {
  FormParams p;
  if (all_regions) p.Add("AllRegions", "true");
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2DescribeRegions, p));
  std::vector<Region> out;
  for (pugi::xml_node n : xml::Items(r.result(), "regionInfo", "item")) {
    out.push_back(
        {xml::Text(n, "regionName"), xml::Text(n, "regionEndpoint"), xml::Text(n, "optInStatus")});
  }
  return out;
}

Result<std::vector<AvailabilityZone>> Ec2::DescribeAvailabilityZones(
    const std::vector<Filter>& filters) {
  FormParams p;
  AddFilters(p, filters);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2DescribeAvailabilityZones, p));
  std::vector<AvailabilityZone> out;
  for (pugi::xml_node n : xml::Items(r.result(), "availabilityZoneInfo", "item")) {
    out.push_back({xml::Text(n, "zoneName"), xml::Text(n, "zoneId"), xml::Text(n, "zoneState"),
                   xml::Text(n, "regionName"), xml::Text(n, "zoneType"),
                   xml::Text(n, "optInStatus")});
  }
  return out;
}

Result<std::vector<InstanceTypeOffering>> Ec2::DescribeInstanceTypeOfferings(
    const std::string& location_type, const std::vector<Filter>& filters) {
  FormParams p;
  if (!location_type.empty()) p.Add("LocationType", location_type);
  AddFilters(p, filters);
  return DescribeList<InstanceTypeOffering>(
      client_, ops::kEc2DescribeInstanceTypeOfferings, p, "instanceTypeOfferingSet",
      [](pugi::xml_node n) {
        return InstanceTypeOffering{xml::Text(n, "instanceType"), xml::Text(n, "locationType"),
                                    xml::Text(n, "location")};
      });
}

Result<std::vector<KeyPair>> Ec2::DescribeKeyPairs(const DescribeQuery& query) {
  return DescribeList<KeyPair>(client_, ops::kEc2DescribeKeyPairs, QueryParams(query, "KeyName"),
                               "keySet", [](pugi::xml_node n) {
                                 return KeyPair{xml::Text(n, "keyName"), xml::Text(n, "keyPairId"),
                                                xml::Text(n, "keyFingerprint"),
                                                xml::Text(n, "keyType"), xml::Ec2Tags(n)};
                               });
}

Result<std::vector<Image>> Ec2::DescribeImages(const DescribeQuery& query,
                                               const std::vector<std::string>& owners) {
  FormParams p = QueryParams(query, "ImageId");
  p.AddEc2List("Owner", owners);
  return DescribeList<Image>(client_, ops::kEc2DescribeImages, p, "imagesSet",
                             [](pugi::xml_node n) {
                               Image i;
                               i.id = xml::Text(n, "imageId");
                               i.name = xml::Text(n, "name");
                               i.state = xml::Text(n, "imageState");
                               i.architecture = xml::Text(n, "architecture");
                               i.owner_id = xml::Text(n, "imageOwnerId");
                               i.creation_date = xml::Text(n, "creationDate");
                               i.root_device_name = xml::Text(n, "rootDeviceName");
                               i.virtualization_type = xml::Text(n, "virtualizationType");
                               i.tags = xml::Ec2Tags(n);
                               return i;
                             });
}

Result<Vpc> Ec2::CreateVpc(const CreateVpcInput& input) {
  FormParams p;
  p.Add("CidrBlock", input.cidr_block);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "vpc", input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateVpc, p));
  return ParseVpc(r.result().child("vpc"));
}

Result<std::vector<Vpc>> Ec2::DescribeVpcs(const DescribeQuery& query) {
  return DescribeList<Vpc>(client_, ops::kEc2DescribeVpcs, QueryParams(query, "VpcId"), "vpcSet",
                           ParseVpc);
}

Status Ec2::ModifyVpcAttribute(const std::string& vpc_id, VpcAttribute attribute, bool value) {
  FormParams p;
  p.Add("VpcId", vpc_id);
  p.Add(attribute == VpcAttribute::kEnableDnsSupport ? "EnableDnsSupport.Value"
                                                     : "EnableDnsHostnames.Value",
        value ? "true" : "false");
  return Call(client_, ops::kEc2ModifyVpcAttribute, p);
}

Result<bool> Ec2::DescribeVpcAttribute(const std::string& vpc_id, VpcAttribute attribute) {
  bool support = attribute == VpcAttribute::kEnableDnsSupport;
  FormParams p;
  p.Add("VpcId", vpc_id);
  p.Add("Attribute", support ? "enableDnsSupport" : "enableDnsHostnames");
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2DescribeVpcAttribute, p));
  pugi::xml_node v = r.result().child(support ? "enableDnsSupport" : "enableDnsHostnames");
  if (!v) return Status::Internal("DescribeVpcAttribute: the answer has no attribute value");
  return xml::Bool(v, "value");
}

Status Ec2::DeleteVpc(const std::string& vpc_id) {
  return Call(client_, ops::kEc2DeleteVpc, FormParams().Add("VpcId", vpc_id));
}

Result<Subnet> Ec2::CreateSubnet(const CreateSubnetInput& input) {
  FormParams p;
  p.Add("VpcId", input.vpc_id).Add("CidrBlock", input.cidr_block);
  if (!input.availability_zone.empty()) p.Add("AvailabilityZone", input.availability_zone);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "subnet", input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateSubnet, p));
  return ParseSubnet(r.result().child("subnet"));
}

Result<std::vector<Subnet>> Ec2::DescribeSubnets(const DescribeQuery& query) {
  return DescribeList<Subnet>(client_, ops::kEc2DescribeSubnets, QueryParams(query, "SubnetId"),
                              "subnetSet", ParseSubnet);
}

Status Ec2::ModifySubnetMapPublicIpOnLaunch(const std::string& subnet_id, bool value) {
  FormParams p;
  p.Add("SubnetId", subnet_id).Add("MapPublicIpOnLaunch.Value", value ? "true" : "false");
  return Call(client_, ops::kEc2ModifySubnetAttribute, p);
}

Status Ec2::DeleteSubnet(const std::string& subnet_id) {
  return Call(client_, ops::kEc2DeleteSubnet, FormParams().Add("SubnetId", subnet_id));
}

Result<InternetGateway> Ec2::CreateInternetGateway(const Tags& tags) {
  FormParams p;
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "internet-gateway", tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateInternetGateway, p));
  return ParseInternetGateway(r.result().child("internetGateway"));
}

Status Ec2::AttachInternetGateway(const std::string& igw_id, const std::string& vpc_id) {
  FormParams p;
  p.Add("InternetGatewayId", igw_id).Add("VpcId", vpc_id);
  return Call(client_, ops::kEc2AttachInternetGateway, p);
}

Status Ec2::DetachInternetGateway(const std::string& igw_id, const std::string& vpc_id) {
  FormParams p;
  p.Add("InternetGatewayId", igw_id).Add("VpcId", vpc_id);
  return Call(client_, ops::kEc2DetachInternetGateway, p);
}

Result<std::vector<InternetGateway>> Ec2::DescribeInternetGateways(const DescribeQuery& query) {
  return DescribeList<InternetGateway>(client_, ops::kEc2DescribeInternetGateways,
                                       QueryParams(query, "InternetGatewayId"),
                                       "internetGatewaySet", ParseInternetGateway);
}

Status Ec2::DeleteInternetGateway(const std::string& igw_id) {
  return Call(client_, ops::kEc2DeleteInternetGateway,
              FormParams().Add("InternetGatewayId", igw_id));
}

namespace {
Address ParseAddress(pugi::xml_node n) {
  Address a;
  a.allocation_id = xml::Text(n, "allocationId");
  a.public_ip = xml::Text(n, "publicIp");
  a.association_id = xml::Text(n, "associationId");
  a.domain = xml::Text(n, "domain");
  a.network_interface_id = xml::Text(n, "networkInterfaceId");
  a.private_ip = xml::Text(n, "privateIpAddress");
  a.instance_id = xml::Text(n, "instanceId");
  a.tags = xml::Ec2Tags(n);
  return a;
}
}  // namespace

Result<Address> Ec2::AllocateAddress(const Tags& tags) {
  FormParams p;
  p.Add("Domain", "vpc");
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "elastic-ip", tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2AllocateAddress, p));
  Address a = ParseAddress(r.result());
  a.tags = tags;  // the answer does not echo them
  return a;
}

Result<std::vector<Address>> Ec2::DescribeAddresses(const DescribeQuery& query) {
  return DescribeList<Address>(client_, ops::kEc2DescribeAddresses,
                               QueryParams(query, "AllocationId"), "addressesSet", ParseAddress);
}

Status Ec2::ReleaseAddress(const std::string& allocation_id) {
  return Call(client_, ops::kEc2ReleaseAddress, FormParams().Add("AllocationId", allocation_id));
}

Result<NatGateway> Ec2::CreateNatGateway(const CreateNatGatewayInput& input) {
  FormParams p;
  p.Add("SubnetId", input.subnet_id);
  if (!input.allocation_id.empty()) p.Add("AllocationId", input.allocation_id);
  if (!input.client_token.empty()) p.Add("ClientToken", input.client_token);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "natgateway", input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateNatGateway, p));
  return ParseNatGateway(r.result().child("natGateway"));
}

Result<std::vector<NatGateway>> Ec2::DescribeNatGateways(const DescribeQuery& query) {
  return DescribeList<NatGateway>(client_, ops::kEc2DescribeNatGateways,
                                  QueryParams(query, "NatGatewayId"), "natGatewaySet",
                                  ParseNatGateway);
}

Status Ec2::DeleteNatGateway(const std::string& nat_gateway_id) {
  return Call(client_, ops::kEc2DeleteNatGateway, FormParams().Add("NatGatewayId", nat_gateway_id));
}

Result<RouteTable> Ec2::CreateRouteTable(const std::string& vpc_id, const Tags& tags) {
  FormParams p;
  p.Add("VpcId", vpc_id);
  int n = 1;
  AddTagSpec(p, "TagSpecification", n, "route-table", tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2CreateRouteTable, p));
  return ParseRouteTable(r.result().child("routeTable"));
}

Result<std::vector<RouteTable>> Ec2::DescribeRouteTables(const DescribeQuery& query) {
  return DescribeList<RouteTable>(client_, ops::kEc2DescribeRouteTables,
                                  QueryParams(query, "RouteTableId"), "routeTableSet",
                                  ParseRouteTable);
}

Status Ec2::CreateRoute(const CreateRouteInput& input) {
  FormParams p;
  p.Add("RouteTableId", input.route_table_id);
  p.Add("DestinationCidrBlock", input.destination_cidr_block);
  if (!input.gateway_id.empty()) p.Add("GatewayId", input.gateway_id);
  if (!input.nat_gateway_id.empty()) p.Add("NatGatewayId", input.nat_gateway_id);
  return Call(client_, ops::kEc2CreateRoute, p);
}

Status Ec2::DeleteRoute(const std::string& route_table_id, const std::string& destination_cidr) {
  FormParams p;
  p.Add("RouteTableId", route_table_id).Add("DestinationCidrBlock", destination_cidr);
  return Call(client_, ops::kEc2DeleteRoute, p);
}

Result<std::string> Ec2::AssociateRouteTable(const std::string& route_table_id,
                                             const std::string& subnet_id) {
  FormParams p;
  p.Add("RouteTableId", route_table_id).Add("SubnetId", subnet_id);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kEc2AssociateRouteTable, p));
  std::string id = xml::Text(r.result(), "associationId");
  if (id.empty()) return Status::Internal("AssociateRouteTable: the answer has no associationId");
  return id;
}

Status Ec2::DisassociateRouteTable(const std::string& association_id) {
  return Call(client_, ops::kEc2DisassociateRouteTable,
              FormParams().Add("AssociationId", association_id));
}

Status Ec2::DeleteRouteTable(const std::string& route_table_id) {
  return Call(client_, ops::kEc2DeleteRouteTable, FormParams().Add("RouteTableId", route_table_id));
}

}  // namespace tectonic::aws
