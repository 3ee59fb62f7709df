#include "gui/request_guard.h"

#include <gtest/gtest.h>

namespace tectonic::gui {
namespace {

const GuardConfig kConfig{4242, std::string(64, 'f')};

GuardInput Api(const std::string& method, const std::string& path) {
  GuardInput in;
  in.method = method;
  in.path = path;
  in.host = "127.0.0.1:4242";
  in.token = kConfig.token;
  in.has_token = true;
  if (method == "POST") {
    in.origin = "http://127.0.0.1:4242";
    in.content_type = "application/json";
    in.has_body = true;
  }
  return in;
}

TEST(RequestGuardTest, HostMustBeTheLoopbackPortServed) {
  EXPECT_TRUE(HostAllowed("127.0.0.1:4242", 4242));
  EXPECT_TRUE(HostAllowed("LOCALHOST:4242", 4242));
  EXPECT_FALSE(HostAllowed("127.0.0.1:4243", 4242));
  EXPECT_FALSE(HostAllowed("evil.example:4242", 4242));  // DNS rebinding
  EXPECT_FALSE(HostAllowed("127.0.0.1", 4242));
  EXPECT_FALSE(HostAllowed("", 4242));
  GuardInput in = Api("GET", "/");
  in.host = "attacker.example:4242";
  EXPECT_EQ(CheckRequest(in, kConfig).status, 421);
}

TEST(RequestGuardTest, ApiNeedsTheTokenStaticFilesDoNot) {
  EXPECT_TRUE(CheckRequest(Api("GET", "/api/session"), kConfig).allowed());
  GuardInput missing = Api("GET", "/api/session");
  missing.has_token = false;
  missing.token.clear();
  EXPECT_EQ(CheckRequest(missing, kConfig).status, 401);
  GuardInput wrong = Api("GET", "/api/session");
  wrong.token = std::string(64, 'e');
  EXPECT_EQ(CheckRequest(wrong, kConfig).status, 403);
  GuardInput page = missing;
  page.path = "/assets/index.js";
  EXPECT_TRUE(CheckRequest(page, kConfig).allowed());
}

TEST(RequestGuardTest, StateChangingCallsNeedOwnOriginAndJson) {
  EXPECT_TRUE(CheckRequest(Api("POST", "/api/cluster"), kConfig).allowed());
  GuardInput cross = Api("POST", "/api/install");
  cross.origin = "http://evil.example";
  EXPECT_EQ(CheckRequest(cross, kConfig).status, 403);
  cross.origin = "";
  EXPECT_EQ(CheckRequest(cross, kConfig).status, 403);
  cross.origin = "http://localhost:4242";
  EXPECT_TRUE(CheckRequest(cross, kConfig).allowed());
  GuardInput form = Api("POST", "/api/cluster");
  form.content_type = "text/plain";  // a "simple" cross-site form post
  EXPECT_EQ(CheckRequest(form, kConfig).status, 415);
  form.content_type = "application/json; charset=utf-8";
  EXPECT_TRUE(CheckRequest(form, kConfig).allowed());
  GuardInput empty = Api("POST", "/api/install");
  empty.content_type.clear();
  empty.has_body = false;
  EXPECT_TRUE(CheckRequest(empty, kConfig).allowed());
}

}  // namespace
}  // namespace tectonic::gui
