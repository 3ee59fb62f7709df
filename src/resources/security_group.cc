// ec2.security_group and ec2.security_group_rules (KINDS.md).
// The group is found by tag or by its natural key (name in VPC). The rules node owns exactly
// the rules of its props: it adds the missing ones, leaves foreign ones alone, and on delete
// revokes its ingress rules so that group-to-group references no longer block DeleteSecurityGroup.
#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/ec2.h"
#include "aws/ec2_internal.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"
#include "resources/network.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

// arn:<partition>:ec2:<region>:<account>:security-group/<id>
std::string GroupArn(const std::string& region, const aws::SecurityGroup& group) {
  std::string partition = "aws";
  if (region.starts_with("cn-")) partition = "aws-cn";
  if (region.starts_with("us-gov-")) partition = "aws-us-gov";
  return "arn:" + partition + ":ec2:" + region + ":" + group.owner_id + ":security-group/" +
         group.id;
}

// Security groups, one describe for every group and rules node (describe_cache.h): a group
// node creates only its group, a rules node changes only its group's rules.
class GroupCache : public DescribeCache<aws::SecurityGroup> {
 public:
  explicit GroupCache(aws::AwsClient& client)
      : DescribeCache(
            [&client](const aws::DescribeQuery& q) {
              return aws::Ec2(client).DescribeSecurityGroups(q);
            },
            [](const aws::SecurityGroup& g) { return g.id; }) {}
};

std::shared_ptr<GroupCache> OrNew(std::shared_ptr<GroupCache> cache, aws::AwsClient& client) {
  return cache ? cache : std::make_shared<GroupCache>(client);
}

class SecurityGroupHandler : public engine::ResourceHandler {
 public:
  SecurityGroupHandler(aws::AwsClient& client, std::shared_ptr<GroupCache> cache)
      : client_(client), ec2_(client), cache_(OrNew(std::move(cache), client)) {}

  void BeginRun() override { cache_->Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_->Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto group, cache_->ById(ctx.cluster_id, *id, since));
      if (group) return std::optional<Outputs>(ToOutputs(*group));
    }
    TECTONIC_ASSIGN_OR_RETURN(auto tagged, cache_->Owned(ctx, since));
    if (const auto* owned = FirstOwnedBy(tagged, ctx)) {
      return std::optional<Outputs>(ToOutputs(*owned));
    }
    return FindByName(ctx, props, since);
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateSecurityGroupInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.name, RequiredString(props, "group_name"));
    TECTONIC_ASSIGN_OR_RETURN(in.vpc_id, RequiredString(props, "vpc_id"));
    in.description = StringOr(props, "description", in.name);
    in.tags = TagsFor(ctx, props);
    cache_->Touch(ctx.key);
    auto id = ec2_.CreateSecurityGroup(in);
    if (HasAwsCode(id.status(), "InvalidGroup.Duplicate")) {
      TECTONIC_ASSIGN_OR_RETURN(auto found, FindByName(ctx, props, cache_->Since(ctx.key)));
      if (found) return *found;
      return Status::NotYetConsistent("security group " + in.name + " exists but is not visible");
    }
    if (!id.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(id.status()));
    // The ARN needs the owner account, which only a describe tells; Wait adds it if the new
    // group is not visible yet. Groups created together share one describe.
    auto group = cache_->ById(ctx.cluster_id, *id, cache_->Since(ctx.key));
    if (group.ok() && *group) return ToOutputs(**group);
    return Outputs{{"id", *id}};
  }

  Result<Poll> Wait(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    if (outputs.contains("arn")) return PollDone(outputs);
    std::string id = outputs.value("id", "");
    auto group = cache_->ById(ctx.cluster_id, id, cache_->PollSince(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return Status::NotYetConsistent("security group " + id + " not visible yet");
    return PollDone(ToOutputs(**group));
  }

  // DeleteSecurityGroup is synchronous: once it succeeded the group is gone (no WaitDeleted).
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_->Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(ec2_.DeleteSecurityGroup(outputs.value("id", ""))));
  }

 private:
  // Natural key: the group name in the VPC. A group of that name owned by another cluster is
  // not ours to use.
  // One answer (every group of the VPC) serves every node's look.
  Result<std::optional<Outputs>> FindByName(const NodeContext& ctx, const json& props,
                                            DescribeCache<aws::SecurityGroup>::Time since) {
    std::string name = StringOr(props, "group_name", "");
    std::string vpc_id = StringOr(props, "vpc_id", "");
    if (name.empty() || vpc_id.empty()) return std::optional<Outputs>();
    TECTONIC_ASSIGN_OR_RETURN(auto groups, cache_->Filtered({{"vpc-id", {vpc_id}}}, since));
    // The filters are checked again here (an emulator may ignore them); a group of that name
    // that is not this cluster's (another cluster's, or the user's in a borrowed VPC) is
    // refused: adopting it would let destroy delete it.
    for (const auto& group : groups) {
      if (group.name != name || group.vpc_id != vpc_id) continue;
      TECTONIC_RETURN_IF_ERROR(InContext(
          ctx, CheckNameOwner(group.tags, ctx, "security group " + name + " in " + vpc_id)));
      return std::optional<Outputs>(ToOutputs(group));
    }
    return std::optional<Outputs>();
  }

  Outputs ToOutputs(const aws::SecurityGroup& group) const {
    return Outputs{{"id", group.id}, {"arn", GroupArn(client_.endpoints().region(), group)}};
  }

  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  std::shared_ptr<GroupCache> cache_;
};

// One wanted rule in a comparable form.
struct Rule {
  std::string protocol;  // lower case; "-1" for all
  int from_port = -1;
  int to_port = -1;
  std::string cidr;
  std::string group_id;
  std::string description;
};

std::string NormalProtocol(std::string protocol) {
  std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (protocol == "all" || protocol.empty()) return "-1";
  if (protocol == "6") return "tcp";
  if (protocol == "17") return "udp";
  if (protocol == "1") return "icmp";
  return protocol;
}

Result<std::vector<Rule>> ParseRules(const json& props, const char* field) {
  std::vector<Rule> rules;
  if (!props.contains(field)) return rules;
  if (!props[field].is_array()) return Status::InvalidInput(std::string(field) + " must be a list");
  for (const auto& r : props[field]) {
    Rule rule;
    rule.protocol = NormalProtocol(StringOr(r, "protocol", "-1"));
    rule.from_port = IntOr(r, "from_port", -1);
    rule.to_port = IntOr(r, "to_port", -1);
    rule.cidr = StringOr(r, "cidr", "");
    rule.group_id = StringOr(r, "source_security_group_id", "");
    rule.description = StringOr(r, "description", "");
    if (rule.cidr.empty() == rule.group_id.empty()) {
      return Status::InvalidInput(std::string(field) +
                                  ": each rule needs exactly one of cidr and "
                                  "source_security_group_id");
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

bool SamePorts(const Rule& rule, const aws::IpPermission& perm) {
  if (rule.protocol == "-1") return true;  // ports are meaningless for "all traffic"
  return rule.from_port == perm.from_port && rule.to_port == perm.to_port;
}

bool Present(const Rule& rule, const std::vector<aws::IpPermission>& live) {
  for (const auto& perm : live) {
    if (NormalProtocol(perm.protocol) != rule.protocol || !SamePorts(rule, perm)) continue;
    for (const auto& range : perm.ip_ranges) {
      if (!rule.cidr.empty() && range.cidr == rule.cidr) return true;
    }
    for (const auto& pair : perm.groups) {
      if (!rule.group_id.empty() && pair.group_id == rule.group_id) return true;
    }
  }
  return false;
}

aws::IpPermission ToPermission(const Rule& rule) {
  aws::IpPermission perm;
  perm.protocol = rule.protocol;
  perm.from_port = rule.from_port;
  perm.to_port = rule.to_port;
  if (!rule.cidr.empty()) perm.ip_ranges.push_back({rule.cidr, rule.description});
  if (!rule.group_id.empty()) perm.groups.push_back({rule.group_id, rule.description});
  return perm;
}

std::vector<aws::IpPermission> Missing(const std::vector<Rule>& wanted,
                                       const std::vector<aws::IpPermission>& live) {
  std::vector<aws::IpPermission> out;
  for (const auto& rule : wanted) {
    if (!Present(rule, live)) out.push_back(ToPermission(rule));
  }
  return out;
}

// AuthorizeSecurityGroupEgress is not in aws::Ec2 yet: the same IpPermissions encoding.
Status AuthorizeEgress(aws::AwsClient& client, const std::string& group_id,
                       const std::vector<aws::IpPermission>& permissions) {
  aws::FormParams p;
  p.Add("GroupId", group_id);
  for (size_t i = 0; i < permissions.size(); ++i) {
    const auto& perm = permissions[i];
    std::string base = "IpPermissions." + std::to_string(i + 1);
    p.Add(base + ".IpProtocol", perm.protocol);
    if (perm.protocol != "-1") {
      p.Add(base + ".FromPort", std::to_string(perm.from_port));
      p.Add(base + ".ToPort", std::to_string(perm.to_port));
    }
    for (size_t j = 0; j < perm.ip_ranges.size(); ++j) {
      std::string range = base + ".IpRanges." + std::to_string(j + 1);
      p.Add(range + ".CidrIp", perm.ip_ranges[j].cidr);
      if (!perm.ip_ranges[j].description.empty()) {
        p.Add(range + ".Description", perm.ip_ranges[j].description);
      }
    }
    for (size_t j = 0; j < perm.groups.size(); ++j) {
      std::string group = base + ".Groups." + std::to_string(j + 1);
      p.Add(group + ".GroupId", perm.groups[j].group_id);
      if (!perm.groups[j].description.empty()) {
        p.Add(group + ".Description", perm.groups[j].description);
      }
    }
  }
  return aws::ec2_internal::Call(client, aws::ops::kEc2AuthorizeSecurityGroupEgress, p);
}

class SecurityGroupRulesHandler : public engine::ResourceHandler {
 public:
  SecurityGroupRulesHandler(aws::AwsClient& client, std::shared_ptr<GroupCache> cache)
      : client_(client), ec2_(client), cache_(OrNew(std::move(cache), client)) {}

  void BeginRun() override { cache_->Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>&) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string group_id, RequiredString(props, "group_id"));
    TECTONIC_ASSIGN_OR_RETURN(auto ingress, ParseRules(props, "ingress"));
    TECTONIC_ASSIGN_OR_RETURN(auto egress, ParseRules(props, "egress"));
    auto group = cache_->ById(ctx.cluster_id, group_id, cache_->Since(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return std::optional<Outputs>();
    if (!Missing(ingress, (*group)->ingress).empty() ||
        !Missing(egress, (*group)->egress).empty()) {
      return std::optional<Outputs>();
    }
    return std::optional<Outputs>(ToOutputs(group_id, ingress.size() + egress.size()));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string group_id, RequiredString(props, "group_id"));
    TECTONIC_ASSIGN_OR_RETURN(auto ingress, ParseRules(props, "ingress"));
    TECTONIC_ASSIGN_OR_RETURN(auto egress, ParseRules(props, "egress"));
    auto group = cache_->ById(ctx.cluster_id, group_id, cache_->Since(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return Status::NotYetConsistent("security group " + group_id + " not visible yet");
    auto add_ingress = Missing(ingress, (*group)->ingress);
    auto add_egress = Missing(egress, (*group)->egress);
    cache_->Touch(ctx.key);
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, Authorize(group_id, add_ingress, /*egress=*/false)));
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, Authorize(group_id, add_egress, /*egress=*/true)));
    return ToOutputs(group_id, ingress.size() + egress.size());
  }

  // Revokes the wanted ingress rules still present (egress rules name only CIDR blocks here
  // and never block a group's deletion; they go with the group).
  Status Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) override {
    std::string group_id = outputs.value("id", StringOr(props, "group_id", ""));
    TECTONIC_ASSIGN_OR_RETURN(auto ingress, ParseRules(props, "ingress"));
    auto group = cache_->ById(ctx.cluster_id, group_id, cache_->Since(ctx.key));
    if (!group.ok()) return InContext(ctx, group.status());
    if (!*group) return Status::Ok();
    cache_->Touch(ctx.key);
    std::vector<aws::IpPermission> revoke;
    for (const auto& rule : ingress) {
      if (Present(rule, (*group)->ingress)) revoke.push_back(ToPermission(rule));
    }
    if (revoke.empty()) return Status::Ok();
    Status revoked = ec2_.RevokeSecurityGroupIngress(group_id, revoke);
    if (!IsNotFound(revoked)) return InContext(ctx, ClassifyDelete(revoked));
    // One missing rule or referenced group fails the whole call: revoke one by one.
    for (const auto& perm : revoke) {
      Status one = ec2_.RevokeSecurityGroupIngress(group_id, {perm});
      if (!IsNotFound(one)) TECTONIC_RETURN_IF_ERROR(InContext(ctx, ClassifyDelete(one)));
    }
    return Status::Ok();
  }

 private:
  // One call for all; when it races with someone adding one of them (Duplicate rejects the
  // whole call), one call per rule, each Duplicate meaning "already there".
  Status Authorize(const std::string& group_id, const std::vector<aws::IpPermission>& perms,
                   bool egress) {
    if (perms.empty()) return Status::Ok();
    auto call = [&](const std::vector<aws::IpPermission>& some) {
      return egress ? AuthorizeEgress(client_, group_id, some)
                    : ec2_.AuthorizeSecurityGroupIngress(group_id, some);
    };
    Status all = call(perms);
    if (!HasAwsCode(all, "InvalidPermission.Duplicate")) return NotFoundIsNotYetConsistent(all);
    for (const auto& perm : perms) {
      Status one = call({perm});
      if (!one.ok() && !HasAwsCode(one, "InvalidPermission.Duplicate")) {
        return NotFoundIsNotYetConsistent(one);
      }
    }
    return Status::Ok();
  }

  static Outputs ToOutputs(const std::string& group_id, size_t count) {
    return Outputs{{"id", group_id}, {"rule_count", count}};
  }

  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  std::shared_ptr<GroupCache> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewSecurityGroupHandler(aws::AwsClient& client) {
  return std::make_unique<SecurityGroupHandler>(client, nullptr);
}

std::unique_ptr<engine::ResourceHandler> NewSecurityGroupRulesHandler(aws::AwsClient& client) {
  return std::make_unique<SecurityGroupRulesHandler>(client, nullptr);
}

SecurityGroupHandlers NewSecurityGroupHandlers(aws::AwsClient& client) {
  auto cache = std::make_shared<GroupCache>(client);
  return {std::make_unique<SecurityGroupHandler>(client, cache),
          std::make_unique<SecurityGroupRulesHandler>(client, cache)};
}

}  // namespace tectonic::resources
