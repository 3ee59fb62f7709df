// KMS (JSON 1.1, TrentService): symmetric keys with aliases, enable/disable, scheduled
// deletion (PendingDeletion refuses cryptographic use), tags, and Encrypt / GenerateDataKey
// returning opaque ciphertext blobs (not real cryptography: the blob names the key).
#include <openssl/rand.h>

#include <regex>

#include "codec.h"
#include "paging.h"
#include "server.h"

namespace awsim {

namespace {

using nlohmann::json;

[[noreturn]] void Invalid(const std::string& message) { Fail(400, "ValidationException", message); }

json Body(const Context& ctx) {
  json j = json::parse(ctx.req.body.empty() ? "{}" : ctx.req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) Fail(400, "SerializationException", "Malformed JSON");
  return j;
}

std::string Str(const json& j, const char* key, bool required = true) {
  if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
    if (required)
      Invalid(std::string("1 validation error detected: Value null at '") + key +
              "' failed to satisfy constraint: Member must not be null");
    return "";
  }
  return j[key].get<std::string>();
}

// Resolves a key id, key ARN, alias name or alias ARN in the caller's region.
KmsKey& Resolve(Context& ctx, const std::string& ref) {
  std::string id = ref;
  std::string alias_arn_prefix = ctx.Arn("kms", "alias/");
  std::string key_arn_prefix = ctx.Arn("kms", "key/");
  std::string alias;
  if (ref.rfind("alias/", 0) == 0) alias = ref;
  if (ref.rfind(alias_arn_prefix, 0) == 0) alias = ref.substr(ref.find(":alias/") + 1);
  if (!alias.empty()) {
    auto a = ctx.world.kms_aliases.find(ctx.region + "/" + alias);
    if (a == ctx.world.kms_aliases.end())
      Fail(400, "NotFoundException", "Alias " + ctx.Arn("kms", alias) + " is not found.");
    id = a->second;
  } else if (ref.rfind(key_arn_prefix, 0) == 0) {
    id = ref.substr(key_arn_prefix.size());
  } else if (ref.rfind("arn:", 0) == 0) {
    Fail(400, "NotFoundException", "Invalid arn " + ref);
  }
  auto it = ctx.world.kms_keys.find(id);
  if (it == ctx.world.kms_keys.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "NotFoundException", "Key '" + ctx.Arn("kms", "key/" + id) + "' does not exist");
  return it->second;
}

json Metadata(const Context& ctx, const KmsKey& k) {
  json m = {{"AWSAccountId", kAccountId},
            {"KeyId", k.id},
            {"Arn", k.arn},
            {"CreationDate", EpochSeconds(k.created_ms)},
            {"Enabled", k.state == "Enabled"},
            {"Description", k.description},
            {"KeyUsage", k.key_usage},
            {"KeyState", k.state},
            {"Origin", "AWS_KMS"},
            {"KeyManager", "CUSTOMER"},
            {"CustomerMasterKeySpec", k.key_spec},
            {"KeySpec", k.key_spec},
            {"EncryptionAlgorithms", {"SYMMETRIC_DEFAULT"}},
            {"MultiRegion", false}};
  if (k.state == "PendingDeletion") m["DeletionDate"] = EpochSeconds(k.deletion_ms);
  (void)ctx;
  return m;
}

json TagList(const Tags& tags) {
  json out = json::array();
  for (const auto& [k, v] : tags) out.push_back({{"TagKey", k}, {"TagValue", v}});
  return out;
}

Tags ReadTags(const json& in) {
  Tags tags;
  if (!in.contains("Tags")) return tags;
  if (!in["Tags"].is_array()) Invalid("Tags must be a list");
  for (const auto& t : in["Tags"]) {
    std::string key = t.value("TagKey", "");
    if (key.empty()) Invalid("TagKey must not be empty");
    if (key.rfind("aws:", 0) == 0)
      Fail(400, "TagException", "Tags beginning with aws: are reserved");
    tags[key] = t.value("TagValue", "");
  }
  return tags;
}

void RequireUsable(const KmsKey& k) {
  if (k.state != "Enabled")
    Fail(400, k.state == "Disabled" ? "DisabledException" : "KMSInvalidStateException",
         k.arn + " is " + (k.state == "Disabled" ? "disabled." : "pending deletion."));
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

// An opaque blob: a marker, the key id, then the plaintext length and random padding.
std::string Ciphertext(const KmsKey& k, size_t plain_len) {
  return "awsim-kms:" + k.id + ":" + std::to_string(plain_len) + ":" + RandomBytes(16);
}

}  // namespace

namespace {

// Marker / Limit (1-1000, default 100) in; Truncated and NextMarker out.
Pager KmsPager(const Context& ctx, const json& in) {
  PageRules rules;
  rules.default_size = 100;
  rules.size_param = "Limit";
  rules.token_param = "Marker";
  rules.size_code = "ValidationException";
  rules.token_code = "InvalidMarkerException";
  std::optional<std::string> marker, limit;
  if (in.contains("Marker") && in["Marker"].is_string()) marker = in["Marker"].get<std::string>();
  if (in.contains("Limit")) limit = in["Limit"].dump();
  return ReadPager(ctx.operation, marker, limit, rules);
}

json PageEnd(json out, const Pager& pager) {
  out["Truncated"] = pager.Truncated();
  if (pager.Truncated()) out["NextMarker"] = pager.NextToken();
  return out;
}

}  // namespace

Response HandleKms(Context& ctx) {
  json in = Body(ctx);
  const std::string& op = ctx.operation;
  if (op == "CreateKey") {
    std::string usage = in.value("KeyUsage", "ENCRYPT_DECRYPT");
    std::string spec = in.value("KeySpec", in.value("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"));
    if (usage != "ENCRYPT_DECRYPT" || spec != "SYMMETRIC_DEFAULT")
      Fail(400, "UnsupportedOperationException",
           "awsim models symmetric ENCRYPT_DECRYPT keys only");
    KmsKey k;
    k.id = ctx.world.Uuid();
    k.region = ctx.region;
    k.created_ms = ctx.now_ms;
    k.arn = ctx.Arn("kms", "key/" + k.id);
    k.description = in.value("Description", "");
    k.tags = ReadTags(in);
    ctx.world.kms_keys[k.id] = k;
    ctx.Created(k.id);
    return JsonResponse(ctx, {{"KeyMetadata", Metadata(ctx, k)}});
  }
  if (op == "DescribeKey") {
    return JsonResponse(ctx, {{"KeyMetadata", Metadata(ctx, Resolve(ctx, Str(in, "KeyId")))}});
  }
  if (op == "CreateAlias") {
    std::string name = Str(in, "AliasName");
    static const std::regex kAlias("^alias/[a-zA-Z0-9:/_-]{1,250}$");
    if (!std::regex_match(name, kAlias))
      Invalid("1 validation error detected: Value '" + name +
              "' at 'aliasName' failed to satisfy constraint: Member must satisfy regular "
              "expression pattern: ^[a-zA-Z0-9:/_-]+$");
    if (name.rfind("alias/aws/", 0) == 0)
      Fail(400, "NotAuthorizedException", "Aliases beginning with alias/aws/ are reserved.");
    KmsKey& k = Resolve(ctx, Str(in, "TargetKeyId"));
    if (k.state == "PendingDeletion")
      Fail(400, "KMSInvalidStateException", k.arn + " is pending deletion.");
    std::string key = ctx.region + "/" + name;
    if (ctx.world.kms_aliases.count(key))
      Fail(400, "AlreadyExistsException",
           "An alias with the name " + ctx.Arn("kms", name) + " already exists");
    ctx.world.kms_aliases[key] = k.id;
    Response r = JsonResponse(ctx, json::object());
    r.body.clear();
    return r;
  }
  if (op == "DeleteAlias") {
    std::string name = Str(in, "AliasName");
    if (!ctx.world.kms_aliases.erase(ctx.region + "/" + name))
      Fail(400, "NotFoundException", "Alias " + ctx.Arn("kms", name) + " is not found.");
    Response r = JsonResponse(ctx, json::object());
    r.body.clear();
    return r;
  }
  if (op == "ListAliases") {
    std::string key_id;
    if (in.contains("KeyId")) key_id = Resolve(ctx, Str(in, "KeyId")).id;
    Pager pager = KmsPager(ctx, in);
    json list = json::array();
    std::string prefix = ctx.region + "/";
    for (const auto& [k, target] : ctx.world.kms_aliases) {
      if (k.rfind(prefix, 0) != 0 || (!key_id.empty() && target != key_id)) continue;
      if (!pager.Take(k)) continue;
      std::string name = k.substr(prefix.size());
      list.push_back({{"AliasName", name},
                      {"AliasArn", ctx.Arn("kms", name)},
                      {"TargetKeyId", target},
                      {"CreationDate", EpochSeconds(ctx.world.kms_keys.count(target)
                                                        ? ctx.world.kms_keys.at(target).created_ms
                                                        : ctx.now_ms)}});
    }
    return JsonResponse(ctx, PageEnd({{"Aliases", list}}, pager));
  }
  if (op == "ScheduleKeyDeletion") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    int days = in.value("PendingWindowInDays", 30);
    if (days < 7 || days > 30) Invalid("PendingWindowInDays must be between 7 and 30");
    if (k.state == "PendingDeletion")
      Fail(400, "KMSInvalidStateException", k.arn + " is pending deletion.");
    k.state = "PendingDeletion";
    k.deletion_ms = ctx.now_ms + static_cast<int64_t>(days) * 86400 * 1000;
    return JsonResponse(ctx, {{"KeyId", k.arn},
                              {"DeletionDate", EpochSeconds(k.deletion_ms)},
                              {"KeyState", k.state},
                              {"PendingWindowInDays", days}});
  }
  if (op == "CancelKeyDeletion") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    if (k.state != "PendingDeletion")
      Fail(400, "KMSInvalidStateException", k.arn + " is not pending deletion.");
    k.state = "Disabled";
    k.deletion_ms = 0;
    return JsonResponse(ctx, {{"KeyId", k.arn}});
  }
  if (op == "DisableKey" || op == "EnableKey") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    if (k.state == "PendingDeletion")
      Fail(400, "KMSInvalidStateException", k.arn + " is pending deletion.");
    k.state = op == "EnableKey" ? "Enabled" : "Disabled";
    Response r = JsonResponse(ctx, json::object());
    r.body.clear();
    return r;
  }
  if (op == "Encrypt") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    std::string plain;
    if (!Base64Decode(Str(in, "Plaintext"), &plain) || plain.empty() || plain.size() > 4096)
      Invalid("Plaintext must be 1 to 4096 bytes of base64-encoded data");
    RequireUsable(k);
    return JsonResponse(ctx, {{"CiphertextBlob", Base64Encode(Ciphertext(k, plain.size()))},
                              {"KeyId", k.arn},
                              {"EncryptionAlgorithm", "SYMMETRIC_DEFAULT"}});
  }
  if (op == "GenerateDataKey") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    size_t bytes = 0;
    std::string spec = in.value("KeySpec", "");
    if (spec == "AES_256")
      bytes = 32;
    else if (spec == "AES_128")
      bytes = 16;
    else if (in.contains("NumberOfBytes") && in["NumberOfBytes"].is_number_integer())
      bytes = in["NumberOfBytes"].get<size_t>();
    if ((spec.empty()) == (!in.contains("NumberOfBytes")) || bytes < 1 || bytes > 1024)
      Invalid("Exactly one of KeySpec (AES_256|AES_128) or NumberOfBytes (1-1024) is required");
    RequireUsable(k);
    return JsonResponse(ctx, {{"CiphertextBlob", Base64Encode(Ciphertext(k, bytes))},
                              {"Plaintext", Base64Encode(RandomBytes(bytes))},
                              {"KeyId", k.arn}});
  }
  if (op == "ListResourceTags") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    return JsonResponse(ctx, {{"Tags", TagList(k.tags)}, {"Truncated", false}});
  }
  if (op == "TagResource" || op == "UntagResource") {
    KmsKey& k = Resolve(ctx, Str(in, "KeyId"));
    if (k.state == "PendingDeletion")
      Fail(400, "KMSInvalidStateException", k.arn + " is pending deletion.");
    if (op == "TagResource") {
      Tags add = ReadTags(in);
      if (add.empty()) Invalid("Tags must not be empty");
      for (const auto& [key, v] : add) k.tags[key] = v;
    } else {
      for (const auto& key : in.value("TagKeys", json::array()))
        k.tags.erase(key.get<std::string>());
    }
    Response r = JsonResponse(ctx, json::object());
    r.body.clear();
    return r;
  }
  if (op == "ListKeys") {
    Pager pager = KmsPager(ctx, in);
    json list = json::array();
    for (const auto& [id, k] : ctx.world.kms_keys)
      if (k.region == ctx.region && pager.Take(id))
        list.push_back({{"KeyId", id}, {"KeyArn", k.arn}});
    return JsonResponse(ctx, PageEnd({{"Keys", list}}, pager));
  }
  Fail(400, "UnknownOperationException", "Unknown operation " + op);
}

}  // namespace awsim
