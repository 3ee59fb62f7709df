// IAM: users, roles (trust policies), inline and managed policies, instance profiles and
// SimulatePrincipalPolicy answered by the same evaluator as --enforce-iam.
#include "iam_eval.h"
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

void WriteRole(XmlWriter& w, const Role& r, const std::string& element) {
  w.Open(element)
      .Leaf("Path", r.path)
      .Leaf("RoleName", r.name)
      .Leaf("RoleId", r.id)
      .Leaf("Arn", r.arn);
  w.Leaf("CreateDate", IsoTime(r.created_ms))
      .Leaf("AssumeRolePolicyDocument", UrlEncode(r.trust_policy));
  w.Opt("Description", r.description).Leaf("MaxSessionDuration", r.max_session).Close();
}

void WriteProfile(Context& ctx, XmlWriter& w, const InstanceProfile& p,
                  const std::string& element) {
  w.Open(element)
      .Leaf("Path", p.path)
      .Leaf("InstanceProfileName", p.name)
      .Leaf("InstanceProfileId", p.id);
  w.Leaf("Arn", p.arn).Leaf("CreateDate", IsoTime(p.created_ms)).Open("Roles");
  for (const auto& r : p.roles)
    if (ctx.world.roles.count(r)) WriteRole(w, ctx.world.roles.at(r), "member");
  w.Close().Close();
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
    for (const auto& t : ctx.req.Params().Items("Tags.member"))
      r.tags[t.Get("Key")] = t.Get("Value");
    ctx.world.roles[name] = r;
    WriteRole(w, r, "Role");
  } else if (op == "GetRole") {
    WriteRole(w, FindRole(ctx, Arg(ctx, "RoleName")), "Role");
  } else if (op == "ListRoles") {
    w.Open("Roles");
    for (const auto& [name, r] : ctx.world.roles) WriteRole(w, r, "member");
    w.Close().Bool("IsTruncated", false);
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
    w.Open("PolicyNames");
    for (const auto& [n, d] : FindRole(ctx, Arg(ctx, "RoleName")).inline_policies)
      w.Leaf("member", n);
    w.Close().Bool("IsTruncated", false);
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
    ctx.world.instance_profiles[name] = p;
    WriteProfile(ctx, w, p, "InstanceProfile");
  } else if (op == "GetInstanceProfile") {
    WriteProfile(ctx, w, FindProfile(ctx, Arg(ctx, "InstanceProfileName")), "InstanceProfile");
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
    w.Open("EvaluationResults");
    for (const auto& action : actions) {
      for (const auto& resource : resources) {
        w.Open("member").Leaf("EvalActionName", action).Leaf("EvalResourceName", resource);
        w.Leaf("EvalDecision", DecisionName(Evaluate(docs, action, resource)));
        w.Open("MatchedStatements").Close().Open("MissingContextValues").Close().Close();
      }
    }
    w.Close().Bool("IsTruncated", false);
  } else {
    Fail(400, "InvalidAction", "Could not find operation " + op + " for version 2010-05-08");
  }
  return QueryEnd(ctx, w);
}

}  // namespace awsim
