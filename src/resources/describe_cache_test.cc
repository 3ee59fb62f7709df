#include "resources/describe_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/context.h"

namespace tectonic::resources {
namespace {

struct Item {
  std::string id;
  aws::Tags tags;
};

// A fake service: the items it holds, and every query it was asked.
struct FakeDescribe {
  std::vector<Item> items;
  std::vector<aws::DescribeQuery> queries;

  Result<std::vector<Item>> operator()(const aws::DescribeQuery& q) {
    queries.push_back(q);
    std::vector<Item> out;
    for (const auto& item : items) {
      bool match = q.ids.empty() || item.id == q.ids.front();
      for (const auto& f : q.filters) {
        if (f.name.rfind("tag:", 0) != 0) continue;
        auto tag = item.tags.find(f.name.substr(4));
        match = match && tag != item.tags.end() && tag->second == f.values.front();
      }
      if (match) out.push_back(item);
    }
    return out;
  }
};

class DescribeCacheTest : public ::testing::Test {
 protected:
  DescribeCacheTest()
      : cache_([this](const aws::DescribeQuery& q) { return fake_(q); },
               [](const Item& i) { return i.id; }) {
    ctx_ = engine::MakeNodeContext({"c1", "demo", {}}, "subnet/a", "ec2.subnet", false);
    other_ = engine::MakeNodeContext({"c1", "demo", {}}, "subnet/b", "ec2.subnet", false);
  }
  Item Owned(const std::string& id, const engine::NodeContext& ctx) {
    return {id, aws::Tags(ctx.tags.begin(), ctx.tags.end())};
  }

  FakeDescribe fake_;
  DescribeCache<Item> cache_;
  engine::NodeContext ctx_, other_;
};

TEST_F(DescribeCacheTest, EveryNodesFirstLookSharesOneTaggedDescribe) {
  fake_.items = {Owned("s-a", ctx_), Owned("s-b", other_), {"s-foreign", {{"Name", "x"}}}};
  auto a = cache_.Owned(ctx_, cache_.Since(ctx_.key));
  auto b = cache_.Owned(other_, cache_.Since(other_.key));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ(a->front().id, "s-a");
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ(b->front().id, "s-b");
  ASSERT_EQ(fake_.queries.size(), 1u);
  ASSERT_EQ(fake_.queries[0].filters.size(), 1u);
  EXPECT_EQ(fake_.queries[0].filters[0].name, "tag:tectonicClusterID");
  EXPECT_EQ(fake_.queries[0].filters[0].values.front(), "c1");
}

TEST_F(DescribeCacheTest, ANodeThatChangedItsResourceAsksAgain) {
  auto first = cache_.Owned(ctx_, cache_.Since(ctx_.key));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->empty());
  cache_.Touch(ctx_.key);  // about to create it
  fake_.items = {Owned("s-a", ctx_)};
  auto again = cache_.Owned(ctx_, cache_.Since(ctx_.key));
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(fake_.queries.size(), 2u);
  // Another node that changed nothing reuses the newer answer.
  ASSERT_TRUE(cache_.Owned(other_, cache_.Since(other_.key)).ok());
  EXPECT_EQ(fake_.queries.size(), 2u);
}

TEST_F(DescribeCacheTest, AnIdMissingFromAnOlderAnswerIsAskedForAgain) {
  ASSERT_TRUE(cache_.Tagged("c1", cache_.Since(ctx_.key)).ok());
  fake_.items = {Owned("s-new", ctx_)};
  auto found = cache_.ById("c1", "s-new", DescribeCache<Item>::kAnyAge);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fake_.queries.size(), 2u);  // the reused answer lacked it: one more tagged describe
}

TEST_F(DescribeCacheTest, AnIdListedBeforeAndMissingNowIsGoneWithoutADescribeById) {
  fake_.items = {Owned("s-a", ctx_)};
  ASSERT_TRUE(cache_.Tagged("c1", cache_.Now()).ok());
  fake_.items.clear();
  auto gone = cache_.ById("c1", "s-a", cache_.Now());
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  for (const auto& q : fake_.queries) EXPECT_TRUE(q.ids.empty()) << "described by id";
}

TEST_F(DescribeCacheTest, AnUntaggedIdIsDescribedByIdAndThenAlwaysByIdOnly) {
  fake_.items = {{"vpc-shared", {{"Name", "users"}}}};
  auto found = cache_.ById("c1", "vpc-shared", cache_.Now());
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  ASSERT_FALSE(fake_.queries.empty());
  EXPECT_EQ(fake_.queries.back().ids, std::vector<std::string>{"vpc-shared"});
  size_t before = fake_.queries.size();
  ASSERT_TRUE(cache_.ById("c1", "vpc-shared", cache_.Now()).ok());
  ASSERT_EQ(fake_.queries.size(), before + 1);
  EXPECT_EQ(fake_.queries.back().ids, std::vector<std::string>{"vpc-shared"});
}

TEST_F(DescribeCacheTest, PollsWithinTheWindowShareAnAnswerAndClearForgetsIt) {
  fake_.items = {Owned("s-a", ctx_), Owned("s-b", other_)};
  ASSERT_TRUE(cache_.ById("c1", "s-a", cache_.PollSince(ctx_.key)).ok());
  ASSERT_TRUE(cache_.ById("c1", "s-b", cache_.PollSince(other_.key)).ok());
  EXPECT_EQ(fake_.queries.size(), 1u);
  cache_.Clear();
  ASSERT_TRUE(cache_.ById("c1", "s-b", cache_.PollSince(other_.key)).ok());
  EXPECT_EQ(fake_.queries.size(), 2u);
}

TEST_F(DescribeCacheTest, AnErrorIsReturnedAndNotKept) {
  int calls = 0;
  DescribeCache<Item> failing(
      [&calls](const aws::DescribeQuery&) -> Result<std::vector<Item>> {
        if (++calls == 1) return Status::Throttled("slow down");
        return std::vector<Item>{};
      },
      [](const Item& i) { return i.id; });
  EXPECT_EQ(failing.Tagged("c1", DescribeCache<Item>::kAnyAge).status().code(),
            StatusCode::kThrottled);
  EXPECT_TRUE(failing.Tagged("c1", DescribeCache<Item>::kAnyAge).ok());
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace tectonic::resources
