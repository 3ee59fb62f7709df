#include "aws/kms.h"

#include "aws/json_util.h"
#include "aws/xml_util.h"
#include "util/redact.h"

namespace tectonic::aws {

namespace {

using json_read::Bool;
using json_read::List;
using json_read::Num;
using json_read::Object;
using json_read::Str;
using nlohmann::json;

json TagList(const Tags& tags) {
  json list = json::array();
  for (const auto& [key, value] : tags) list.push_back({{"TagKey", key}, {"TagValue", value}});
  return list;
}

KeyMetadata ParseKey(const json& m) {
  KeyMetadata k;
  k.key_id = Str(m, "KeyId");
  k.arn = Str(m, "Arn");
  k.description = Str(m, "Description");
  k.enabled = Bool(m, "Enabled");
  k.key_state = Str(m, "KeyState");
  k.key_usage = Str(m, "KeyUsage");
  k.key_spec = Str(m, "KeySpec");
  k.key_manager = Str(m, "KeyManager");
  k.creation_date = Num(m, "CreationDate");
  k.deletion_date = Num(m, "DeletionDate");
  return k;
}

Result<std::string> Blob(const json& j, const char* key, const char* op) {
  std::string out;
  if (!encoding::Base64Decode(Str(j, key), &out) || out.empty()) {
    return Status::Internal(std::string(op) + ": the answer has no valid " + key);
  }
  return out;
}

// Marker in, NextMarker out, Truncated says whether there is more.
template <typename F>
Status Pages(AwsClient& client, const Operation& op, json body, F on_page) {
  std::string marker;
  while (true) {
    if (!marker.empty()) body["Marker"] = marker;
    TECTONIC_ASSIGN_OR_RETURN(json r, client.Json(op, body));
    on_page(r);
    std::string next = Str(r, "NextMarker");
    if (!Bool(r, "Truncated") || next.empty() || next == marker) return Status::Ok();
    marker = std::move(next);
  }
}

}  // namespace

Result<KeyMetadata> Kms::CreateKey(const CreateKeyInput& input) {
  json body = json::object();
  if (!input.description.empty()) body["Description"] = input.description;
  if (!input.key_usage.empty()) body["KeyUsage"] = input.key_usage;
  if (!input.key_spec.empty()) body["KeySpec"] = input.key_spec;
  if (!input.policy.empty()) body["Policy"] = input.policy;
  if (!input.tags.empty()) body["Tags"] = TagList(input.tags);
  TECTONIC_ASSIGN_OR_RETURN(json r, client_.Json(ops::kKmsCreateKey, body));
  KeyMetadata key = ParseKey(Object(r, "KeyMetadata"));
  if (key.key_id.empty()) return Status::Internal("CreateKey: the answer has no KeyId");
  return key;
}

Result<KeyMetadata> Kms::DescribeKey(const std::string& key) {
  TECTONIC_ASSIGN_OR_RETURN(json r, client_.Json(ops::kKmsDescribeKey, {{"KeyId", key}}));
  return ParseKey(Object(r, "KeyMetadata"));
}

Status Kms::CreateAlias(const std::string& alias_name, const std::string& target_key_id) {
  return client_
      .Json(ops::kKmsCreateAlias, {{"AliasName", alias_name}, {"TargetKeyId", target_key_id}})
      .status();
}

Result<std::vector<KmsAlias>> Kms::ListAliases(const std::string& key_id) {
  json body = json::object();
  if (!key_id.empty()) body["KeyId"] = key_id;
  std::vector<KmsAlias> out;
  TECTONIC_RETURN_IF_ERROR(Pages(client_, ops::kKmsListAliases, body, [&](const json& r) {
    for (const json& a : List(r, "Aliases")) {
      out.push_back({Str(a, "AliasName"), Str(a, "AliasArn"), Str(a, "TargetKeyId")});
    }
  }));
  return out;
}

Status Kms::DeleteAlias(const std::string& alias_name) {
  return client_.Json(ops::kKmsDeleteAlias, {{"AliasName", alias_name}}).status();
}

Result<double> Kms::ScheduleKeyDeletion(const std::string& key_id, int pending_days) {
  TECTONIC_ASSIGN_OR_RETURN(
      json r, client_.Json(ops::kKmsScheduleKeyDeletion,
                           {{"KeyId", key_id}, {"PendingWindowInDays", pending_days}}));
  return Num(r, "DeletionDate");
}

Result<EncryptOutput> Kms::Encrypt(const std::string& key_id, const std::string& plaintext) {
  TECTONIC_ASSIGN_OR_RETURN(
      json r, client_.Json(ops::kKmsEncrypt,
                           {{"KeyId", key_id}, {"Plaintext", encoding::Base64Encode(plaintext)}}));
  TECTONIC_ASSIGN_OR_RETURN(std::string blob, Blob(r, "CiphertextBlob", "Encrypt"));
  return EncryptOutput{std::move(blob), Str(r, "KeyId")};
}

Result<DataKey> Kms::GenerateDataKey(const std::string& key_id, const std::string& key_spec) {
  TECTONIC_ASSIGN_OR_RETURN(
      json r, client_.Json(ops::kKmsGenerateDataKey, {{"KeyId", key_id}, {"KeySpec", key_spec}}));
  TECTONIC_ASSIGN_OR_RETURN(std::string plain, Blob(r, "Plaintext", "GenerateDataKey"));
  TECTONIC_ASSIGN_OR_RETURN(std::string blob, Blob(r, "CiphertextBlob", "GenerateDataKey"));
  RegisterSecret(encoding::Base64Encode(plain));
  return DataKey{std::move(plain), std::move(blob), Str(r, "KeyId")};
}

Result<Tags> Kms::ListResourceTags(const std::string& key_id) {
  Tags tags;
  TECTONIC_RETURN_IF_ERROR(
      Pages(client_, ops::kKmsListResourceTags, {{"KeyId", key_id}}, [&](const json& r) {
        for (const json& t : List(r, "Tags")) {
          tags[Str(t, "TagKey")] = Str(t, "TagValue");
        }
      }));
  return tags;
}

Status Kms::TagResource(const std::string& key_id, const Tags& tags) {
  return client_.Json(ops::kKmsTagResource, {{"KeyId", key_id}, {"Tags", TagList(tags)}}).status();
}

}  // namespace tectonic::aws
