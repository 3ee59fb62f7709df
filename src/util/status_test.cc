#include "util/status.h"

#include <gtest/gtest.h>

#include "util/result.h"

namespace tectonic {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidInput("odd number");
  return n / 2;
}

Result<int> Quarter(int n) {
  TECTONIC_ASSIGN_OR_RETURN(int half, Half(n));
  return Half(half);
}

TEST(StatusTest, OkByDefault) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "Ok");
}

TEST(StatusTest, CarriesAwsDetails) {
  Status s = Status::NotFound("no such vpc");
  s.WithAws("InvalidVpcID.NotFound", 400, "req-1").Prepend("creating subnet");
  EXPECT_EQ(
      s.ToString(),
      "NotFound: creating subnet: no such vpc [InvalidVpcID.NotFound, HTTP 400, request id req-1]");
}

TEST(StatusTest, RetryableKinds) {
  EXPECT_TRUE(Status::Throttled("x").IsRetryable());
  EXPECT_TRUE(Status::NotYetConsistent("x").IsRetryable());
  EXPECT_FALSE(Status::InvalidInput("x").IsRetryable());
  EXPECT_FALSE(Status::PermissionDenied("x").IsRetryable());
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_EQ(Quarter(6).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(Quarter(3).status().message(), "odd number");
}

}  // namespace
}  // namespace tectonic
