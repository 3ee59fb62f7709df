// Fuzz target: an AWS answer, as the typed clients read it. The first byte picks the call and
// the HTTP status (2xx, 4xx, 5xx); the rest is the response body, parsed exactly as a real
// answer is (EC2/Query XML, REST-XML, JSON 1.1, and the error bodies of each protocol).
#include <cstdint>
#include <memory>
#include <string>

#include "aws/autoscaling.h"
#include "aws/ec2.h"
#include "aws/elbv2.h"
#include "aws/fake_transport.h"
#include "aws/iam.h"
#include "aws/kms.h"
#include "aws/route53.h"
#include "aws/s3.h"
#include "aws/sts.h"
#include "aws/tagging.h"

namespace {

using namespace tectonic::aws;  // NOLINT: a fuzz entry point, one function

const auto kStart = std::chrono::system_clock::from_time_t(1700000000);

void Call(int which, AwsClient& client) {
  Ec2 ec2(client);
  switch (which) {
    case 0:
      (void)ec2.DescribeInstances();
      break;
    case 1:
      (void)ec2.DescribeVpcs();
      break;
    case 2:
      (void)ec2.DescribeSubnets();
      break;
    case 3:
      (void)ec2.DescribeRouteTables();
      break;
    case 4:
      (void)ec2.DescribeSecurityGroups();
      break;
    case 5:
      (void)ec2.DescribeNatGateways();
      break;
    case 6:
      (void)ec2.DescribeLaunchTemplates();
      break;
    case 7:
      (void)ec2.GetConsoleOutput("i-0123456789abcdef0");
      break;
    case 8:
      (void)Elbv2(client).DescribeLoadBalancers();
      break;
    case 9:
      (void)Elbv2(client).DescribeTargetHealth("arn:aws:elasticloadbalancing:tg");
      break;
    case 10:
      (void)AutoScaling(client).DescribeAutoScalingGroups();
      break;
    case 11:
      (void)Iam(client).GetRole("r");
      break;
    case 12:
      (void)Iam(client).ListInstanceProfilesForRole("r");
      break;
    case 13:
      (void)Sts(client).GetCallerIdentity();
      break;
    case 14:
      (void)Route53(client).ListHostedZones();
      break;
    case 15:
      (void)Route53(client).ListResourceRecordSets("Z1");
      break;
    case 16:
      (void)S3(client).ListObjectsV2("b");
      break;
    case 17:
      (void)S3(client).GetBucketTagging("b");
      break;
    case 18:
      (void)Kms(client).DescribeKey("alias/k");
      break;
    case 19:
      (void)Kms(client).ListAliases();
      break;
    default:
      (void)Tagging(client).GetResources({});
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const int kStatuses[] = {200, 200, 200, 400, 403, 404, 500, 503};
  int which = data[0] % 21;
  int status = kStatuses[(data[0] / 21) % 8];
  auto transport = std::make_shared<FakeTransport>();
  transport->Then(status, std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  tectonic::FakeClock clock(kStart);
  RetryOptions retry;
  retry.max_attempts = 1;  // one answer per input; retries would replay the same bytes
  AwsClient client(transport,
                   std::make_shared<StaticCredentialsProvider>(
                       Credentials{"AKIDFUZZ", "secret-for-fuzzing", "", std::nullopt, "fuzz"}),
                   EndpointResolver("us-east-1", "", {}), clock, retry);
  Call(which, client);
  return 0;
}
