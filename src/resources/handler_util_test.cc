#include "resources/handler_util.h"

#include <gtest/gtest.h>

#include "aws/ec2.h"

namespace tectonic::resources {
namespace {

Status AwsStatus(StatusCode code, std::string aws_code) {
  Status s(code, "ec2:Op: boom");
  s.WithAws(std::move(aws_code), 400, "req-1");
  return s;
}

TEST(HandlerUtilTest, ClassifyDeleteMapsAbsentToOkAndConflictsToDependency) {
  EXPECT_TRUE(ClassifyDelete(AwsStatus(StatusCode::kNotFound, "InvalidVpcID.NotFound")).ok());
  Status dep = ClassifyDelete(AwsStatus(StatusCode::kFailed, "DependencyViolation"));
  EXPECT_EQ(dep.code(), StatusCode::kDependency);
  EXPECT_EQ(dep.aws_code(), "DependencyViolation");
  EXPECT_EQ(dep.request_id(), "req-1");
  Status other = ClassifyDelete(AwsStatus(StatusCode::kPermissionDenied, "UnauthorizedOperation"));
  EXPECT_EQ(other.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(ClassifyDelete(Status::Ok()).ok());
}

TEST(HandlerUtilTest, NotFoundBecomesNotYetConsistentKeepingAwsCode) {
  Status s =
      NotFoundIsNotYetConsistent(AwsStatus(StatusCode::kNotFound, "InvalidSubnetID.NotFound"));
  EXPECT_EQ(s.code(), StatusCode::kNotYetConsistent);
  EXPECT_EQ(s.aws_code(), "InvalidSubnetID.NotFound");
  EXPECT_EQ(NotFoundIsNotYetConsistent(Status::Throttled("x")).code(), StatusCode::kThrottled);
  EXPECT_TRUE(AbsentIsOk(Status::NotFound("gone")).ok());
  EXPECT_EQ(AbsentIsOk(Status::Internal("x")).code(), StatusCode::kInternal);
}

TEST(HandlerUtilTest, PropsReaders) {
  nlohmann::json props = {{"cidr", "10.0.0.0/16"}, {"flag", true}, {"n", 7}, {"empty", ""}};
  EXPECT_EQ(RequiredString(props, "cidr").value(), "10.0.0.0/16");
  EXPECT_EQ(RequiredString(props, "missing").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(RequiredString(props, "empty").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(RequiredString(props, "flag").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(StringOr(props, "missing", "d"), "d");
  EXPECT_TRUE(BoolOr(props, "flag", false));
  EXPECT_FALSE(BoolOr(props, "cidr", false));
  EXPECT_EQ(IntOr(props, "n", 0), 7);
  EXPECT_EQ(IntOr(props, "flag", 3), 3);
}

TEST(HandlerUtilTest, TagsPreferPropsAndOwnershipNeedsBothTags) {
  engine::NodeContext ctx;
  ctx.key = "vpc";
  ctx.cluster_id = "uuid-1";
  ctx.tags = {{"Name", "ctx"}};
  EXPECT_EQ(TagsFor(ctx, nlohmann::json::object()).at("Name"), "ctx");
  EXPECT_EQ(TagsFor(ctx, {{"tags", {{"Name", "props"}}}}).at("Name"), "props");

  auto filters = OwnershipFilters(ctx);
  ASSERT_EQ(filters.size(), 2u);
  EXPECT_EQ(filters[0].name, "tag:tectonic.io/resource");
  EXPECT_EQ(filters[0].values, std::vector<std::string>{"vpc"});
  EXPECT_EQ(filters[1].name, "tag:tectonicClusterID");

  EXPECT_TRUE(IsOwnedBy({{"tectonic.io/resource", "vpc"}, {"tectonicClusterID", "uuid-1"}}, ctx));
  EXPECT_FALSE(IsOwnedBy({{"tectonic.io/resource", "vpc"}, {"tectonicClusterID", "other"}}, ctx));
  EXPECT_FALSE(IsOwnedBy({{"tectonicClusterID", "uuid-1"}}, ctx));
}

// A describe filtered by tags may answer foreign items (moto ignores the filter on
// DescribeNatGateways): FirstOwnedBy picks only an item of this node and cluster.
TEST(HandlerUtilTest, FirstOwnedBySkipsItemsAnEmulatorFailedToFilter) {
  engine::NodeContext ctx;
  ctx.key = "nat/us-east-1b";
  ctx.cluster_id = "uuid-1";
  std::vector<aws::NatGateway> nats(3);
  nats[0].id = "nat-other-zone";
  nats[0].tags = {{"tectonic.io/resource", "nat/us-east-1a"}, {"tectonicClusterID", "uuid-1"}};
  nats[1].id = "nat-other-cluster";
  nats[1].tags = {{"tectonic.io/resource", "nat/us-east-1b"}, {"tectonicClusterID", "uuid-2"}};
  nats[2].id = "nat-ours";
  nats[2].tags = {{"tectonic.io/resource", "nat/us-east-1b"}, {"tectonicClusterID", "uuid-1"}};
  const aws::NatGateway* found = FirstOwnedBy(nats, ctx);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, "nat-ours");
  nats.pop_back();
  EXPECT_EQ(FirstOwnedBy(nats, ctx), nullptr);
}

TEST(HandlerUtilTest, JournaledIdAndPolls) {
  EXPECT_FALSE(JournaledId(std::nullopt));
  EXPECT_FALSE(JournaledId(engine::Outputs{{"id", ""}}));
  EXPECT_EQ(JournaledId(engine::Outputs{{"id", "vpc-1"}}).value(), "vpc-1");
  auto done = PollDone({{"id", "x"}});
  EXPECT_TRUE(done.done);
  EXPECT_EQ(done.outputs["id"], "x");
  auto again = PollAgain(std::chrono::seconds(15), "pending");
  EXPECT_FALSE(again.done);
  EXPECT_EQ(again.again_after, std::chrono::milliseconds(15000));
  EXPECT_EQ(again.detail, "pending");
}

}  // namespace
}  // namespace tectonic::resources
