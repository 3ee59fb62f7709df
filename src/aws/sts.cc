#include "aws/sts.h"

#include "aws/xml_util.h"
#include "util/redact.h"

namespace tectonic::aws {

namespace {

Result<TemporaryCredentials> ParseCredentials(pugi::xml_node result, const char* op) {
  pugi::xml_node c = result.child("Credentials");
  TemporaryCredentials out;
  out.access_key_id = xml::Text(c, "AccessKeyId");
  out.secret_access_key = xml::Text(c, "SecretAccessKey");
  out.session_token = xml::Text(c, "SessionToken");
  out.expiration = xml::Text(c, "Expiration");
  if (out.access_key_id.empty() || out.secret_access_key.empty()) {
    return Status::Internal(std::string(op) + ": the answer has no credentials");
  }
  RegisterSecret(out.secret_access_key);
  RegisterSecret(out.session_token);
  out.assumed_role_arn = xml::Text(result.child("AssumedRoleUser"), "Arn");
  out.assumed_role_id = xml::Text(result.child("AssumedRoleUser"), "AssumedRoleId");
  return out;
}

}  // namespace

Result<CallerIdentity> Sts::GetCallerIdentity() {
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kStsGetCallerIdentity, {}));
  CallerIdentity id{xml::Text(r.result(), "Account"), xml::Text(r.result(), "Arn"),
                    xml::Text(r.result(), "UserId")};
  if (id.account.empty()) return Status::Internal("GetCallerIdentity: the answer has no Account");
  return id;
}

Result<TemporaryCredentials> Sts::AssumeRole(const AssumeRoleInput& input) {
  FormParams p;
  p.Add("RoleArn", input.role_arn).Add("RoleSessionName", input.session_name);
  if (input.duration_seconds > 0) p.Add("DurationSeconds", std::to_string(input.duration_seconds));
  if (!input.external_id.empty()) p.Add("ExternalId", input.external_id);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kStsAssumeRole, p));
  return ParseCredentials(r.result(), "AssumeRole");
}

}  // namespace tectonic::aws
