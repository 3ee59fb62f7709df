// Lifecycle of the compute kinds against moto, judged by boto3: create -> wait -> find
// (journaled, and again with no journal) -> delete -> wait deleted -> find nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "aws/session.h"
#include "resources/compute.h"
#include "resources/compute_test_fixture.h"
#include "util/clock.h"

namespace tectonic::resources {
namespace {

using nlohmann::json;

constexpr const char* kAmi = "ami-0123456789abcdef0";
const std::string kSha(128, 'a');

json UserData(const std::string& key) {
  return {{"ignition_url", "s3://compute-test/ignition/" + key + ".ign"},
          {"ignition_sha512", kSha}};
}

json RootVolume() {
  return {{"device_name", "/dev/xvda"},
          {"size_gib", 30},
          {"volume_type", "gp3"},
          {"encrypted", true},
          {"delete_on_termination", true}};
}

// The Ignition pointer inside base64 user data: its replace.source.
std::string PointerSource(const json& base64_text) {
  if (!base64_text.is_string()) return "";
  return base64_text.get<std::string>();
}

class ComputeLifecycleTest : public ComputeMotoTest {};

TEST_F(ComputeLifecycleTest, InstanceRunsCarriesPointerAndTerminates) {
  Network net = MakeNetwork(61);
  auto ctx = Ctx("etcd/0", "ec2.instance");
  json props = Tagged(ctx, {{"image_id", kAmi},
                            {"instance_type", "m5.large"},
                            {"subnet_id", net.subnet_ids.at(0)},
                            {"security_group_ids", json::array()},
                            {"root_volume", RootVolume()},
                            {"user_data", UserData("etcd-0")},
                            {"metadata_http_tokens", "required"}});
  auto out = CreateReady(ctx, props);
  std::string id = out.value("id", "");
  ASSERT_EQ(id.rfind("i-", 0), 0u) << out.dump();
  EXPECT_FALSE(out.value("private_ip", "").empty());
  EXPECT_EQ(out.value("availability_zone", ""), "us-east-1a");

  // A retried Create (same client token) returns the same instance.
  auto again = Handler("ec2.instance").Create(ctx, props);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)["id"], id);

  json judged =
      Boto("{'state': ec2.describe_instances(InstanceIds=['" + id +
           "'])['Reservations'][0]['Instances'][0]['State']['Name'],"
           "'count': sum(len(r['Instances']) for r in ec2.describe_instances(Filters=[{'Name': "
           "'tag:tectonicClusterID', 'Values': ['" +
           identity_.cluster_id +
           "']}])['Reservations']),"
           "'user_data': json.loads(base64.b64decode(ec2.describe_instance_attribute(InstanceId='" +
           id + "', Attribute='userData')['UserData']['Value']))}");
  ASSERT_TRUE(judged.is_object());
  EXPECT_EQ(judged["state"], "running");
  EXPECT_EQ(judged["count"], 1);
  EXPECT_EQ(judged["user_data"]["ignition"]["config"]["replace"]["source"],
            "s3://compute-test/ignition/etcd-0.ign");
  EXPECT_EQ(judged["user_data"]["ignition"]["config"]["replace"]["verification"]["hash"],
            "sha512-" + kSha);

  auto journaled = FindOrDie(ctx, props, out);
  ASSERT_TRUE(journaled.has_value());
  EXPECT_EQ((*journaled)["id"], id);
  auto by_tag = FindOrDie(ctx, props, std::nullopt);
  ASSERT_TRUE(by_tag.has_value());
  EXPECT_EQ((*by_tag)["id"], id);

  DeleteGone(ctx, props, out);
  EXPECT_EQ(Boto("ec2.describe_instances(InstanceIds=['" + id +
                 "'])['Reservations'][0]['Instances'][0]['State']['Name']"),
            "terminated");
  EXPECT_FALSE(FindOrDie(ctx, props, out).has_value());
  EXPECT_FALSE(FindOrDie(ctx, props, std::nullopt).has_value());
}

TEST_F(ComputeLifecycleTest, LaunchTemplateCarriesPointerAndInstanceTags) {
  auto ctx = Ctx("lt/worker", "ec2.launch_template");
  std::string name = "lt-test-" + identity_.cluster_id.substr(0, 8);
  json instance_tags = {{"tectonic.io/resource", "asg/worker"},
                        {"tectonicClusterID", identity_.cluster_id}};
  json props = Tagged(ctx, {{"name", name},
                            {"image_id", kAmi},
                            {"instance_type", "m5.large"},
                            {"security_group_ids", json::array()},
                            {"root_volume", RootVolume()},
                            {"user_data", UserData("worker")},
                            {"metadata_http_tokens", "required"},
                            {"instance_tags", instance_tags}});
  auto out = CreateReady(ctx, props);
  std::string id = out.value("id", "");
  ASSERT_EQ(id.rfind("lt-", 0), 0u) << out.dump();
  EXPECT_EQ(out["name"], name);
  EXPECT_EQ(out["latest_version"], 1);

  json data = Boto("ec2.describe_launch_template_versions(LaunchTemplateId='" + id +
                   "')['LaunchTemplateVersions'][0]['LaunchTemplateData']");
  ASSERT_TRUE(data.is_object());
  json pointer =
      json::parse(Boto("base64.b64decode('" + PointerSource(data["UserData"]) + "').decode()")
                      .get<std::string>());
  EXPECT_EQ(pointer["ignition"]["config"]["replace"]["source"],
            "s3://compute-test/ignition/worker.ign");
  EXPECT_EQ(data["MetadataOptions"]["HttpTokens"], "required");
  bool instance_spec = false;
  for (const auto& spec : data["TagSpecifications"]) {
    if (spec["ResourceType"] != "instance") continue;
    for (const auto& tag : spec["Tags"]) {
      if (tag["Key"] == "tectonic.io/resource") instance_spec = tag["Value"] == "asg/worker";
    }
  }
  EXPECT_TRUE(instance_spec) << data.dump();

  auto journaled = FindOrDie(ctx, props, out);
  ASSERT_TRUE(journaled.has_value());
  EXPECT_EQ((*journaled)["id"], id);
  // A context with another key still finds it by the natural key (the name).
  auto by_name = FindOrDie(Ctx("lt/other", "ec2.launch_template"), props, std::nullopt);
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ((*by_name)["id"], id);

  DeleteGone(ctx, props, out);
  EXPECT_EQ(Boto("len(ec2.describe_launch_templates(Filters=[{'Name': 'launch-template-name', "
                 "'Values': ['" +
                 name + "']}])['LaunchTemplates'])"),
            0);
  EXPECT_FALSE(FindOrDie(ctx, props, std::nullopt).has_value());
}

// Names are per account: a launch template or target group with this cluster's name but
// another cluster's id is refused (adopting it would let this cluster's destroy delete it).
TEST_F(ComputeLifecycleTest, NamesHeldByAnotherClusterAreNotAdopted) {
  Network net = MakeNetwork(63);
  auto lt_ctx = Ctx("lt/master", "ec2.launch_template");
  std::string lt_name = "lt-owner-" + identity_.cluster_id.substr(0, 8);
  json lt_props = Tagged(lt_ctx, {{"name", lt_name},
                                  {"image_id", kAmi},
                                  {"instance_type", "m5.large"},
                                  {"security_group_ids", json::array()},
                                  {"root_volume", RootVolume()},
                                  {"user_data", UserData("master")},
                                  {"metadata_http_tokens", "required"}});
  auto lt = CreateReady(lt_ctx, lt_props);
  auto tg_ctx = Ctx("nlb/api-int/tg", "elbv2.target_group");
  json tg_props = Tagged(tg_ctx, {{"name", "tg-owner-" + identity_.cluster_id.substr(0, 8)},
                                  {"protocol", "TCP"},
                                  {"port", 443},
                                  {"vpc_id", net.vpc_id},
                                  {"target_type", "instance"}});
  auto tg = CreateReady(tg_ctx, tg_props);

  for (auto [ctx, props, kind] : {std::tuple{lt_ctx, lt_props, "ec2.launch_template"},
                                  std::tuple{tg_ctx, tg_props, "elbv2.target_group"}}) {
    engine::NodeContext other = ctx;
    other.cluster_id = "00000000-0000-4000-8000-000000000000";
    auto found = Handler(kind).Find(other, props, std::nullopt);
    ASSERT_FALSE(found.ok()) << kind << " adopted another cluster's resource";
    EXPECT_EQ(found.status().code(), StatusCode::kPreconditionFailed) << kind;
    EXPECT_NE(found.status().message().find("belongs to cluster " + identity_.cluster_id),
              std::string::npos)
        << found.status().message();
    // Its own cluster still finds it by name.
    EXPECT_TRUE(FindOrDie(ctx, props, std::nullopt).has_value()) << kind;
  }
  DeleteGone(tg_ctx, tg_props, tg);
  DeleteGone(lt_ctx, lt_props, lt);
}

TEST_F(ComputeLifecycleTest, LoadBalancerTargetGroupListenerAndAutoScalingGroup) {
  Network net = MakeNetwork(62);
  std::string short_id = identity_.cluster_id.substr(0, 8);

  auto lb_ctx = Ctx("nlb/api-int", "elbv2.load_balancer");
  json lb_props = Tagged(lb_ctx, {{"name", "c" + short_id + "-api-int"},
                                  {"type", "network"},
                                  {"scheme", "internal"},
                                  {"ip_address_type", "ipv4"},
                                  {"subnets", net.subnet_ids},
                                  {"attributes", {{"load_balancing.cross_zone.enabled", "true"}}}});
  auto lb = CreateReady(lb_ctx, lb_props);
  std::string lb_arn = lb.value("arn", "");
  ASSERT_FALSE(lb_arn.empty()) << lb.dump();
  EXPECT_EQ(lb["id"], lb_arn);
  EXPECT_FALSE(lb.value("dns_name", "").empty());
  EXPECT_FALSE(lb.value("canonical_zone_id", "").empty());

  auto tg_ctx = Ctx("nlb/api-int/tg", "elbv2.target_group");
  json tg_props = Tagged(tg_ctx, {{"name", "c" + short_id + "-api-int"},
                                  {"protocol", "TCP"},
                                  {"port", 443},
                                  {"vpc_id", net.vpc_id},
                                  {"target_type", "instance"},
                                  {"health_check",
                                   {{"protocol", "HTTPS"},
                                    {"port", "443"},
                                    {"path", "/readyz"},
                                    {"interval_seconds", 10},
                                    {"healthy_threshold", 2},
                                    {"unhealthy_threshold", 2}}}});
  auto tg = CreateReady(tg_ctx, tg_props);
  std::string tg_arn = tg.value("arn", "");
  ASSERT_FALSE(tg_arn.empty());

  auto ls_ctx = Ctx("nlb/api-int/listener/443", "elbv2.listener");
  json ls_props = {{"load_balancer_arn", lb_arn},
                   {"protocol", "TCP"},
                   {"port", 443},
                   {"default_target_group_arn", tg_arn}};
  auto listener = CreateReady(ls_ctx, ls_props);
  std::string ls_arn = listener.value("arn", "");
  ASSERT_FALSE(ls_arn.empty());

  auto lt_ctx = Ctx("lt/master", "ec2.launch_template");
  json lt_props = Tagged(lt_ctx, {{"name", "c" + short_id + "-master"},
                                  {"image_id", kAmi},
                                  {"instance_type", "m5.large"},
                                  {"user_data", UserData("master")},
                                  {"instance_tags", {{"tectonic.io/resource", "asg/master"}}}});
  auto lt = CreateReady(lt_ctx, lt_props);

  auto asg_ctx = Ctx("asg/master", "autoscaling.group");
  json asg_props = Tagged(asg_ctx, {{"name", "c" + short_id + "-masters"},
                                    {"launch_template_id", lt["id"]},
                                    {"launch_template_version", "$Latest"},
                                    {"min_size", 2},
                                    {"desired_capacity", 2},
                                    {"max_size", 2},
                                    {"subnets", net.subnet_ids},
                                    {"target_group_arns", {tg_arn}},
                                    {"health_check_type", "EC2"},
                                    {"health_check_grace_period", 300},
                                    {"min_in_service", 2}});
  auto asg = CreateReady(asg_ctx, asg_props);
  EXPECT_EQ(asg["id"], "c" + short_id + "-masters");
  EXPECT_FALSE(asg.value("arn", "").empty());

  json judged =
      Boto("{'lb': elbv2.describe_load_balancers(LoadBalancerArns=['" + lb_arn +
           "'])['LoadBalancers'][0],"
           "'attrs': {a['Key']: a['Value'] for a in elbv2.describe_load_balancer_attributes("
           "LoadBalancerArn='" +
           lb_arn +
           "')['Attributes']},"
           "'listeners': elbv2.describe_listeners(LoadBalancerArn='" +
           lb_arn +
           "')['Listeners'],"
           "'asg': asg.describe_auto_scaling_groups(AutoScalingGroupNames=['c" +
           short_id + "-masters'])['AutoScalingGroups'][0]}");
  ASSERT_TRUE(judged.is_object());
  EXPECT_EQ(judged["lb"]["State"]["Code"], "active");
  EXPECT_EQ(judged["lb"]["DNSName"], lb["dns_name"]);
  EXPECT_EQ(judged["lb"]["CanonicalHostedZoneId"], lb["canonical_zone_id"]);
  EXPECT_EQ(judged["attrs"]["load_balancing.cross_zone.enabled"], "true");
  ASSERT_EQ(judged["listeners"].size(), 1u);
  EXPECT_EQ(judged["listeners"][0]["Port"], 443);
  EXPECT_EQ(judged["listeners"][0]["DefaultActions"][0]["TargetGroupArn"], tg_arn);
  EXPECT_EQ(judged["asg"]["TargetGroupARNs"], json::array({tg_arn}));
  EXPECT_EQ(judged["asg"]["DesiredCapacity"], 2);
  EXPECT_EQ(judged["asg"]["Instances"].size(), 2u);

  // A second run with no journal finds everything again, with the same ids.
  struct Node {
    engine::NodeContext ctx;
    json props;
    json out;
  };
  std::vector<Node> nodes = {{asg_ctx, asg_props, asg},
                             {ls_ctx, ls_props, listener},
                             {lb_ctx, lb_props, lb},
                             {tg_ctx, tg_props, tg},
                             {lt_ctx, lt_props, lt}};
  for (const auto& node : nodes) {
    auto found = FindOrDie(node.ctx, node.props, std::nullopt);
    ASSERT_TRUE(found.has_value()) << node.ctx.key;
    EXPECT_EQ((*found)["id"], node.out["id"]) << node.ctx.key;
  }
  // A target group still used by a listener cannot go yet: that is a Dependency.
  Status early = Handler("elbv2.target_group").Delete(tg_ctx, tg_props, tg);
  EXPECT_EQ(early.code(), StatusCode::kDependency) << early.ToString();

  for (const auto& node : nodes) DeleteGone(node.ctx, node.props, node.out);
  for (const auto& node : nodes) {
    EXPECT_FALSE(FindOrDie(node.ctx, node.props, std::nullopt).has_value()) << node.ctx.key;
  }
  json after = Boto(
      "{'lbs': [l for l in elbv2.describe_load_balancers()['LoadBalancers'] if "
      "l['LoadBalancerArn'] "
      "== '" +
      lb_arn +
      "'],"
      "'asgs': asg.describe_auto_scaling_groups(AutoScalingGroupNames=['c" +
      short_id + "-masters'])['AutoScalingGroups']}");
  EXPECT_EQ(after["lbs"].size(), 0u);
  EXPECT_EQ(after["asgs"].size(), 0u);
}

// An instance id that never shows (never launched, or purged long after its terminate) is
// waited on for a bounded time by the client's clock, not forever.
TEST_F(ComputeLifecycleTest, WaitDeletedGivesUpOnAnIdThatNeverShows) {
  FakeClock clock(std::chrono::system_clock::now());
  aws::SessionOptions options;
  options.clock = &clock;
  auto session =
      aws::OpenSession({}, aws::MapEnv(testing::EmulatorEnv(moto_->url(), home_->path())), options);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  auto handler = NewInstanceHandler(*session->client);
  auto ctx = Ctx("etcd/9", "ec2.instance");
  json outputs = {{"id", "i-0badc0ffee0000000"}};
  auto first = handler->WaitDeleted(ctx, json::object(), outputs);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->done) << "NotFound right after a terminate proves nothing yet";
  clock.Advance(std::chrono::seconds(30));
  auto middle = handler->WaitDeleted(ctx, json::object(), outputs);
  ASSERT_TRUE(middle.ok());
  EXPECT_FALSE(middle->done);
  clock.Advance(std::chrono::seconds(31));
  auto last = handler->WaitDeleted(ctx, json::object(), outputs);
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->done) << "invisible for over a minute: gone";
}

}  // namespace
}  // namespace tectonic::resources
