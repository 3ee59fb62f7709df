#include "gui/event_hub.h"

#include <gtest/gtest.h>

#include <thread>

namespace tectonic::gui {
namespace {

engine::Event NodeDone(const std::string& key) {
  engine::Event e;
  e.time = std::chrono::system_clock::now();
  e.type = engine::EventType::kNodeDone;
  e.key = key;
  e.kind = "ec2.vpc";
  return e;
}

TEST(EventHubTest, ReplaysEverythingThenAfterLastEventId) {
  EventHub hub;
  hub.Publish("phase", R"({"phase":"installing"})");
  hub.Emit(NodeDone("vpc"));
  hub.Emit(NodeDone("igw"));
  auto all = hub.After(0, std::chrono::milliseconds(0));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].seq, 1);
  EXPECT_EQ(all[0].name, "phase");
  EXPECT_EQ(all[1].name, "engine");
  auto json = nlohmann::json::parse(all[2].data);
  EXPECT_EQ(json["key"], "igw");
  EXPECT_EQ(json["seq"], 3);
  auto rest = hub.After(2, std::chrono::milliseconds(0));
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].seq, 3);
  EXPECT_TRUE(hub.After(3, std::chrono::milliseconds(0)).empty());
  EXPECT_EQ(FormatSse(rest[0]).rfind("id: 3\nevent: engine\ndata: {", 0), 0u);
}

TEST(EventHubTest, ResetStartsANewOperationWithGrowingIds) {
  EventHub hub;
  hub.Emit(NodeDone("vpc"));
  hub.Reset();
  hub.Emit(NodeDone("subnet"));
  auto all = hub.After(0, std::chrono::milliseconds(0));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].seq, 2);  // an old Last-Event-ID (1) still replays the new operation
  EXPECT_EQ(hub.After(1, std::chrono::milliseconds(0)).size(), 1u);
}

TEST(EventHubTest, WaiterWakesOnEventAndOnClose) {
  EventHub hub;
  std::vector<HubEvent> got;
  std::thread waiter([&] { got = hub.After(0, std::chrono::seconds(30)); });
  hub.Publish("phase", "{}");
  waiter.join();
  ASSERT_EQ(got.size(), 1u);
  std::thread closed([&] { got = hub.After(1, std::chrono::seconds(30)); });
  hub.Close();
  closed.join();
  EXPECT_TRUE(got.empty());
  EXPECT_TRUE(hub.closed());
}

}  // namespace
}  // namespace tectonic::gui
