#include "engine/events.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <sstream>

#include "engine/interrupt.h"
#include "tests/support/process.h"
#include "util/files.h"
#include "util/redact.h"

namespace tectonic::engine {
namespace {

Event MakeEvent(EventType type, std::string key, int seconds_in = 0) {
  Event e;
  e.time = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000 + seconds_in));
  e.type = type;
  e.key = std::move(key);
  e.kind = "ec2.nat";
  return e;
}

TEST(EventsTest, NdjsonLinesParse) {
  std::ostringstream out;
  NdjsonSink sink(out);
  Event a = MakeEvent(EventType::kNodeRetrying, "nat/a");
  a.attempt = 2;
  a.detail = "Throttled";
  a.elapsed_ms = 1500;
  sink.Emit(a);
  Event b = MakeEvent(EventType::kPhaseStarted, "apply");
  b.total = 7;
  sink.Emit(b);
  std::istringstream in(out.str());
  std::string line;
  std::vector<nlohmann::json> parsed;
  while (std::getline(in, line)) parsed.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["type"], "node_retrying");
  EXPECT_EQ(parsed[0]["key"], "nat/a");
  EXPECT_EQ(parsed[0]["attempt"], 2);
  EXPECT_EQ(parsed[0]["elapsed_ms"], 1500);
  EXPECT_EQ(parsed[0]["time"], "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(parsed[1]["total"], 7);
}

TEST(EventsTest, TextIsRedacted) {
  RegisterSecret("super-secret-value-123");
  Event e = MakeEvent(EventType::kNodeFailed, "role");
  e.detail = "bad token super-secret-value-123";
  EXPECT_EQ(EventToJson(e).dump().find("super-secret"), std::string::npos);
  EXPECT_EQ(FormatEventLine(e).find("super-secret"), std::string::npos);
  EXPECT_NE(FormatEventLine(e).find(std::string(kRedacted)), std::string::npos);
}

TEST(EventsTest, PlainLineIsReadable) {
  std::ostringstream out;
  PlainSink sink(out);
  Event e = MakeEvent(EventType::kNodeCreated, "nat/a");
  e.detail = "nat-123";
  e.elapsed_ms = 2500;
  sink.Emit(e);
  EXPECT_EQ(out.str(), "22:13:20 created   nat/a (ec2.nat) nat-123 [2.5s]\n");
}

TEST(EventsTest, PlainLinesThinRepeatedPolls) {
  std::ostringstream out;
  PlainSink sink(out);
  for (int half_seconds = 0; half_seconds <= 24; ++half_seconds) {  // a poll every 0.5 s
    Event e = MakeEvent(EventType::kNodeWaiting, "nlb/api", 0);
    e.elapsed_ms = half_seconds * 500;
    e.detail = half_seconds < 22 ? "provisioning" : "active soon";
    sink.Emit(e);
  }
  sink.Emit(MakeEvent(EventType::kNodeDone, "nlb/api", 12));
  std::string text = out.str();
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  // At 0 s and 10 s while provisioning, then once on the new state; "done" always prints.
  EXPECT_EQ(count("provisioning"), 2u) << text;
  EXPECT_EQ(count("active soon"), 1u) << text;
  EXPECT_EQ(count("done"), 1u) << text;
}

TEST(EventsTest, ProgressShowsCountsAndLongPoles) {
  std::ostringstream out;
  ProgressSink sink(out, /*tty=*/true);
  Event phase = MakeEvent(EventType::kPhaseStarted, "apply");
  phase.total = 3;
  sink.Emit(phase);
  sink.Emit(MakeEvent(EventType::kNodeStarted, "nat/a", 0));
  sink.Emit(MakeEvent(EventType::kNodeStarted, "vpc", 10));
  sink.Emit(MakeEvent(EventType::kNodeDone, "vpc", 12));
  sink.Emit(MakeEvent(EventType::kNodeWaiting, "nat/a", 95));
  EXPECT_EQ(sink.StatusLine(), "[1/3] | nat/a 1m35s");
  sink.Tick(MakeEvent(EventType::kSummary, "", 125).time);
  EXPECT_EQ(sink.StatusLine(), "[1/3] | nat/a 2m05s");
  Event failed = MakeEvent(EventType::kNodeFailed, "nat/a", 130);
  sink.Emit(failed);
  EXPECT_EQ(sink.StatusLine(), "[1/3] 1 failed");
  EXPECT_NE(out.str().find("\r\x1b[2K"), std::string::npos);
  std::ostringstream plain;
  ProgressSink fallback(plain, /*tty=*/false);
  fallback.Emit(MakeEvent(EventType::kNodeStarted, "vpc"));
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  EXPECT_NE(plain.str().find("started"), std::string::npos);
}

TEST(EventsTest, FanoutAndFileSink) {
  ::tectonic::testing::TempDir dir;
  auto path = std::filesystem::path(dir.path()) / "apply.log";
  auto file = FileSink::Open(path);
  ASSERT_NE(file, nullptr);
  MemorySink memory;
  FanoutSink fanout({file.get(), &memory});
  fanout.Emit(MakeEvent(EventType::kNodeDone, "vpc"));
  file.reset();
  EXPECT_EQ(memory.events().size(), 1u);
  auto content = files::ReadFile(path);
  ASSERT_TRUE(content.ok());
  EXPECT_NE(content->find("done      vpc"), std::string::npos) << *content;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(InterruptTest, SigintSetsTheFlag) {
  std::atomic<bool>* flag = InstallInterruptHandler();
  EXPECT_FALSE(flag->load());
  ASSERT_EQ(std::raise(SIGINT), 0);
  EXPECT_TRUE(flag->load());
  EXPECT_EQ(flag, InterruptFlag());
  // The handler reset itself: restore the default explicitly for the rest of the binary.
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace
}  // namespace tectonic::engine
