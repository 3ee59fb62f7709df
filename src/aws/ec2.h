// Ec2: typed EC2 calls the installer makes (discovery, VPC networking, security groups,
// instances, launch templates, tags, volumes, network interfaces).
// Every Create* tags the resource at creation (TagSpecifications); every Describe* follows
// NextToken to the end and accepts ids and filters (TagFilter(key, value) for tag:<key>).
// Errors are the client's Status values (AWS code, HTTP status, request id inside).
// Thread safety: as safe as the AwsClient it wraps (which is thread safe).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct Region {
  std::string name;
  std::string endpoint;
  std::string opt_in_status;
};

struct AvailabilityZone {
  std::string name;     // us-east-1a
  std::string zone_id;  // use1-az1
  std::string state;    // available
  std::string region;
  std::string zone_type;  // availability-zone | local-zone | wavelength-zone
  std::string opt_in_status;
};

struct InstanceTypeOffering {
  std::string instance_type;
  std::string location_type;
  std::string location;
};

struct KeyPair {
  std::string name;
  std::string id;
  std::string fingerprint;
  std::string type;
  Tags tags;
};

struct Image {
  std::string id;
  std::string name;
  std::string state;
  std::string architecture;
  std::string owner_id;
  std::string creation_date;
  std::string root_device_name;
  std::string virtualization_type;
  Tags tags;
};

struct Vpc {
  std::string id;
  std::string cidr_block;
  std::string state;  // pending | available
  bool is_default = false;
  std::string dhcp_options_id;
  std::string owner_id;
  Tags tags;
};

struct CreateVpcInput {
  std::string cidr_block;
  Tags tags;
};

enum class VpcAttribute { kEnableDnsSupport, kEnableDnsHostnames };

struct Subnet {
  std::string id;
  std::string vpc_id;
  std::string cidr_block;
  std::string availability_zone;
  std::string availability_zone_id;
  std::string state;
  bool map_public_ip_on_launch = false;
  int64_t available_ip_address_count = 0;
  Tags tags;
};

struct CreateSubnetInput {
  std::string vpc_id;
  std::string cidr_block;
  std::string availability_zone;
  Tags tags;
};

struct InternetGatewayAttachment {
  std::string vpc_id;
  std::string state;  // attaching | attached | available (AWS reports "available") | detached
};

struct InternetGateway {
  std::string id;
  std::vector<InternetGatewayAttachment> attachments;
  Tags tags;
};

struct Address {
  std::string allocation_id;
  std::string public_ip;
  std::string association_id;
  std::string domain;
  std::string network_interface_id;
  std::string private_ip;
  std::string instance_id;
  Tags tags;
};

struct NatGatewayAddress {
  std::string allocation_id;
  std::string public_ip;
  std::string private_ip;
  std::string network_interface_id;
};

struct NatGateway {
  std::string id;
  std::string vpc_id;
  std::string subnet_id;
  std::string state;  // pending | failed | available | deleting | deleted
  std::string failure_code;
  std::string failure_message;
  std::vector<NatGatewayAddress> addresses;
  Tags tags;
};

struct CreateNatGatewayInput {
  std::string subnet_id;
  std::string allocation_id;  // public NAT: the EIP
  std::string client_token;   // idempotency: derive from cluster uuid + graph key
  Tags tags;
};

struct Route {
  std::string destination_cidr_block;
  std::string gateway_id;  // igw-... or "local"
  std::string nat_gateway_id;
  std::string state;  // active | blackhole
  std::string origin;
};

struct RouteTableAssociation {
  std::string id;  // rtbassoc-...
  std::string subnet_id;
  bool main = false;
  std::string state;
};

struct RouteTable {
  std::string id;
  std::string vpc_id;
  std::vector<Route> routes;
  std::vector<RouteTableAssociation> associations;
  Tags tags;
};

struct CreateRouteInput {
  std::string route_table_id;
  std::string destination_cidr_block;
  std::string gateway_id;  // one of gateway_id / nat_gateway_id
  std::string nat_gateway_id;
};

struct IpRange {
  std::string cidr;
  std::string description;
};

struct GroupPair {
  std::string group_id;
  std::string description;
};

// One rule set: protocol "tcp"/"udp"/"icmp"/"-1" (all), ports inclusive (-1 for all).
struct IpPermission {
  std::string protocol;
  int from_port = -1;
  int to_port = -1;
  std::vector<IpRange> ip_ranges;
  std::vector<GroupPair> groups;
};

struct SecurityGroup {
  std::string id;
  std::string name;
  std::string description;
  std::string vpc_id;
  std::string owner_id;
  std::vector<IpPermission> ingress;
  std::vector<IpPermission> egress;
  Tags tags;
};

struct CreateSecurityGroupInput {
  std::string name;
  std::string description;
  std::string vpc_id;
  Tags tags;
};

struct BlockDevice {
  std::string device_name;  // /dev/xvda
  int volume_size_gib = 0;  // 0: not sent
  std::string volume_type;  // gp3
  std::optional<bool> encrypted;
  std::string kms_key_id;
  std::optional<bool> delete_on_termination;
  int iops = 0;  // 0: not sent
};

struct RunInstancesInput {
  std::string image_id;
  std::string instance_type;
  int min_count = 1;
  int max_count = 1;
  std::string subnet_id;
  std::vector<std::string> security_group_ids;
  std::string key_name;
  std::string user_data;  // raw text; base64-encoded on the wire
  std::string iam_instance_profile_name;
  std::string iam_instance_profile_arn;
  std::vector<BlockDevice> block_devices;
  bool require_imdsv2 = true;  // MetadataOptions.HttpTokens=required
  std::string private_ip;
  std::string client_token;
  Tags instance_tags;
  Tags volume_tags;
};

struct Instance {
  std::string id;
  std::string image_id;
  std::string instance_type;
  std::string state;  // pending | running | shutting-down | terminated | stopping | stopped
  int state_code = 0;
  std::string subnet_id;
  std::string vpc_id;
  std::string private_ip;
  std::string public_ip;
  std::string private_dns_name;
  std::string key_name;
  std::string availability_zone;
  std::string iam_instance_profile_arn;
  std::string launch_time;
  std::string client_token;
  std::vector<std::string> security_group_ids;
  Tags tags;
};

struct Reservation {
  std::string id;
  std::string owner_id;
  std::vector<Instance> instances;
};

struct InstanceStateChange {
  std::string instance_id;
  std::string current_state;
  std::string previous_state;
};

struct CreateLaunchTemplateInput {
  std::string name;
  std::string version_description;
  std::string image_id;
  std::string instance_type;
  std::vector<std::string> security_group_ids;
  std::string key_name;
  std::string user_data;  // raw text; base64-encoded on the wire
  std::string iam_instance_profile_name;
  std::string iam_instance_profile_arn;
  std::vector<BlockDevice> block_devices;
  bool require_imdsv2 = true;
  std::string client_token;
  Tags tags;           // on the launch template itself
  Tags instance_tags;  // LaunchTemplateData.TagSpecification: instances launched from it
  Tags volume_tags;
};

struct LaunchTemplate {
  std::string id;
  std::string name;
  int64_t default_version = 0;
  int64_t latest_version = 0;
  Tags tags;
};

struct Volume {
  std::string id;
  std::string state;  // creating | available | in-use | deleting | deleted | error
  int64_t size_gib = 0;
  std::string availability_zone;
  std::string volume_type;
  bool encrypted = false;
  std::vector<std::string> attached_instance_ids;
  Tags tags;
};

struct NetworkInterface {
  std::string id;
  std::string subnet_id;
  std::string vpc_id;
  std::string status;  // available | in-use | ...
  std::string description;
  std::string interface_type;
  std::string private_ip;
  std::string attached_instance_id;
  Tags tags;
};

// GetConsoleOutput: the instance's serial console as EC2 last posted it (the last 64 KB).
struct ConsoleOutput {
  std::string instance_id;
  std::string timestamp;  // when EC2 last updated it; empty when nothing was posted yet
  std::string output;     // decoded text (EC2 sends base64)
};

class Ec2 {
 public:
  explicit Ec2(AwsClient& client) : client_(client) {}

  // Discovery (read-only; preflight).
  Result<std::vector<Region>> DescribeRegions(bool all_regions = false);
  Result<std::vector<AvailabilityZone>> DescribeAvailabilityZones(
      const std::vector<Filter>& filters = {});
  // location_type: "region" | "availability-zone" | "availability-zone-id".
  Result<std::vector<InstanceTypeOffering>> DescribeInstanceTypeOfferings(
      const std::string& location_type, const std::vector<Filter>& filters = {});
  // query.ids are key names.
  Result<std::vector<KeyPair>> DescribeKeyPairs(const DescribeQuery& query = {});
  Result<std::vector<Image>> DescribeImages(const DescribeQuery& query,
                                            const std::vector<std::string>& owners = {});

  // VPC.
  Result<Vpc> CreateVpc(const CreateVpcInput& input);
  Result<std::vector<Vpc>> DescribeVpcs(const DescribeQuery& query = {});
  Status ModifyVpcAttribute(const std::string& vpc_id, VpcAttribute attribute, bool value);
  Result<bool> DescribeVpcAttribute(const std::string& vpc_id, VpcAttribute attribute);
  Status DeleteVpc(const std::string& vpc_id);

  // Subnets.
  Result<Subnet> CreateSubnet(const CreateSubnetInput& input);
  Result<std::vector<Subnet>> DescribeSubnets(const DescribeQuery& query = {});
  Status ModifySubnetMapPublicIpOnLaunch(const std::string& subnet_id, bool value);
  Status DeleteSubnet(const std::string& subnet_id);

  // Internet gateways.
  Result<InternetGateway> CreateInternetGateway(const Tags& tags);
  Status AttachInternetGateway(const std::string& igw_id, const std::string& vpc_id);
  Status DetachInternetGateway(const std::string& igw_id, const std::string& vpc_id);
  Result<std::vector<InternetGateway>> DescribeInternetGateways(const DescribeQuery& query = {});
  Status DeleteInternetGateway(const std::string& igw_id);

  // Elastic IPs (VPC domain). query.ids are allocation ids. Not paginated by AWS.
  Result<Address> AllocateAddress(const Tags& tags);
  Result<std::vector<Address>> DescribeAddresses(const DescribeQuery& query = {});
  Status ReleaseAddress(const std::string& allocation_id);

  // NAT gateways.
  Result<NatGateway> CreateNatGateway(const CreateNatGatewayInput& input);
  Result<std::vector<NatGateway>> DescribeNatGateways(const DescribeQuery& query = {});
  Status DeleteNatGateway(const std::string& nat_gateway_id);

  // Route tables.
  Result<RouteTable> CreateRouteTable(const std::string& vpc_id, const Tags& tags);
  Result<std::vector<RouteTable>> DescribeRouteTables(const DescribeQuery& query = {});
  Status CreateRoute(const CreateRouteInput& input);
  Status DeleteRoute(const std::string& route_table_id, const std::string& destination_cidr);
  // Returns the association id (rtbassoc-...).
  Result<std::string> AssociateRouteTable(const std::string& route_table_id,
                                          const std::string& subnet_id);
  Status DisassociateRouteTable(const std::string& association_id);
  Status DeleteRouteTable(const std::string& route_table_id);

  // Security groups.
  Result<std::string> CreateSecurityGroup(const CreateSecurityGroupInput& input);  // sg id
  Result<std::vector<SecurityGroup>> DescribeSecurityGroups(const DescribeQuery& query = {});
  Status AuthorizeSecurityGroupIngress(const std::string& group_id,
                                       const std::vector<IpPermission>& permissions);
  Status RevokeSecurityGroupIngress(const std::string& group_id,
                                    const std::vector<IpPermission>& permissions);
  Status DeleteSecurityGroup(const std::string& group_id);

  // Instances.
  Result<Reservation> RunInstances(const RunInstancesInput& input);
  // Instances of every reservation, in order.
  Result<std::vector<Instance>> DescribeInstances(const DescribeQuery& query = {});
  Result<std::vector<InstanceStateChange>> TerminateInstances(
      const std::vector<std::string>& instance_ids);
  // The console output of one instance, decoded (empty output when none was posted yet).
  Result<ConsoleOutput> GetConsoleOutput(const std::string& instance_id);

  // Launch templates. query.ids are launch template ids.
  Result<LaunchTemplate> CreateLaunchTemplate(const CreateLaunchTemplateInput& input);
  Result<std::vector<LaunchTemplate>> DescribeLaunchTemplates(const DescribeQuery& query = {});
  Status DeleteLaunchTemplate(const std::string& launch_template_id);

  // Tags on any EC2 resource. DeleteTags removes the given keys whatever their values.
  Status CreateTags(const std::vector<std::string>& resource_ids, const Tags& tags);
  Status DeleteTags(const std::vector<std::string>& resource_ids,
                    const std::vector<std::string>& keys);

  // Volumes and network interfaces (leftovers that destroy sweeps).
  Result<std::vector<Volume>> DescribeVolumes(const DescribeQuery& query = {});
  Status DeleteVolume(const std::string& volume_id);
  Result<std::vector<NetworkInterface>> DescribeNetworkInterfaces(const DescribeQuery& query = {});
  Status DeleteNetworkInterface(const std::string& network_interface_id);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
