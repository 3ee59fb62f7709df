// s3.object handler (KINDS.md): uploads a local file (an Ignition config: it holds secrets, so
// its content never appears in a log or an error) after checking its SHA-512 against the plan.
#include <algorithm>
#include <cctype>
#include <string>

#include "assets/pki.h"
#include "aws/s3.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"
#include "util/files.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using nlohmann::json;

constexpr const char* kDigestMetadata = "sha512";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Outputs ObjectOutputs(const std::string& bucket, const std::string& key, const std::string& etag,
                      const std::string& sha512) {
  return json{
      {"id", key}, {"url", "s3://" + bucket + "/" + key}, {"etag", etag}, {"sha512", sha512}};
}

}  // namespace

Result<std::optional<Outputs>> S3ObjectHandler::Find(const NodeContext& ctx, const json& props,
                                                     const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string bucket, RequiredString(props, "bucket"));
  TECTONIC_ASSIGN_OR_RETURN(std::string key, RequiredString(props, "key"));
  TECTONIC_ASSIGN_OR_RETURN(std::string sha512, RequiredString(props, "sha512"));
  Result<aws::ObjectInfo> info = aws::S3(client_).HeadObject(bucket, key);
  if (!info.ok()) {
    if (IsNotFound(info.status())) return std::optional<Outputs>();
    return InContext(ctx, info.status());
  }
  auto digest = info->metadata.find(kDigestMetadata);
  // Another digest: the assets changed since the upload; Create overwrites the object.
  if (digest == info->metadata.end() || Lower(digest->second) != Lower(sha512)) {
    return std::optional<Outputs>();
  }
  return std::optional<Outputs>(ObjectOutputs(bucket, key, info->etag, sha512));
}

Result<Outputs> S3ObjectHandler::Create(const NodeContext& ctx, const json& props) {
  TECTONIC_ASSIGN_OR_RETURN(std::string bucket, RequiredString(props, "bucket"));
  TECTONIC_ASSIGN_OR_RETURN(std::string key, RequiredString(props, "key"));
  TECTONIC_ASSIGN_OR_RETURN(std::string sha512, RequiredString(props, "sha512"));
  TECTONIC_ASSIGN_OR_RETURN(std::string source_path, RequiredString(props, "source_path"));
  Result<std::string> body = files::ReadFile(source_path);
  if (!body.ok()) return InContext(ctx, body.status());
  if (Lower(assets::Sha512Hex(*body)) != Lower(sha512)) {
    return InContext(
        ctx, Status::InvalidInput(source_path + " changed since the plan (SHA-512 differs): "
                                                "re-run the plan"));
  }
  aws::PutObjectInput input;
  input.bucket = bucket;
  input.key = key;
  input.body = std::move(*body);
  input.content_type = StringOr(props, "content_type", "");
  auto sse = props.find("sse");
  if (sse != props.end() && sse->is_object() && StringOr(*sse, "algorithm", "") == "aws:kms") {
    input.kms_key_id = StringOr(*sse, "kms_key_arn", "");
  }
  input.metadata[kDigestMetadata] = Lower(sha512);
  // NoSuchBucket right after the bucket's create is eventual consistency.
  Result<std::string> etag = aws::S3(client_).PutObject(input);
  if (!etag.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(etag.status()));
  return ObjectOutputs(bucket, key, *etag, Lower(sha512));
}

Status S3ObjectHandler::Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) {
  const std::string bucket = StringOr(props, "bucket", "");
  const std::string key = outputs.value("id", StringOr(props, "key", ""));
  if (bucket.empty() || key.empty()) return Status::Ok();
  return InContext(ctx, ClassifyDelete(aws::S3(client_).DeleteObject(bucket, key)));
}

}  // namespace tectonic::resources
