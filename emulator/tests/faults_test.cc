// Wire fault rules (parsing, which call they hit) and the kill-point gate of awsim's Faults.
#include "faults.h"

#include <gtest/gtest.h>

#include <thread>

namespace awsim {
namespace {

TEST(FaultRule, ParsesTheFlagForm) {
  FaultRule r = ParseFaultRule(std::string("slow:ec2:CreateVpc:2:3:5000"));
  EXPECT_EQ(r.kind, WireFault::kSlow);
  EXPECT_EQ(r.match, "ec2:CreateVpc");
  EXPECT_EQ(r.nth, 2);
  EXPECT_EQ(r.times, 3);
  EXPECT_EQ(r.delay_ms, 5000);
  FaultRule d = ParseFaultRule(std::string("reset_after"));
  EXPECT_EQ(d.match, "mutating");
  EXPECT_EQ(d.nth, 1);
  EXPECT_EQ(d.times, 1);
}

TEST(FaultRule, RefusesBadRulesNamingTheProblem) {
  auto message = [](const std::string& spec) {
    try {
      ParseFaultRule(spec);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("explode").find("unknown fault kind 'explode'"), std::string::npos);
  EXPECT_NE(message("slow:*").find("delay_ms"), std::string::npos);
  EXPECT_NE(message("reset_after:*:0").find("nth"), std::string::npos);
  EXPECT_NE(message("reset_after:*:1:x").find("expected kind"), std::string::npos);
}

TEST(Faults, RuleHitsTheNthMatchingCallAndTimesAfterIt) {
  Faults f(FaultConfig{});
  f.SetRules({ParseFaultRule(std::string("reset_after:mutating:2:2"))});
  std::vector<WireFault> got;
  for (const char* op :
       {"CreateVpc", "DescribeVpcs", "CreateSubnet", "CreateSubnet", "CreateRoute"})
    got.push_back(f.PickWire("ec2", op).kind);
  EXPECT_EQ(got, (std::vector<WireFault>{WireFault::kNone, WireFault::kNone, WireFault::kResetAfter,
                                         WireFault::kResetAfter, WireFault::kNone}));
  EXPECT_EQ(f.State()["injected"].size(), 2u);
}

TEST(Faults, NamedOperationWithServiceAndTimesZeroIsEveryCall) {
  Faults f(FaultConfig{});
  f.SetRules({ParseFaultRule(std::string("expired_token:iam:ListRoles:1:0"))});
  EXPECT_EQ(f.PickWire("ec2", "ListRoles").kind, WireFault::kNone);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(f.PickWire("iam", "ListRoles").kind, WireFault::kExpiredToken);
  f.SetRules({});
  EXPECT_EQ(f.PickWire("iam", "ListRoles").kind, WireFault::kNone);
}

TEST(Faults, GateHoldsEverythingOnceTheNthMutatingCallIsAnswered) {
  Faults f(FaultConfig{});
  f.Arm(2);
  bool trigger = false;
  EXPECT_TRUE(f.Enter(true, nullptr, &trigger));
  EXPECT_FALSE(trigger);
  EXPECT_TRUE(f.Enter(false, nullptr, &trigger));  // reads do not count
  EXPECT_TRUE(f.Enter(true, nullptr, &trigger));
  EXPECT_TRUE(trigger);
  EXPECT_FALSE(f.WaitStalled(0));  // not answered yet
  f.Answered();
  EXPECT_TRUE(f.WaitStalled(0));
  // A call arriving now is held until release; its client is gone, so it is dropped.
  bool proceeded = true;
  std::thread held([&] {
    bool t = false;
    proceeded = f.Enter(
        false, [] { return true; }, &t);
  });
  while (f.State()["gate"]["held"] != 1) std::this_thread::yield();
  f.Release();
  held.join();
  EXPECT_FALSE(proceeded);
  // Released and disarmed: calls go through.
  EXPECT_TRUE(f.Enter(
      true, [] { return false; }, &trigger));
}

}  // namespace
}  // namespace awsim
