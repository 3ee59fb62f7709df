// IAM: users, roles (trust policies), inline and managed policies, instance profiles and
// SimulatePrincipalPolicy answered by the same evaluator as --enforce-iam.
#include <algorithm>
#include <cstdio>

#include "iam_eval.h"
#include "paging.h"
#include "request.h"
#include "server.h"

namespace awsim {

namespace {

std::string Arg(Context& ctx, const std::string& name) {
  auto v = ctx.req.Params().Find(name);
  if (!v || v->empty())
    Fail(400, "ValidationError",
         "1 validation error detected: Value null at '" + name +
             "' failed to satisfy constraint: Member must not be null");
  return *v;
}

void CheckName(const std::string& name, size_t max) {
  bool ok = !name.empty() && name.size() <= max;
  for (char c : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) ||
                std::string("+=,.@-_").find(c) != std::string::npos);
  if (!ok)
    Fail(400, "ValidationError",
         "The specified value for name is invalid. It must contain only alphanumeric characters "
         "and/or the following: +=,.@_-");
}

void WriteTagList(XmlWriter& w, const Tags& tags) {
  w.Open("Tags");
  for (const auto& [k, v] : tags) w.Open("member").Leaf("Key", k).Leaf("Value", v).Close();
  w.Close();
}

// Get* and Create* answers carry tags; list members do not.
void WriteRole(XmlWriter& w, const Role& r, const std::string& element, bool with_tags = false) {
  w.Open(element)
      .Leaf("Path", r.path)
      .Leaf("RoleName", r.name)
      .Leaf("RoleId", r.id)
      .Leaf("Arn", r.arn);
  w.Leaf("CreateDate", IsoTime(r.created_ms))
      .Leaf("AssumeRolePolicyDocument", UrlEncode(r.trust_policy));
  w.Opt("Description", r.description).Leaf("MaxSessionDuration", r.max_session);
  if (with_tags && !r.tags.empty()) WriteTagList(w, r.tags);
  w.Close();
}

void WriteProfile(Context& ctx, XmlWriter& w, const InstanceProfile& p, const std::string& element,
                  bool with_tags = false) {
  w.Open(element)
      .Leaf("Path", p.path)
      .Leaf("InstanceProfileName", p.name)
      .Leaf("InstanceProfileId", p.id);
  w.Leaf("Arn", p.arn).Leaf("CreateDate", IsoTime(p.created_ms)).Open("Roles");
  for (const auto& r : p.roles)
    if (ctx.world.roles.count(r)) WriteRole(w, ctx.world.roles.at(r), "member");
  w.Close();
  if (with_tags && !p.tags.empty()) WriteTagList(w, p.tags);
  w.Close();
}

// Marker / MaxItems (1-1000, default 100) in; IsTruncated and Marker out.
Pager IamPager(const Context& ctx) {
  PageRules rules;
  rules.default_size = 100;
  rules.size_param = "MaxItems";
  rules.token_param = "Marker";
  rules.size_code = rules.token_code = "ValidationError";
  return ReadPager(ctx.operation, ctx.req.Params().Find("Marker"),
                   ctx.req.Params().Find("MaxItems"), rules);
}

void EndPage(XmlWriter& w, const Pager& pager) {
  w.Bool("IsTruncated", pager.Truncated());
  if (pager.Truncated()) w.Leaf("Marker", pager.NextToken());
}

bool UnderPath(const Context& ctx, const std::string& path) {
  return path.rfind(ctx.req.Params().Get("PathPrefix", "/"), 0) == 0;
}

// Tags.member.N into `tags` (at most 50 in all).
void AddTags(Context& ctx, Tags& tags) {
  for (const auto& t : ctx.req.Params().Items("Tags.member")) {
    if (t.Get("Key").empty())
      Fail(400, "ValidationError", "1 validation error detected: a tag key must not be empty.");
    tags[t.Get("Key")] = t.Get("Value");
  }
  if (tags.size() > 50) Fail(400, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
}

void RemoveTags(Context& ctx, Tags& tags) {
  for (const auto& k : ctx.req.Params().List("TagKeys.member")) tags.erase(k);
}

Role& FindRole(Context& ctx, const std::string& name) {
  auto it = ctx.world.roles.find(name);
  if (it == ctx.world.roles.end())
    Fail(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
  return it->second;
}

InstanceProfile& FindProfile(Context& ctx, const std::string& name) {
  auto it = ctx.world.instance_profiles.find(name);
  if (it == ctx.world.instance_profiles.end())
    Fail(404, "NoSuchEntity", "Instance Profile " + name + " cannot be found.");
  return it->second;
}

std::string Account() { return kAccountId; }

}  // namespace

std::string IamResource(Context& ctx) {
  const ParamView params = ctx.req.Params();
  std::string prefix = std::string("arn:aws:iam::") + kAccountId + ":";
  const std::string& op = ctx.operation;
  if (op == "SimulatePrincipalPolicy") return params.Get("PolicySourceArn", "*");
  if (op == "ListRoles" || op == "ListInstanceProfiles") {
    std::string kind = op == "ListRoles" ? "role" : "instance-profile";
    return prefix + kind + params.Get("PathPrefix", "/") + "*";
  }
  if (auto name = params.Find("InstanceProfileName")) {
    auto it = ctx.world.instance_profiles.find(*name);
    std::string path =
        it != ctx.world.instance_profiles.end() ? it->second.path : params.Get("Path", "/");
    return prefix + "instance-profile" + path + *name;
  }
  if (auto name = params.Find("RoleName")) {
    auto it = ctx.world.roles.find(*name);
    std::string path = it != ctx.world.roles.end() ? it->second.path : params.Get("Path", "/");
    return prefix + "role" + path + *name;
  }
  if (auto name = params.Find("UserName")) {
    auto it = ctx.world.users.find(*name);
    return prefix + "user" + (it != ctx.world.users.end() ? it->second.path : "/") + *name;
  }
  if (op == "GetUser") return ctx.caller.arn;
  return "*";
}

Response HandleIam(Context& ctx) {
  XmlWriter w = QueryBegin(ctx);
  const std::string& op = ctx.operation;
  std::string prefix = "arn:aws:iam::" + Account() + ":";
  if (op == "GetUser") {
    std::string name = ctx.req.Params().Get("UserName", ctx.caller.user_name);
    auto it = ctx.world.users.find(name);
    if (it == ctx.world.users.end())
      Fail(404, "NoSuchEntity", "The user with name " + name + " cannot be found.");
    w.Open("User")
        .Leaf("Path", it->second.path)
        .Leaf("UserName", name)
        .Leaf("UserId", it->second.id);
    w.Leaf("Arn", it->second.arn).Leaf("CreateDate", IsoTime(it->second.created_ms)).Close();
  } else if (op == "CreateRole") {
    std::string name = Arg(ctx, "RoleName");
    CheckName(name, 64);
    if (ctx.world.roles.count(name))
      Fail(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
    if (ctx.world.roles.size() >= 1000)
      Fail(409, "LimitExceeded", "Cannot exceed quota for RolesPerAccount: 1000");
    Role r;
    r.name = name;
    r.path = ctx.req.Params().Get("Path", "/");
    r.id = "AROA" + ctx.world.Upper(17);
    r.arn = prefix + "role" + r.path + name;
    r.trust_policy = Arg(ctx, "AssumeRolePolicyDocument");
    std::string reason;
    if (!ValidPolicyDocument(r.trust_policy, &reason)) Fail(400, "MalformedPolicyDocument", reason);
    r.description = ctx.req.Params().Get("Description");
    r.created_ms = ctx.now_ms;
    AddTags(ctx, r.tags);
    ctx.world.roles[name] = r;
    WriteRole(w, r, "Role", true);
  } else if (op == "GetRole") {
    WriteRole(w, FindRole(ctx, Arg(ctx, "RoleName")), "Role", true);
  } else if (op == "ListRoles") {
    Pager pager = IamPager(ctx);
    w.Open("Roles");
    for (const auto& [name, r] : ctx.world.roles)
      if (UnderPath(ctx, r.path) && pager.Take(name)) WriteRole(w, r, "member");
    w.Close();
    EndPage(w, pager);
  } else if (op == "TagRole") {
    AddTags(ctx, FindRole(ctx, Arg(ctx, "RoleName")).tags);
  } else if (op == "UntagRole") {
    RemoveTags(ctx, FindRole(ctx, Arg(ctx, "RoleName")).tags);
  } else if (op == "ListRoleTags") {
    WriteTagList(w, FindRole(ctx, Arg(ctx, "RoleName")).tags);
    w.Bool("IsTruncated", false);
  } else if (op == "TagInstanceProfile") {
    AddTags(ctx, FindProfile(ctx, Arg(ctx, "InstanceProfileName")).tags);
  } else if (op == "UntagInstanceProfile") {
    RemoveTags(ctx, FindProfile(ctx, Arg(ctx, "InstanceProfileName")).tags);
  } else if (op == "ListInstanceProfileTags") {
    WriteTagList(w, FindProfile(ctx, Arg(ctx, "InstanceProfileName")).tags);
    w.Bool("IsTruncated", false);
  } else if (op == "DeleteRole") {
    Role& r = FindRole(ctx, Arg(ctx, "RoleName"));
    bool in_profile = false;
    for (const auto& [n, p] : ctx.world.instance_profiles)
      for (const auto& rn : p.roles) in_profile = in_profile || rn == r.name;
    if (in_profile)
      Fail(409, "DeleteConflict",
           "Cannot delete entity, must remove roles from instance profile first.");
    if (!r.inline_policies.empty() || !r.attached.empty())
      Fail(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
    ctx.world.roles.erase(r.name);
  } else if (op == "PutRolePolicy" || op == "PutUserPolicy") {
    std::string doc = Arg(ctx, "PolicyDocument"), reason;
    if (!ValidPolicyDocument(doc, &reason)) Fail(400, "MalformedPolicyDocument", reason);
    std::string policy = Arg(ctx, "PolicyName");
    if (op == "PutRolePolicy") {
      FindRole(ctx, Arg(ctx, "RoleName")).inline_policies[policy] = doc;
    } else {
      auto it = ctx.world.users.find(Arg(ctx, "UserName"));
      if (it == ctx.world.users.end()) Fail(404, "NoSuchEntity", "The user cannot be found.");
      it->second.inline_policies[policy] = doc;
    }
  } else if (op == "GetRolePolicy") {
    Role& r = FindRole(ctx, Arg(ctx, "RoleName"));
    std::string policy = Arg(ctx, "PolicyName");
    auto it = r.inline_policies.find(policy);
    if (it == r.inline_policies.end())
      Fail(404, "NoSuchEntity", "The role policy with name " + policy + " cannot be found.");
    w.Leaf("RoleName", r.name)
        .Leaf("PolicyName", policy)
        .Leaf("PolicyDocument", UrlEncode(it->second));
  } else if (op == "DeleteRolePolicy") {
    Role& r = FindRole(ctx, Arg(ctx, "RoleName"));
    if (!r.inline_policies.erase(Arg(ctx, "PolicyName")))
      Fail(404, "NoSuchEntity", "The role policy cannot be found.");
  } else if (op == "ListRolePolicies") {
    Role& r = FindRole(ctx, Arg(ctx, "RoleName"));
    Pager pager = IamPager(ctx);
    w.Open("PolicyNames");
    for (const auto& [n, d] : r.inline_policies)
      if (pager.Take(n)) w.Leaf("member", n);
    w.Close();
    EndPage(w, pager);
  } else if (op == "CreateInstanceProfile") {
    std::string name = Arg(ctx, "InstanceProfileName");
    CheckName(name, 128);
    if (ctx.world.instance_profiles.count(name))
      Fail(409, "EntityAlreadyExists", "Instance Profile " + name + " already exists.");
    InstanceProfile p;
    p.name = name;
    p.path = ctx.req.Params().Get("Path", "/");
    p.id = "AIPA" + ctx.world.Upper(17);
    p.arn = prefix + "instance-profile" + p.path + name;
    p.created_ms = p.changed_ms = ctx.now_ms;
    AddTags(ctx, p.tags);
    ctx.world.instance_profiles[name] = p;
    WriteProfile(ctx, w, p, "InstanceProfile", true);
  } else if (op == "GetInstanceProfile") {
    WriteProfile(ctx, w, FindProfile(ctx, Arg(ctx, "InstanceProfileName")), "InstanceProfile",
                 true);
  } else if (op == "ListInstanceProfiles" || op == "ListInstanceProfilesForRole") {
    std::string role;
    if (op == "ListInstanceProfilesForRole") role = FindRole(ctx, Arg(ctx, "RoleName")).name;
    Pager pager = IamPager(ctx);
    w.Open("InstanceProfiles");
    for (const auto& [name, p] : ctx.world.instance_profiles) {
      bool match = role.empty() ? UnderPath(ctx, p.path)
                                : std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
      if (match && pager.Take(name)) WriteProfile(ctx, w, p, "member");
    }
    w.Close();
    EndPage(w, pager);
  } else if (op == "AddRoleToInstanceProfile") {
    InstanceProfile& p = FindProfile(ctx, Arg(ctx, "InstanceProfileName"));
    Role& r = FindRole(ctx, Arg(ctx, "RoleName"));
    if (!p.roles.empty())
      Fail(409, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    p.roles.push_back(r.name);
    p.changed_ms = ctx.now_ms;
  } else if (op == "RemoveRoleFromInstanceProfile") {
    InstanceProfile& p = FindProfile(ctx, Arg(ctx, "InstanceProfileName"));
    std::string role = Arg(ctx, "RoleName");
    if (!std::erase(p.roles, role))
      Fail(404, "NoSuchEntity", "The role " + role + " is not in the instance profile.");
  } else if (op == "DeleteInstanceProfile") {
    InstanceProfile& p = FindProfile(ctx, Arg(ctx, "InstanceProfileName"));
    if (!p.roles.empty())
      Fail(409, "DeleteConflict",
           "Cannot delete entity, must remove roles from instance profile first.");
    ctx.world.instance_profiles.erase(p.name);
  } else if (op == "SimulatePrincipalPolicy") {
    std::string source = Arg(ctx, "PolicySourceArn");
    Caller who;
    for (const auto& [n, u] : ctx.world.users)
      if (u.arn == source) who.user_name = n;
    for (const auto& [n, r] : ctx.world.roles)
      if (r.arn == source) who.role_name = n;
    if (who.user_name.empty() && who.role_name.empty())
      Fail(400, "NoSuchEntity", "PolicySourceArn " + source + " does not exist.");
    auto docs = ctx.emu.PoliciesOf(who);
    auto resources = ctx.req.Params().List("ResourceArns.member");
    if (resources.empty()) resources.push_back("*");
    auto actions = ctx.req.Params().List("ActionNames.member");
    if (actions.empty()) Fail(400, "ValidationError", "ActionNames must not be empty.");
    Pager pager = IamPager(ctx);
    w.Open("EvaluationResults");
    size_t index = 0;
    for (const auto& action : actions) {
      for (const auto& resource : resources) {
        char key[16];
        std::snprintf(key, sizeof(key), "%08zu", index++);
        if (!pager.Take(key)) continue;
        w.Open("member").Leaf("EvalActionName", action).Leaf("EvalResourceName", resource);
        w.Leaf("EvalDecision", DecisionName(Evaluate(docs, action, resource)));
        w.Open("MatchedStatements").Close().Open("MissingContextValues").Close().Close();
      }
    }
    w.Close();
    EndPage(w, pager);
  } else {
    Fail(400, "InvalidAction", "Could not find operation " + op + " for version 2010-05-08");
  }
  return QueryEnd(ctx, w);
}

}  // namespace awsim
