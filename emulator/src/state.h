// The emulator's whole world: every resource of every service, one account, guarded by one
// mutex (World::mu). Handlers lock it for the duration of a call. Lifecycle states are derived
// from timestamps on read (see clock.h), so no background thread mutates the world.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clock.h"
#include "common.h"

namespace awsim {

using Tags = std::map<std::string, std::string>;

struct Base {
  std::string id;
  std::string region;
  int64_t created_ms = 0;
  Tags tags;
};

struct Vpc : Base {
  std::string cidr;
  bool is_default = false;
  bool dns_support = true;
  bool dns_hostnames = false;
  std::string dhcp_options_id;
};
struct Subnet : Base {
  std::string vpc_id, cidr, az;
  bool map_public_ip = false;
};
struct InternetGateway : Base {
  std::string vpc_id;  // attached VPC, empty when detached
};
struct Address : Base {  // id = allocation id
  std::string public_ip, association_id, instance_id, nat_id, eni_id, private_ip;
};
struct NatGateway : Base {
  std::string subnet_id, vpc_id, allocation_id, public_ip, private_ip, connectivity = "public";
  std::string failure_code, failure_message;  // set => fails
  int64_t delete_ms = 0;
  std::string client_token;
};
struct Route {
  std::string destination, gateway_id, nat_gateway_id, instance_id, origin = "CreateRoute";
};
struct RouteAssociation {
  std::string id, subnet_id, gateway_id;
  bool main = false;
};
struct RouteTable : Base {
  std::string vpc_id;
  std::vector<Route> routes;
  std::vector<RouteAssociation> associations;
};
struct SgRule {
  std::string id, protocol = "-1", description;
  int from = -1, to = -1;
  std::vector<std::string> cidrs, groups;
  bool egress = false;
};
struct SecurityGroup : Base {
  std::string vpc_id, name, description;
  std::vector<SgRule> rules;
};
struct Instance : Base {
  std::string reservation_id, image_id, instance_type, subnet_id, vpc_id, az, private_ip;
  std::string key_name, profile_arn, launch_template_id, asg_name, user_data;
  std::vector<std::string> security_groups;
  int64_t terminate_ms = 0;
  std::string eni_id;
  // Admin hook (POST /_awsim/target_health): the node's health checks fail, and extra lines
  // its console prints (a test's stand-in for a node that does not come up).
  bool health_failing = false;
  std::vector<std::string> console_extra;
};
struct KeyPair : Base {  // id = key-…, name unique per region
  std::string name, fingerprint, key_type = "rsa";
};
struct Image : Base {
  std::string name, owner, creation_date, architecture = "x86_64", description;
};
struct LaunchTemplate : Base {
  std::string name;
  std::vector<nlohmann::json> versions;  // version N at index N-1
  int default_version = 1;
};
struct LoadBalancer : Base {  // id = ARN
  std::string name, type = "network", scheme = "internet-facing", vpc_id, dns_name,
                    ip_type = "ipv4";
  std::vector<std::string> subnets, security_groups, allocation_ids;
};
struct TargetGroup : Base {  // id = ARN
  std::string name, protocol, vpc_id, target_type = "instance", hc_protocol = "TCP",
                                      hc_port = "traffic-port", hc_path;
  int port = 0, hc_interval = 30, healthy = 5, unhealthy = 2;
  std::vector<std::pair<std::string, int>> targets;
  std::map<std::string, int64_t> registered_ms;
};
struct Listener : Base {  // id = ARN
  std::string lb_arn, protocol, target_group_arn;
  int port = 0;
};
struct AutoScalingGroup : Base {  // id = name
  std::string arn, lt_id, lt_version = "$Default", health_check_type = "EC2";
  int min = 0, max = 0, desired = 0, grace = 0;
  std::vector<std::string> subnets, target_groups, instances;
  std::map<std::string, bool> propagate;   // tag key -> PropagateAtLaunch
  std::vector<nlohmann::json> activities;  // newest last: id, description, cause, status, ...
};
struct ManagedPolicy {
  std::string arn, name, id, path = "/", document, description;
  int64_t created_ms = 0;
  int attachments = 0;
};
struct IamUser {
  std::string name, id, arn, path = "/";
  int64_t created_ms = 0;
  std::map<std::string, std::string> inline_policies;
  std::vector<std::string> attached;  // policy ARNs
  Tags tags;
};
struct AccessKey {
  std::string id, secret, user, status = "Active";
  int64_t created_ms = 0;
};
struct Role {
  std::string name, id, arn, path = "/", trust_policy, description;
  int64_t created_ms = 0;
  int max_session = 3600;
  std::map<std::string, std::string> inline_policies;
  std::vector<std::string> attached;
  Tags tags;
};
struct InstanceProfile {
  std::string name, id, arn, path = "/";
  int64_t created_ms = 0, changed_ms = 0;  // changed: last role add (propagation)
  std::vector<std::string> roles;
  Tags tags;
};
struct RecordSet {
  std::string name, type, alias_zone, alias_dns;
  int64_t ttl = -1;
  bool alias_eval = false;
  std::vector<std::string> values;
};
struct HostedZone {
  std::string id, name, caller_ref, comment;
  bool is_private = false;
  std::vector<std::pair<std::string, std::string>> vpcs;  // (region, vpc id)
  std::vector<RecordSet> records;
  Tags tags;
  int64_t created_ms = 0;
  std::string change_id;
};
struct S3Object {
  std::string data, etag, content_type, sse, sse_kms_key;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* without the prefix
  int64_t modified_ms = 0;
};
struct Bucket {
  std::string name, region, encryption_xml, public_access_xml;
  int64_t created_ms = 0;
  std::map<std::string, S3Object> objects;
  Tags tags;
};
struct KmsKey : Base {  // id = uuid
  std::string arn, description, state = "Enabled", key_usage = "ENCRYPT_DECRYPT",
                                key_spec = "SYMMETRIC_DEFAULT";
  int64_t deletion_ms = 0;
};
struct Session {  // temporary credentials from STS
  std::string access_key, secret, token, principal_arn, user_id, role_name, user_name;
  int64_t expires_ms = 0;
};

struct IdempotencyRecord {
  std::string fingerprint;
  Response response;
};

// One account's resources (copyable, so a reset is an assignment).
struct WorldData {
  std::mt19937_64 rng{1};
  std::string default_region = "us-east-1";
  std::map<std::string, std::vector<std::string>> regions;  // region -> zone names

  std::map<std::string, Vpc> vpcs;
  std::map<std::string, Subnet> subnets;
  std::map<std::string, InternetGateway> igws;
  std::map<std::string, Address> addresses;
  std::map<std::string, NatGateway> nats;
  std::map<std::string, RouteTable> route_tables;
  std::map<std::string, SecurityGroup> security_groups;
  std::map<std::string, Instance> instances;
  std::map<std::string, KeyPair> key_pairs;  // by id
  std::map<std::string, Image> images;
  std::map<std::string, LaunchTemplate> launch_templates;
  std::map<std::string, LoadBalancer> load_balancers;
  std::map<std::string, TargetGroup> target_groups;
  std::map<std::string, Listener> listeners;
  std::map<std::string, AutoScalingGroup> asgs;
  std::map<std::string, ManagedPolicy> policies;  // by ARN
  std::map<std::string, IamUser> users;
  std::map<std::string, AccessKey> access_keys;
  std::map<std::string, Role> roles;
  std::map<std::string, InstanceProfile> instance_profiles;
  std::map<std::string, HostedZone> zones;
  std::map<std::string, int64_t> changes;  // change id -> submitted
  std::map<std::string, Bucket> buckets;
  std::map<std::string, KmsKey> kms_keys;
  std::map<std::string, std::string> kms_aliases;        // "REGION/alias/x" -> key id
  std::map<std::string, Session> sessions;               // by access key
  std::map<std::string, IdempotencyRecord> idempotency;  // "Op/token" -> record
  std::map<std::string, int64_t> visible_after_ms;       // consistency window per id

  // Lower-case hex of `n` digits from the seeded generator.
  std::string Hex(int n);
  std::string Upper(int n);  // upper-case alphanumerics
  std::string NewId(const std::string& prefix) { return prefix + "-" + Hex(17); }
  std::string Uuid();
};

// The world and its lock. Every WorldData member is guarded by `mu`.
struct World : WorldData {
  std::mutex mu;
  // Resets to the initial world: regions, admin user, AWS managed policies.
  void Reset(const std::string& admin_key, const std::string& admin_secret, uint64_t seed);
};

}  // namespace awsim
