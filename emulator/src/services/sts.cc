// STS: GetCallerIdentity, GetSessionToken, AssumeRole (trust policy checked for the caller).
#include "iam_eval.h"
#include "server.h"

namespace awsim {

namespace {

void WriteCredentials(XmlWriter& w, const Session& s) {
  w.Open("Credentials").Leaf("AccessKeyId", s.access_key).Leaf("SecretAccessKey", s.secret);
  w.Leaf("SessionToken", s.token).Leaf("Expiration", IsoTime(s.expires_ms)).Close();
}

Session NewSession(Context& ctx, int duration_s) {
  Session s;
  s.access_key = "ASIA" + ctx.world.Upper(16);
  s.secret = ctx.world.Hex(40);
  s.token = "FwoGZXIvYXdzE" + ctx.world.Hex(96);
  s.expires_ms = ctx.now_ms + static_cast<int64_t>(duration_s) * 1000;
  return s;
}

int Duration(Context& ctx, int fallback, int max) {
  std::string d = ctx.req.Params().Get("DurationSeconds");
  int v = d.empty() ? fallback : std::atoi(d.c_str());
  if (v < 900 || v > max) {
    Fail(400, "ValidationError",
         "1 validation error detected: Value '" + d +
             "' at 'durationSeconds' failed to satisfy constraint");
  }
  return v;
}

// Does the trust policy let `principal_arn` assume the role?
bool Trusts(const std::string& trust, const std::string& principal_arn) {
  auto j = nlohmann::json::parse(trust, nullptr, false);
  if (j.is_discarded() || !j.contains("Statement")) return false;
  nlohmann::json sts =
      j["Statement"].is_array() ? j["Statement"] : nlohmann::json::array({j["Statement"]});
  std::string account_root = std::string("arn:aws:iam::") + kAccountId + ":root";
  bool allowed = false;
  for (const auto& st : sts) {
    if (!st.is_object() || !st.contains("Principal")) continue;
    auto actions = st.value("Action", nlohmann::json());
    bool action_ok = false;
    for (const auto& a : actions.is_array() ? actions : nlohmann::json::array({actions})) {
      action_ok = action_ok ||
                  (a.is_string() && WildcardMatch(a.get<std::string>(), "sts:AssumeRole", true));
    }
    if (!action_ok) continue;
    const auto& p = st["Principal"];
    std::vector<std::string> aws;
    if (p.is_string() && p == "*") aws.push_back("*");
    if (p.is_object() && p.contains("AWS")) {
      for (const auto& a : p["AWS"].is_array() ? p["AWS"] : nlohmann::json::array({p["AWS"]}))
        aws.push_back(a.get<std::string>());
    }
    bool match = false;
    for (const auto& a : aws)
      match = match || a == "*" || a == principal_arn || a == account_root || a == kAccountId;
    if (!match) continue;
    if (st.value("Effect", "") == "Deny") return false;
    if (st.value("Effect", "") == "Allow") allowed = true;
  }
  return allowed;
}

}  // namespace

Response HandleSts(Context& ctx) {
  XmlWriter w = QueryBegin(ctx);
  if (ctx.operation == "GetCallerIdentity") {
    w.Leaf("UserId", ctx.caller.user_id).Leaf("Account", kAccountId).Leaf("Arn", ctx.caller.arn);
  } else if (ctx.operation == "GetSessionToken") {
    if (ctx.caller.session)
      Fail(403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
    Session s = NewSession(ctx, Duration(ctx, 43200, 129600));
    s.principal_arn = ctx.caller.arn;
    s.user_id = ctx.caller.user_id;
    s.user_name = ctx.caller.user_name;
    ctx.world.sessions[s.access_key] = s;
    WriteCredentials(w, s);
  } else if (ctx.operation == "AssumeRole") {
    std::string arn = ctx.req.Params().Get("RoleArn");
    std::string session = ctx.req.Params().Get("RoleSessionName");
    if (arn.empty() || session.size() < 2 || session.size() > 64)
      Fail(400, "ValidationError",
           "RoleArn and a RoleSessionName of 2-64 characters are required.");
    const Role* role = nullptr;
    for (const auto& [name, r] : ctx.world.roles) {
      if (r.arn == arn) role = &r;
    }
    if (!role || !Trusts(role->trust_policy, ctx.caller.arn) ||
        ctx.now_ms < role->created_ms + ctx.Duration("iam_propagation")) {
      Fail(403, "AccessDenied",
           "User: " + ctx.caller.arn +
               " is not authorized to perform: sts:AssumeRole on resource: " + arn);
    }
    Session s = NewSession(ctx, Duration(ctx, 3600, role->max_session));
    s.role_name = role->name;
    s.principal_arn =
        std::string("arn:aws:sts::") + kAccountId + ":assumed-role/" + role->name + "/" + session;
    s.user_id = role->id + ":" + session;
    ctx.world.sessions[s.access_key] = s;
    WriteCredentials(w, s);
    w.Open("AssumedRoleUser").Leaf("AssumedRoleId", s.user_id).Leaf("Arn", s.principal_arn).Close();
  } else {
    Fail(400, "InvalidAction",
         "Could not find operation " + ctx.operation + " for version 2011-06-15");
  }
  return QueryEnd(ctx, w);
}

}  // namespace awsim
