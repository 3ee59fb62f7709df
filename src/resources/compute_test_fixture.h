// Test support for the compute handlers: the network fixture (one moto_server per binary,
// the real AwsClient, a boto3 judge) with the compute and platform kinds registered too, and
// a helper that builds a small VPC (two public subnets, an attached internet gateway) through
// the typed EC2 client.
#pragma once

#include <string>
#include <vector>

#include "resources/network_test_fixture.h"

namespace tectonic::resources {

class ComputeMotoTest : public NetworkMotoTest {
 protected:
  static void SetUpTestSuite();

  struct Network {
    std::string vpc_id;
    std::vector<std::string> subnet_ids;
    std::string igw_id;
  };
  // A VPC 10.<octet>.0.0/16 with subnets in us-east-1a/b, tagged with this test's cluster.
  Network MakeNetwork(int octet, bool owned_tags = true);
  // Runs boto3 with any client: `expression` may use ec2, elbv2, asg, iam, s3, kms, r53.
  nlohmann::json Boto(const std::string& expression);
};

}  // namespace tectonic::resources
