#include "aws/sigv4.h"

#include <gtest/gtest.h>

namespace tectonic::aws {
namespace {

// The common inputs of the AWS SigV4 test suite (aws-wire.md 3.2).
const Credentials kCreds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "",
                         std::nullopt, "test"};
const std::string kStsToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmx"
    "fpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0K"
    "PkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZb"
    "qBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

std::chrono::system_clock::time_point TestTime() {
  // 2015-08-30T12:36:00Z
  return std::chrono::system_clock::from_time_t(1440938160);
}

SigningParams Params(std::string service = "service", std::string region = "us-east-1",
                     bool s3 = false) {
  return SigningParams{std::move(region), std::move(service), TestTime(), s3};
}

TEST(SigV4, FormatsAmzDate) { EXPECT_EQ(FormatAmzDate(TestTime()), "20150830T123600Z"); }

TEST(SigV4, GetVanilla) {
  HttpRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
  SigV4Signer signer;
  SigningResult s = signer.Sign(r, kCreds, Params());
  EXPECT_EQ(s.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-"
            "date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(s.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4, SigningKeyIntermediates) {
  std::string k = HmacSha256("AWS4" + kCreds.secret_access_key, "20150830");
  EXPECT_EQ(HexEncode(k), "0138c7a6cbd60aa727b2f653a522567439dfb9f3e72b21f9b25941a42f04a7cd");
  k = HmacSha256(HmacSha256(HmacSha256(k, "us-east-1"), "service"), "aws4_request");
  EXPECT_EQ(HexEncode(k), "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
}

TEST(SigV4, PostFormUrlencoded) {
  HttpRequest r{"POST",
                "https://example.amazonaws.com/",
                {{"Content-Type", "application/x-www-form-urlencoded"}},
                "Param1=value1"};
  SigV4Signer signer;
  SigningResult s = signer.Sign(r, kCreds, Params());
  EXPECT_EQ(s.signed_headers, "content-type;host;x-amz-date");
  EXPECT_EQ(s.signature, "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  EXPECT_EQ(Sha256Hex("Param1=value1"),
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
}

TEST(SigV4, PostFormUrlencodedParameters) {
  HttpRequest r{"POST",
                "https://example.amazonaws.com/",
                {{"Content-Type", "application/x-www-form-urlencoded; charset=utf8"}},
                "Param1=value1"};
  SigV4Signer signer;
  EXPECT_EQ(signer.Sign(r, kCreds, Params()).signature,
            "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe");
}

TEST(SigV4, PostStsHeaderBeforeSignsTheToken) {
  HttpRequest r{"POST", "https://example.amazonaws.com/", {}, ""};
  Credentials creds = kCreds;
  creds.session_token = kStsToken;
  SigV4Signer signer;
  SigningResult s = signer.Sign(r, creds, Params());
  EXPECT_EQ(s.signed_headers, "host;x-amz-date;x-amz-security-token");
  EXPECT_EQ(s.signature, "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
  bool has_token = false;
  for (const auto& [k, v] : r.headers) has_token |= (k == "X-Amz-Security-Token" && v == kStsToken);
  EXPECT_TRUE(has_token);
}

TEST(SigV4, GetVanillaWithSessionToken) {
  HttpRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
  Credentials creds = kCreds;
  creds.session_token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
  SigV4Signer signer;
  EXPECT_EQ(signer.Sign(r, creds, Params()).signature,
            "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
}

TEST(SigV4, HeaderValueTrimAndDuplicateKeys) {
  HttpRequest r{"GET",
                "https://example.amazonaws.com/",
                {{"My-Header1", " value1"}, {"My-Header1", "value2"}, {"My-Header2", "a   b   c "}},
                ""};
  std::string signed_headers;
  r.headers.emplace_back("X-Amz-Date", "20150830T123600Z");
  std::string creq = CanonicalRequest(r, false, &signed_headers);
  EXPECT_NE(creq.find("my-header1:value1,value2\nmy-header2:a b c\n"), std::string::npos) << creq;
  EXPECT_EQ(signed_headers, "host;my-header1;my-header2;x-amz-date");
}

TEST(SigV4, QueryIsSortedAndEncoded) {
  HttpRequest r{"GET", "https://example.amazonaws.com/?Param2=value2&Param1=value%201&b", {}, ""};
  r.headers.emplace_back("X-Amz-Date", "20150830T123600Z");
  std::string signed_headers;
  std::string creq = CanonicalRequest(r, false, &signed_headers);
  EXPECT_NE(creq.find("\nParam1=value%201&Param2=value2&b=\n"), std::string::npos) << creq;
}

TEST(SigV4, NonS3PathsAreNormalisedAndEncodedTwiceS3PathsNot) {
  HttpRequest r{"GET", "https://example.amazonaws.com/a/./b/../c//d%20e", {}, ""};
  r.headers.emplace_back("X-Amz-Date", "20150830T123600Z");
  std::string sh;
  EXPECT_TRUE(CanonicalRequest(r, false, &sh).starts_with("GET\n/a/c/d%2520e\n"));
  EXPECT_TRUE(CanonicalRequest(r, true, &sh).starts_with("GET\n/a/./b/../c//d%20e\n"));
}

// Service-shaped vectors derived with botocore and a second implementation [V].
TEST(SigV4, Ec2Vector) {
  HttpRequest r{"POST",
                "https://ec2.us-east-1.amazonaws.com/",
                {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                "Action=DescribeVpcs&Version=2016-11-15"};
  SigV4Signer signer;
  EXPECT_EQ(signer.Sign(r, kCreds, Params("ec2")).signature,
            "7f0432136f620601715677054e2ac229e86f8a9202ca30d233af7d9cf877375f");
}

TEST(SigV4, KmsVector) {
  HttpRequest r{
      "POST",
      "https://kms.us-east-1.amazonaws.com/",
      {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "TrentService.CreateKey"}},
      "{}"};
  SigV4Signer signer;
  SigningResult s = signer.Sign(r, kCreds, Params("kms"));
  EXPECT_EQ(s.signed_headers, "content-type;host;x-amz-date;x-amz-target");
  EXPECT_EQ(s.signature, "34be4ca6508ba1a4d4a8b57e4d16d980b5c455fc2da2f00847555280d81260d4");
}

TEST(SigV4, S3Vector) {
  HttpRequest r{
      "GET", "https://s3.us-east-1.amazonaws.com/my-bucket?list-type=2&prefix=a%20b", {}, ""};
  SigV4Signer signer;
  SigningResult s = signer.Sign(r, kCreds, Params("s3", "us-east-1", true));
  EXPECT_EQ(s.signed_headers, "host;x-amz-content-sha256;x-amz-date");
  EXPECT_EQ(s.signature, "aebf77cd21942a98ece94c447745968f1515704f3229b94ab2fc20167825568f");
}

TEST(SigV4, IamWithTokenVector) {
  HttpRequest r{"POST",
                "https://iam.amazonaws.com/",
                {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                "Action=GetUser&Version=2010-05-08"};
  Credentials creds = kCreds;
  creds.session_token = "SESSIONTOKENEXAMPLE";
  SigV4Signer signer;
  EXPECT_EQ(signer.Sign(r, creds, Params("iam")).signature,
            "db2592c456dfd7f4a9eb921d68200aeb8fd97eb596e46892ab1804ac6b8fbc6b");
}

TEST(SigV4, ResigningReplacesOldHeadersAndCachedKeyMatches) {
  HttpRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
  SigV4Signer signer;
  signer.Sign(r, kCreds, Params());
  SigningResult again = signer.Sign(r, kCreds, Params());  // cached key, headers replaced
  EXPECT_EQ(again.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  int auth = 0;
  for (const auto& h : r.headers) auth += h.first == "Authorization";
  EXPECT_EQ(auth, 1);
}

TEST(SigV4, UriEncodeAndDecode) {
  EXPECT_EQ(UriEncode("a b+c/d~é", false), "a%20b%2Bc%2Fd~%C3%A9");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriDecode("a%20b+c"), "a b+c");
  EXPECT_EQ(UriDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(UriDecode("100%"), "100%");
}

}  // namespace
}  // namespace tectonic::aws
