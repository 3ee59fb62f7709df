#include "aws/service.h"

namespace tectonic::aws::services {

const Service kEc2{"ec2",          "ec2", "EC2", "2016-11-15",
                   Protocol::kEc2, false, "",    "http://ec2.amazonaws.com/doc/2016-11-15/"};
const Service kElbv2{"elasticloadbalancing",
                     "elasticloadbalancing",
                     "ELASTIC_LOAD_BALANCING_V2",
                     "2015-12-01",
                     Protocol::kQuery,
                     false,
                     "",
                     "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"};
const Service kAutoScaling{"autoscaling",
                           "autoscaling",
                           "AUTO_SCALING",
                           "2011-01-01",
                           Protocol::kQuery,
                           false,
                           "",
                           "http://autoscaling.amazonaws.com/doc/2011-01-01/"};
const Service kIam{"iam",
                   "iam",
                   "IAM",
                   "2010-05-08",
                   Protocol::kQuery,
                   true,
                   "",
                   "https://iam.amazonaws.com/doc/2010-05-08/"};
const Service kSts{"sts",
                   "sts",
                   "STS",
                   "2011-06-15",
                   Protocol::kQuery,
                   false,
                   "",
                   "https://sts.amazonaws.com/doc/2011-06-15/"};
const Service kRoute53{
    "route53",          "route53", "ROUTE_53", "2013-04-01",
    Protocol::kRestXml, true,      "",         "https://route53.amazonaws.com/doc/2013-04-01/"};
const Service kKms{"kms", "kms", "KMS", "2014-11-01", Protocol::kJson, false, "TrentService", ""};
const Service kS3{"s3",
                  "s3",
                  "S3",
                  "2006-03-01",
                  Protocol::kRestXml,
                  false,
                  "",
                  "http://s3.amazonaws.com/doc/2006-03-01/"};
const Service kTagging{
    "tagging",       "tagging", "RESOURCE_GROUPS_TAGGING_API",       "2017-01-26",
    Protocol::kJson, false,     "ResourceGroupsTaggingAPI_20170126", ""};
const Service kServiceQuotas{
    "servicequotas", "servicequotas", "SERVICE_QUOTAS",         "2019-06-24",
    Protocol::kJson, false,           "ServiceQuotasV20190624", ""};
const Service kCloudFormation{"cloudformation",
                              "cloudformation",
                              "CLOUDFORMATION",
                              "2010-05-15",
                              Protocol::kQuery,
                              false,
                              "",
                              "http://cloudformation.amazonaws.com/doc/2010-05-15/"};

}  // namespace tectonic::aws::services
