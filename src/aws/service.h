// The AWS services tectonic talks to: protocol, API version, signing name, endpoint rules.
// Facts from botocore's service models (see ../shared/reference/aws-wire.md section 1.1).
#pragma once

#include <string_view>

namespace tectonic::aws {

enum class Protocol { kEc2, kQuery, kRestXml, kJson };

struct Service {
  std::string_view id;            // our key and the endpoint prefix: "ec2", "iam", ...
  std::string_view signing_name;  // SigV4 service in the credential scope
  std::string_view env_suffix;    // AWS_ENDPOINT_URL_<suffix>, the SDKs' convention
  std::string_view api_version;   // "2016-11-15"
  Protocol protocol;
  bool global;                     // one endpoint for all regions, signed as us-east-1
  std::string_view json_target;    // X-Amz-Target prefix for JSON services ("TrentService")
  std::string_view xml_namespace;  // response namespace for XML services
};

namespace services {
extern const Service kEc2;
extern const Service kElbv2;
extern const Service kAutoScaling;
extern const Service kIam;
extern const Service kSts;
extern const Service kRoute53;
extern const Service kKms;
extern const Service kS3;
extern const Service kTagging;
extern const Service kServiceQuotas;
extern const Service kCloudFormation;
}  // namespace services

}  // namespace tectonic::aws
