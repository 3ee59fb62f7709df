#include "resources/compute_test_fixture.h"

#include "aws/ec2.h"
#include "tests/support/process.h"

namespace tectonic::resources {

void ComputeMotoTest::SetUpTestSuite() {
  NetworkMotoTest::SetUpTestSuite();
  if (session_ == nullptr) return;
  RegisterComputeHandlers(*registry_, *session_->client, *store_);
  RegisterPlatformHandlers(*registry_, *session_->client, *store_);
}

ComputeMotoTest::Network ComputeMotoTest::MakeNetwork(int octet, bool owned_tags) {
  aws::Ec2 ec2(*session_->client);
  aws::Tags tags;
  if (owned_tags) {
    tags = {{"tectonicClusterID", identity_.cluster_id},
            {"kubernetes.io/cluster/" + identity_.cluster_id, "owned"}};
  }
  Network net;
  std::string prefix = "10." + std::to_string(octet) + ".";
  auto vpc = ec2.CreateVpc({prefix + "0.0/16", tags});
  EXPECT_TRUE(vpc.ok()) << vpc.status().ToString();
  if (!vpc.ok()) return net;
  net.vpc_id = vpc->id;
  int third = 0;
  for (const char* zone : {"us-east-1a", "us-east-1b"}) {
    auto subnet =
        ec2.CreateSubnet({net.vpc_id, prefix + std::to_string(third++) + ".0/24", zone, tags});
    EXPECT_TRUE(subnet.ok()) << subnet.status().ToString();
    if (subnet.ok()) net.subnet_ids.push_back(subnet->id);
  }
  auto igw = ec2.CreateInternetGateway(tags);
  EXPECT_TRUE(igw.ok()) << igw.status().ToString();
  if (!igw.ok()) return net;
  net.igw_id = igw->id;
  Status attached = ec2.AttachInternetGateway(net.igw_id, net.vpc_id);
  EXPECT_TRUE(attached.ok()) << attached.ToString();
  return net;
}

nlohmann::json ComputeMotoTest::Boto(const std::string& expression) {
  std::string program =
      "import boto3, json, base64\n"
      "ec2 = boto3.client('ec2')\n"
      "elbv2 = boto3.client('elbv2')\n"
      "asg = boto3.client('autoscaling')\n"
      "iam = boto3.client('iam')\n"
      "s3 = boto3.client('s3')\n"
      "kms = boto3.client('kms')\n"
      "r53 = boto3.client('route53')\n"
      "print(json.dumps(" +
      expression + ", default=str))\n";
  testing::ProcessOptions options;
  options.env_set = testing::EmulatorEnv(moto_->url(), home_->path());
  auto result = testing::RunProcess({"python3", "-c", program}, options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  if (result.exit_code != 0) return nullptr;
  return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
}

}  // namespace tectonic::resources
