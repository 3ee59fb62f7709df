#include "sigv4_verify.h"

#include <gtest/gtest.h>

namespace awsim {
namespace {

const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

TEST(SigV4, OfficialGetVanilla) {
  std::map<std::string, std::vector<std::string>> headers = {{"host", {"example.amazonaws.com"}},
                                                             {"x-amz-date", {"20150830T123600Z"}}};
  std::string creq =
      CanonicalRequest("GET", "/", "", headers, {"host", "x-amz-date"}, false, Sha256Hex(""));
  EXPECT_EQ(creq,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-"
            "date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ComputeSignature(kSecret, "20150830T123600Z", "us-east-1", "service", creq),
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4, OfficialPostForm) {
  std::map<std::string, std::vector<std::string>> headers = {
      {"content-type", {"application/x-www-form-urlencoded"}},
      {"host", {"example.amazonaws.com"}},
      {"x-amz-date", {"20150830T123600Z"}}};
  std::string creq =
      CanonicalRequest("POST", "/", "", headers, {"content-type", "host", "x-amz-date"}, false,
                       Sha256Hex("Param1=value1"));
  EXPECT_EQ(ComputeSignature(kSecret, "20150830T123600Z", "us-east-1", "service", creq),
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST(SigV4, Ec2ShapedVector) {
  std::map<std::string, std::vector<std::string>> headers = {
      {"content-type", {"application/x-www-form-urlencoded; charset=utf-8"}},
      {"host", {"ec2.us-east-1.amazonaws.com"}},
      {"x-amz-date", {"20150830T123600Z"}}};
  std::string creq =
      CanonicalRequest("POST", "/", "", headers, {"content-type", "host", "x-amz-date"}, false,
                       Sha256Hex("Action=DescribeVpcs&Version=2016-11-15"));
  EXPECT_EQ(ComputeSignature(kSecret, "20150830T123600Z", "us-east-1", "ec2", creq),
            "7f0432136f620601715677054e2ac229e86f8a9202ca30d233af7d9cf877375f");
}

TEST(SigV4, CanonicalQuerySortsAndEncodes) {
  EXPECT_EQ(CanonicalQuery("prefix=a%20b&list-type=2"), "list-type=2&prefix=a%20b");
  EXPECT_EQ(CanonicalQuery("b=2&a=&c"), "a=&b=2&c=");
}

TEST(SigV4, ParseAuthorization) {
  std::string reason;
  auto a = ParseAuthorization(
      "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ec2/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=abc",
      &reason);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->access_key, "AKID");
  EXPECT_EQ(a->service, "ec2");
  EXPECT_EQ(a->signed_headers.size(), 2u);
  EXPECT_FALSE(ParseAuthorization("AWS4-HMAC-SHA256 Credential=x", &reason).has_value());
}

}  // namespace
}  // namespace awsim
