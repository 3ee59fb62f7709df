// Serialisation helpers shared by ec2.cc and ec2_compute.cc. Not part of the public API.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/ec2.h"
#include "aws/xml_util.h"

namespace tectonic::aws::ec2_internal {

// Filter.N.Name / Filter.N.Value.M.
void AddFilters(FormParams& params, const std::vector<Filter>& filters,
                const std::string& prefix = "Filter");

// Appends one TagSpecification.N for resource_type (nothing when tags is empty); `next` is the
// running N, starting at 1. prefix: "TagSpecification" or "LaunchTemplateData.TagSpecification".
void AddTagSpec(FormParams& params, const std::string& prefix, int& next,
                const std::string& resource_type, const Tags& tags);

// BlockDeviceMapping.N.{DeviceName,Ebs.*} under prefix.
void AddBlockDevices(FormParams& params, const std::string& prefix,
                     const std::vector<BlockDevice>& devices);

// Calls op with params (+ NextToken) until the response has no nextToken; on_page gets each
// response's result node.
Status Paged(AwsClient& client, const Operation& op, const FormParams& params,
             const std::function<void(pugi::xml_node)>& on_page);

// A call whose answer carries nothing we need.
Status Call(AwsClient& client, const Operation& op, const FormParams& params);

Vpc ParseVpc(pugi::xml_node n);
Subnet ParseSubnet(pugi::xml_node n);
InternetGateway ParseInternetGateway(pugi::xml_node n);
NatGateway ParseNatGateway(pugi::xml_node n);
RouteTable ParseRouteTable(pugi::xml_node n);
Instance ParseInstance(pugi::xml_node n);
LaunchTemplate ParseLaunchTemplate(pugi::xml_node n);

}  // namespace tectonic::aws::ec2_internal
