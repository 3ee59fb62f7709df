// Ec2 over a fake transport: exact wire fields for the tricky serialisations, and parsing.
#include "aws/ec2.h"

#include <gtest/gtest.h>

#include "aws/services_test_util.h"

namespace tectonic::aws {
namespace {

using testing::FakeAws;

const char* kCreateVpc = R"(<CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r1</requestId><vpc><vpcId>vpc-0a1b2c3d4e5f67890</vpcId><state>pending</state>
<cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault>
<tagSet><item><key>Name</key><value>c1</value></item><item><key>k</key><value>v</value></item></tagSet>
</vpc></CreateVpcResponse>)";

TEST(Ec2Test, CreateVpcTagsAtCreationAndParsesTheVpc) {
  FakeAws aws;
  aws.transport->Then(200, kCreateVpc);
  Ec2 ec2(aws.client);
  auto vpc = ec2.CreateVpc({"10.0.0.0/16", {{"Name", "c1"}, {"k", "v"}}});
  ASSERT_TRUE(vpc.ok()) << vpc.status().ToString();
  EXPECT_EQ(vpc->id, "vpc-0a1b2c3d4e5f67890");
  EXPECT_EQ(vpc->state, "pending");
  EXPECT_EQ(vpc->tags.at("k"), "v");
  auto f = aws.Form();
  EXPECT_EQ(f["Action"], "CreateVpc");
  EXPECT_EQ(f["CidrBlock"], "10.0.0.0/16");
  EXPECT_EQ(f["TagSpecification.1.ResourceType"], "vpc");
  EXPECT_EQ(f["TagSpecification.1.Tag.1.Key"], "Name");
  EXPECT_EQ(f["TagSpecification.1.Tag.1.Value"], "c1");
  EXPECT_EQ(f["TagSpecification.1.Tag.2.Key"], "k");
  EXPECT_EQ(f["TagSpecification.1.Tag.2.Value"], "v");
  EXPECT_EQ(f.count("TagSpecification.2.ResourceType"), 0u);
}

TEST(Ec2Test, AuthorizeIngressSendsCidrAndGroupSourcesWithDescriptions) {
  FakeAws aws;
  aws.transport->Then(200,
                      "<AuthorizeSecurityGroupIngressResponse><return>true</return>"
                      "</AuthorizeSecurityGroupIngressResponse>");
  Ec2 ec2(aws.client);
  IpPermission https{"tcp", 443, 443, {{"0.0.0.0/0", "api"}}, {}};
  IpPermission kubelet{"tcp", 10250, 10250, {}, {{"sg-master", "from masters"}}};
  IpPermission all{"-1", -1, -1, {}, {{"sg-self", ""}}};
  ASSERT_TRUE(ec2.AuthorizeSecurityGroupIngress("sg-1", {https, kubelet, all}).ok());
  auto f = aws.Form();
  EXPECT_EQ(f["GroupId"], "sg-1");
  EXPECT_EQ(f["IpPermissions.1.IpProtocol"], "tcp");
  EXPECT_EQ(f["IpPermissions.1.FromPort"], "443");
  EXPECT_EQ(f["IpPermissions.1.ToPort"], "443");
  EXPECT_EQ(f["IpPermissions.1.IpRanges.1.CidrIp"], "0.0.0.0/0");
  EXPECT_EQ(f["IpPermissions.1.IpRanges.1.Description"], "api");
  EXPECT_EQ(f["IpPermissions.2.Groups.1.GroupId"], "sg-master");
  EXPECT_EQ(f["IpPermissions.2.Groups.1.Description"], "from masters");
  EXPECT_EQ(f["IpPermissions.2.FromPort"], "10250");
  EXPECT_EQ(f["IpPermissions.3.IpProtocol"], "-1");
  EXPECT_EQ(f.count("IpPermissions.3.FromPort"), 0u);
  EXPECT_EQ(f.count("IpPermissions.3.Groups.1.Description"), 0u);
}

TEST(Ec2Test, RunInstancesSerialisesEverythingAndParsesTheReservation) {
  FakeAws aws;
  aws.transport->Then(200, R"(<RunInstancesResponse><requestId>x</requestId>
<reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet><item>
<instanceId>i-0123</instanceId><imageId>ami-1</imageId><instanceState><code>0</code><name>pending</name></instanceState>
<privateIpAddress>10.0.1.5</privateIpAddress><subnetId>subnet-1</subnetId><groupSet><item><groupId>sg-1</groupId></item></groupSet>
<placement><availabilityZone>us-east-1a</availabilityZone></placement>
<tagSet><item><key>Name</key><value>etcd-0</value></item></tagSet></item></instancesSet></RunInstancesResponse>)");
  Ec2 ec2(aws.client);
  RunInstancesInput in;
  in.image_id = "ami-1";
  in.instance_type = "m5.large";
  in.subnet_id = "subnet-1";
  in.security_group_ids = {"sg-1", "sg-2"};
  in.key_name = "me";
  in.user_data = "{\"ignition\":{}}";
  in.iam_instance_profile_name = "etcd-profile";
  in.block_devices = {{"/dev/xvda", 30, "gp3", true, "", true, 0}};
  in.client_token = "tok-1";
  in.instance_tags = {{"Name", "etcd-0"}};
  in.volume_tags = {{"Name", "etcd-0-root"}};
  auto res = ec2.RunInstances(in);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->id, "r-1");
  ASSERT_EQ(res->instances.size(), 1u);
  EXPECT_EQ(res->instances[0].id, "i-0123");
  EXPECT_EQ(res->instances[0].state, "pending");
  EXPECT_EQ(res->instances[0].availability_zone, "us-east-1a");
  EXPECT_EQ(res->instances[0].security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(res->instances[0].tags.at("Name"), "etcd-0");
  auto f = aws.Form();
  EXPECT_EQ(f["MinCount"], "1");
  EXPECT_EQ(f["MaxCount"], "1");
  EXPECT_EQ(f["SecurityGroupId.1"], "sg-1");
  EXPECT_EQ(f["SecurityGroupId.2"], "sg-2");
  EXPECT_EQ(f["UserData"], encoding::Base64Encode("{\"ignition\":{}}"));
  EXPECT_EQ(f["IamInstanceProfile.Name"], "etcd-profile");
  EXPECT_EQ(f["BlockDeviceMapping.1.DeviceName"], "/dev/xvda");
  EXPECT_EQ(f["BlockDeviceMapping.1.Ebs.VolumeSize"], "30");
  EXPECT_EQ(f["BlockDeviceMapping.1.Ebs.VolumeType"], "gp3");
  EXPECT_EQ(f["BlockDeviceMapping.1.Ebs.Encrypted"], "true");
  EXPECT_EQ(f["BlockDeviceMapping.1.Ebs.DeleteOnTermination"], "true");
  EXPECT_EQ(f.count("BlockDeviceMapping.1.Ebs.Iops"), 0u);
  EXPECT_EQ(f["MetadataOptions.HttpTokens"], "required");
  EXPECT_EQ(f["ClientToken"], "tok-1");
  EXPECT_EQ(f["TagSpecification.1.ResourceType"], "instance");
  EXPECT_EQ(f["TagSpecification.1.Tag.1.Value"], "etcd-0");
  EXPECT_EQ(f["TagSpecification.2.ResourceType"], "volume");
  EXPECT_EQ(f["TagSpecification.2.Tag.1.Value"], "etcd-0-root");
}

TEST(Ec2Test, CreateLaunchTemplateNestsDataUnderLaunchTemplateData) {
  FakeAws aws;
  aws.transport->Then(200, R"(<CreateLaunchTemplateResponse><launchTemplate>
<launchTemplateId>lt-1</launchTemplateId><launchTemplateName>master</launchTemplateName>
<defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>1</latestVersionNumber>
</launchTemplate></CreateLaunchTemplateResponse>)");
  Ec2 ec2(aws.client);
  CreateLaunchTemplateInput in;
  in.name = "master";
  in.image_id = "ami-1";
  in.security_group_ids = {"sg-1"};
  in.iam_instance_profile_arn = "arn:aws:iam::1:instance-profile/p";
  in.client_token = "lt-token";
  in.tags = {{"k", "v"}};
  in.instance_tags = {{"Name", "master"}};
  auto lt = ec2.CreateLaunchTemplate(in);
  ASSERT_TRUE(lt.ok()) << lt.status().ToString();
  EXPECT_EQ(lt->id, "lt-1");
  EXPECT_EQ(lt->latest_version, 1);
  EXPECT_EQ(lt->tags.at("k"), "v");
  auto f = aws.Form();
  EXPECT_EQ(f["LaunchTemplateName"], "master");
  EXPECT_EQ(f["ClientToken"], "lt-token");
  EXPECT_EQ(f["LaunchTemplateData.ImageId"], "ami-1");
  EXPECT_EQ(f["LaunchTemplateData.SecurityGroupId.1"], "sg-1");
  EXPECT_EQ(f["LaunchTemplateData.IamInstanceProfile.Arn"], "arn:aws:iam::1:instance-profile/p");
  EXPECT_EQ(f["LaunchTemplateData.MetadataOptions.HttpTokens"], "required");
  EXPECT_EQ(f["LaunchTemplateData.TagSpecification.1.ResourceType"], "instance");
  EXPECT_EQ(f["TagSpecification.1.ResourceType"], "launch-template");
}

TEST(Ec2Test, DescribeSubnetsFollowsNextTokenWithFilters) {
  FakeAws aws;
  aws.transport->Then(200,
                      R"(<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-1</subnetId>
<mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item></subnetSet><nextToken>p2</nextToken></DescribeSubnetsResponse>)");
  aws.transport->Then(200,
                      R"(<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-2</subnetId>
</item></subnetSet></DescribeSubnetsResponse>)");
  Ec2 ec2(aws.client);
  auto subnets =
      ec2.DescribeSubnets({{}, {TagFilter("tectonicClusterID", "u1"), {"vpc-id", {"vpc-1"}}}});
  ASSERT_TRUE(subnets.ok()) << subnets.status().ToString();
  ASSERT_EQ(subnets->size(), 2u);
  EXPECT_TRUE((*subnets)[0].map_public_ip_on_launch);
  EXPECT_EQ((*subnets)[1].id, "subnet-2");
  auto f = aws.Form();
  EXPECT_EQ(f["NextToken"], "p2");
  EXPECT_EQ(f["Filter.1.Name"], "tag:tectonicClusterID");
  EXPECT_EQ(f["Filter.1.Value.1"], "u1");
  EXPECT_EQ(f["Filter.2.Name"], "vpc-id");
  EXPECT_EQ(aws.transport->requests().size(), 2u);
}

TEST(Ec2Test, DescribeSecurityGroupsParsesRules) {
  FakeAws aws;
  aws.transport->Then(200, R"(<DescribeSecurityGroupsResponse><securityGroupInfo><item>
<groupId>sg-1</groupId><groupName>master</groupName><vpcId>vpc-1</vpcId>
<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>
<groups><item><groupId>sg-2</groupId><description>d</description></item></groups>
<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions>
<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
</item></securityGroupInfo></DescribeSecurityGroupsResponse>)");
  Ec2 ec2(aws.client);
  auto groups = ec2.DescribeSecurityGroups({{"sg-1"}, {}});
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 1u);
  const SecurityGroup& g = (*groups)[0];
  ASSERT_EQ(g.ingress.size(), 1u);
  EXPECT_EQ(g.ingress[0].from_port, 443);
  EXPECT_EQ(g.ingress[0].groups[0].group_id, "sg-2");
  EXPECT_EQ(g.ingress[0].ip_ranges[0].cidr, "0.0.0.0/0");
  ASSERT_EQ(g.egress.size(), 1u);
  EXPECT_EQ(g.egress[0].from_port, -1);
  EXPECT_EQ(aws.Form()["GroupId.1"], "sg-1");
}

TEST(Ec2Test, ModifyAttributesUseValueSuffix) {
  FakeAws aws;
  aws.transport->Then(200,
                      "<ModifyVpcAttributeResponse><return>true</return></"
                      "ModifyVpcAttributeResponse>");  // repeated
  Ec2 ec2(aws.client);
  ASSERT_TRUE(ec2.ModifyVpcAttribute("vpc-1", VpcAttribute::kEnableDnsHostnames, true).ok());
  EXPECT_EQ(aws.Form()["EnableDnsHostnames.Value"], "true");
  ASSERT_TRUE(ec2.ModifySubnetMapPublicIpOnLaunch("subnet-1", false).ok());
  EXPECT_EQ(aws.Form()["MapPublicIpOnLaunch.Value"], "false");
}

TEST(Ec2Test, ServiceErrorsComeBackWithTheAwsCode) {
  FakeAws aws;
  aws.transport->Then(
      400,
      "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code>"
      "<Message>nope</Message></Error></Errors><RequestID>rid</RequestID></Response>");
  Ec2 ec2(aws.client);
  auto vpcs = ec2.DescribeVpcs({{"vpc-404"}, {}});
  ASSERT_FALSE(vpcs.ok());
  EXPECT_EQ(vpcs.status().aws_code(), "InvalidVpcID.NotFound");
}

TEST(Ec2Test, GetConsoleOutputDecodesTheBase64Output) {
  FakeAws aws;
  // "boot ok\nlogin:" in base64.
  aws.transport->Then(200,
                      R"(<GetConsoleOutputResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r1</requestId><instanceId>i-0abc</instanceId><timestamp>2026-01-01T00:00:00.000Z</timestamp>
<output>Ym9vdCBvawpsb2dpbjo=</output></GetConsoleOutputResponse>)");
  auto out = Ec2(aws.client).GetConsoleOutput("i-0abc");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->instance_id, "i-0abc");
  EXPECT_EQ(out->timestamp, "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(out->output, "boot ok\nlogin:");
  auto f = aws.Form();
  EXPECT_EQ(f["Action"], "GetConsoleOutput");
  EXPECT_EQ(f["InstanceId"], "i-0abc");
}

TEST(Ec2Test, GetConsoleOutputBeforeAnythingWasPostedIsEmpty) {
  FakeAws aws;
  aws.transport->Then(200, R"(<GetConsoleOutputResponse><requestId>r1</requestId>
<instanceId>i-0abc</instanceId></GetConsoleOutputResponse>)");
  auto out = Ec2(aws.client).GetConsoleOutput("i-0abc");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->output, "");
}

}  // namespace
}  // namespace tectonic::aws
