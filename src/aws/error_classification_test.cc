#include "aws/error_classification.h"

#include <gtest/gtest.h>

namespace tectonic::aws {
namespace {

TEST(ParseAwsError, Ec2Shape) {
  HttpResponse r{400,
                 {},
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
                 "<Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1' does "
                 "not exist</Message></Error></Errors><RequestID>abc</RequestID>"
                 "</Response>"};
  AwsError e = ParseAwsError(Protocol::kEc2, r);
  EXPECT_EQ(e.code, "InvalidVpcID.NotFound");
  EXPECT_EQ(e.message, "The vpc ID 'vpc-1' does not exist");
  EXPECT_EQ(e.request_id, "abc");
  EXPECT_EQ(e.http_status, 400);
}

TEST(ParseAwsError, MixedShapeFromEmulators) {
  HttpResponse r{401,
                 {{"x-amzn-requestid", "m1"}},
                 "<?xml version=\"1.0\"?><ErrorResponse><Errors><Error><Code>AuthFailure</Code>"
                 "<Message>not valid</Message><Type>Sender</Type></Error></Errors>"
                 "</ErrorResponse>"};
  AwsError e = ParseAwsError(Protocol::kEc2, r);
  EXPECT_EQ(e.code, "AuthFailure");
  EXPECT_EQ(e.message, "not valid");
  EXPECT_EQ(e.request_id, "m1");
  EXPECT_EQ(ClassifyAwsError("401", 401), StatusCode::kPermissionDenied);
}

TEST(ParseAwsError, QueryShape) {
  HttpResponse r{404,
                 {},
                 "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                 "<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role "
                 "with name x cannot be found.</Message></Error><RequestId>r-1"
                 "</RequestId></ErrorResponse>"};
  AwsError e = ParseAwsError(Protocol::kQuery, r);
  EXPECT_EQ(e.code, "NoSuchEntity");
  EXPECT_EQ(e.request_id, "r-1");
  EXPECT_EQ(ClassifyAwsError(e.code, e.http_status), StatusCode::kNotFound);
}

TEST(ParseAwsError, Route53InvalidChangeBatch) {
  HttpResponse r{400,
                 {},
                 "<InvalidChangeBatch xmlns=\"https://route53.amazonaws.com/doc/"
                 "2013-04-01/\"><Messages><Message>first</Message><Message>second"
                 "</Message></Messages><RequestId>q</RequestId></InvalidChangeBatch>"};
  AwsError e = ParseAwsError(Protocol::kRestXml, r);
  EXPECT_EQ(e.code, "InvalidChangeBatch");
  EXPECT_EQ(e.message, "first; second");
  EXPECT_EQ(e.request_id, "q");
  EXPECT_EQ(ClassifyAwsError(e.code, 400), StatusCode::kFailed);
}

TEST(ParseAwsError, S3ShapeAndHeadWithoutBody) {
  HttpResponse r{409,
                 {},
                 "<Error><Code>BucketNotEmpty</Code><Message>not empty</Message>"
                 "<BucketName>b</BucketName><RequestId>S3ID</RequestId></Error>"};
  AwsError e = ParseAwsError(Protocol::kRestXml, r);
  EXPECT_EQ(e.code, "BucketNotEmpty");
  EXPECT_EQ(e.request_id, "S3ID");
  EXPECT_EQ(ClassifyAwsError(e.code, 409), StatusCode::kDependency);

  HttpResponse head{404, {{"x-amz-request-id", "HID"}}, ""};
  AwsError h = ParseAwsError(Protocol::kRestXml, head);
  EXPECT_EQ(h.code, "404");
  EXPECT_EQ(h.request_id, "HID");
  EXPECT_EQ(ClassifyAwsError(h.code, 404), StatusCode::kNotFound);
  HttpResponse denied{403, {}, ""};
  AwsError d = ParseAwsError(Protocol::kRestXml, denied);
  EXPECT_EQ(ClassifyAwsError(d.code, 403), StatusCode::kPermissionDenied);
}

TEST(ParseAwsError, JsonTypePrefixesAndMessageCase) {
  HttpResponse r{400,
                 {{"x-amzn-RequestId", "jr"}},
                 R"({"__type":"com.amazonaws.kms#NotFoundException","message":"gone"})"};
  AwsError e = ParseAwsError(Protocol::kJson, r);
  EXPECT_EQ(e.code, "NotFoundException");
  EXPECT_EQ(e.message, "gone");
  EXPECT_EQ(e.request_id, "jr");
  HttpResponse colon{400, {}, R"({"__type":"ThrottlingException:http://x/","Message":"slow"})"};
  AwsError c = ParseAwsError(Protocol::kJson, colon);
  EXPECT_EQ(c.code, "ThrottlingException");
  EXPECT_EQ(c.message, "slow");
}

TEST(ParseAwsError, XmlErrorFromAJsonServiceIsStillRead) {
  // moto's IAM enforcement answers a denied KMS (JSON protocol) call in the Query XML shape.
  HttpResponse r{403,
                 {},
                 "<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:"
                 "user/u is not authorized to perform: kms:CreateKey</Message></Error>"
                 "<RequestId>x1</RequestId></ErrorResponse>"};
  AwsError e = ParseAwsError(Protocol::kJson, r);
  EXPECT_EQ(e.code, "AccessDenied");
  EXPECT_NE(e.message.find("kms:CreateKey"), std::string::npos) << e.message;
  EXPECT_EQ(e.request_id, "x1");
}

TEST(ParseAwsError, GarbageBodyFallsBackToStatus) {
  AwsError e = ParseAwsError(Protocol::kQuery, HttpResponse{502, {}, "<html>bad gateway"});
  EXPECT_EQ(e.code, "502");
  EXPECT_EQ(ClassifyAwsError(e.code, 502), StatusCode::kTransient);
}

struct Case {
  const char* code;
  int http;
  StatusCode want;
};

TEST(ClassifyAwsError, Table) {
  const Case cases[] = {
      {"Throttling", 400, StatusCode::kThrottled},
      {"ThrottlingException", 400, StatusCode::kThrottled},
      {"RequestLimitExceeded", 503, StatusCode::kThrottled},
      {"SlowDown", 503, StatusCode::kThrottled},
      {"EC2ThrottledException", 503, StatusCode::kThrottled},
      {"TooManyRequestsException", 400, StatusCode::kThrottled},
      {"LimitExceededException", 400, StatusCode::kThrottled},
      {"PriorRequestNotComplete", 400, StatusCode::kTransient},
      {"RequestTimeout", 400, StatusCode::kTransient},
      {"InternalError", 500, StatusCode::kTransient},
      {"ServiceUnavailable", 503, StatusCode::kTransient},
      {"Whatever", 504, StatusCode::kTransient},
      {"InvalidVpcID.NotFound", 400, StatusCode::kNotFound},
      {"NoSuchEntity", 404, StatusCode::kNotFound},
      {"NoSuchBucket", 404, StatusCode::kNotFound},
      {"LoadBalancerNotFound", 400, StatusCode::kNotFound},
      {"NotFoundException", 400, StatusCode::kNotFound},
      {"InvalidLaunchTemplateName.NotFoundException", 400, StatusCode::kNotFound},
      {"EntityAlreadyExists", 409, StatusCode::kAlreadyExists},
      {"AlreadyExistsException", 400, StatusCode::kAlreadyExists},
      {"BucketAlreadyOwnedByYou", 409, StatusCode::kAlreadyExists},
      {"DuplicateLoadBalancerName", 400, StatusCode::kAlreadyExists},
      {"InvalidGroup.Duplicate", 400, StatusCode::kAlreadyExists},
      {"InvalidPermission.Duplicate", 400, StatusCode::kAlreadyExists},
      {"RouteAlreadyExists", 400, StatusCode::kAlreadyExists},
      {"HostedZoneAlreadyExists", 409, StatusCode::kAlreadyExists},
      {"DependencyViolation", 400, StatusCode::kDependency},
      {"ResourceInUse", 400, StatusCode::kDependency},
      {"DeleteConflict", 409, StatusCode::kDependency},
      {"HostedZoneNotEmpty", 400, StatusCode::kDependency},
      {"InvalidNetworkInterface.InUse", 400, StatusCode::kDependency},
      {"AccessDenied", 403, StatusCode::kPermissionDenied},
      {"UnauthorizedOperation", 403, StatusCode::kPermissionDenied},
      {"AuthFailure", 401, StatusCode::kPermissionDenied},
      {"InvalidClientTokenId", 403, StatusCode::kPermissionDenied},
      {"SignatureDoesNotMatch", 403, StatusCode::kPermissionDenied},
      {"ExpiredToken", 400, StatusCode::kPermissionDenied},
      {"ExpiredTokenException", 400, StatusCode::kPermissionDenied},
      {"InvalidAccessKeyId", 403, StatusCode::kPermissionDenied},
      {"MissingAuthenticationToken", 403, StatusCode::kPermissionDenied},
      {"ValidationError", 400, StatusCode::kFailed},
      {"InvalidParameterValue", 400, StatusCode::kFailed},
      {"LimitExceeded", 409, StatusCode::kFailed},
      {"InvalidChangeBatch", 400, StatusCode::kFailed},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyAwsError(c.code, c.http), c.want) << c.code;
  }
}

TEST(AwsErrorStatus, MessageAndDetails) {
  AwsError e{"DependencyViolation", "The vpc 'vpc-1' has dependencies", "rid", 400};
  Status s = AwsErrorStatus(ops::kEc2DeleteVpc, e);
  EXPECT_EQ(s.code(), StatusCode::kDependency);
  EXPECT_EQ(s.message(), "ec2:DeleteVpc: The vpc 'vpc-1' has dependencies");
  EXPECT_EQ(s.aws_code(), "DependencyViolation");
  EXPECT_EQ(s.http_status(), 400);
  EXPECT_EQ(s.request_id(), "rid");
}

TEST(AwsErrorStatus, InstanceProfileNotPropagatedIsNotYetConsistent) {
  AwsError run{"InvalidParameterValue",
               "Value (demo-etcd-profile) for parameter iamInstanceProfile.name is invalid. "
               "Invalid IAM Instance Profile name",
               "rid", 400};
  EXPECT_EQ(AwsErrorStatus(ops::kEc2RunInstances, run).code(), StatusCode::kNotYetConsistent);
  AwsError asg{"ValidationError",
               "You must use a valid fully-formed launch template. Value (p) for parameter "
               "iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name",
               "rid", 400};
  EXPECT_EQ(AwsErrorStatus(ops::kAutoScalingCreateAutoScalingGroup, asg).code(),
            StatusCode::kNotYetConsistent);
  AwsError lc{"ValidationError", "Invalid IamInstanceProfile: p", "rid", 400};
  EXPECT_TRUE(IsInstanceProfilePropagation(lc));
  // Another invalid parameter stays a final error.
  AwsError type{"InvalidParameterValue", "Invalid value 'x1' for InstanceType.", "rid", 400};
  EXPECT_EQ(AwsErrorStatus(ops::kEc2RunInstances, type).code(), StatusCode::kFailed);
}

TEST(AwsErrorStatus, ExpiredTokenSaysToRefreshCredentials) {
  AwsError e{"ExpiredToken", "The security token included in the request is expired", "rid", 400};
  Status s = AwsErrorStatus(ops::kEc2DeleteVpc, e);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("refresh your credentials"), std::string::npos) << s.message();
  AwsError other{"AccessDenied", "no", "rid", 403};
  EXPECT_EQ(AwsErrorStatus(ops::kEc2DeleteVpc, other).message().find("refresh"), std::string::npos);
}

TEST(ClockSkew, Detection) {
  EXPECT_TRUE(IsClockSkewError({"RequestTimeTooSkewed", "", "", 403}));
  EXPECT_TRUE(IsClockSkewError({"RequestExpired", "", "", 400}));
  EXPECT_TRUE(IsClockSkewError({"InvalidSignatureException", "Signature expired: 2015", "", 400}));
  EXPECT_FALSE(IsClockSkewError({"SignatureDoesNotMatch", "wrong", "", 403}));
}

}  // namespace
}  // namespace tectonic::aws
