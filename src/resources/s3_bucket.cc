// s3.bucket handler (KINDS.md): CreateBucket (the client applies the LocationConstraint
// rule), then public access block, default SSE-KMS encryption and tags. Delete empties it.
#include <chrono>
#include <string>
#include <vector>

#include "aws/s3.h"
#include "resources/handler_util.h"
#include "resources/platform_handlers.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

constexpr std::chrono::milliseconds kBucketPoll{2000};

Outputs BucketOutputs(const std::string& name, const std::string& region) {
  return json{{"id", name}, {"arn", "arn:aws:s3:::" + name}, {"region", region}};
}

bool IsForbidden(const Status& status) {
  return status.code() == StatusCode::kPermissionDenied || status.http_status() == 403;
}

const json& Sse(const json& props) {
  static const json kEmpty = json::object();
  auto it = props.find("sse");
  return it != props.end() && it->is_object() ? *it : kEmpty;
}

}  // namespace

Result<std::optional<Outputs>> S3BucketHandler::Find(const NodeContext& ctx, const json& props,
                                                     const std::optional<Outputs>&) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  aws::S3 s3(client_);
  Status head = s3.HeadBucket(name);
  if (IsNotFound(head)) return std::optional<Outputs>();
  if (IsForbidden(head)) {
    return InContext(
        ctx, Status::PreconditionFailed("bucket name " + name + " is taken by another account"));
  }
  if (!head.ok()) return InContext(ctx, head);
  Result<aws::Tags> tags = s3.GetBucketTagging(name);
  if (!tags.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(tags.status()));
  auto owner = tags->find(std::string(kClusterIdTagKey));
  // Untagged: a create of ours that stopped before its follow-up calls (the name embeds the
  // cluster id). Report it absent so Create finishes it (CreateBucket: already owned by you).
  if (owner == tags->end()) return std::optional<Outputs>();
  if (owner->second != ctx.cluster_id) {
    return InContext(ctx, Status::PreconditionFailed("bucket name " + name +
                                                     " is taken by cluster " + owner->second));
  }
  return std::optional<Outputs>(
      BucketOutputs(name, StringOr(props, "region", client_.endpoints().region())));
}

Result<Outputs> S3BucketHandler::Create(const NodeContext& ctx, const json& props) {
  TECTONIC_ASSIGN_OR_RETURN(std::string name, RequiredString(props, "name"));
  const std::string region = StringOr(props, "region", client_.endpoints().region());
  if (region != client_.endpoints().region()) {
    return InContext(
        ctx, Status::InvalidInput("bucket region " + region + " differs from the session region " +
                                  client_.endpoints().region()));
  }
  aws::S3 s3(client_);
  Status created = s3.CreateBucket(name);
  if (HasAwsCode(created, "BucketAlreadyExists")) {
    return InContext(ctx, Status::PreconditionFailed("bucket name " + name + " is taken"));
  }
  if (HasAwsCode(created, "OperationAborted")) {
    return InContext(ctx, Status::Transient(created.message()));
  }
  if (!created.ok() && !HasAwsCode(created, "BucketAlreadyOwnedByYou")) {
    return InContext(ctx, created);
  }
  // A new bucket can be invisible for seconds: NoSuchBucket below is NotYetConsistent.
  if (BoolOr(props, "block_public_access", true)) {
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, NotFoundIsNotYetConsistent(s3.PutPublicAccessBlock(name))));
  }
  const json& sse = Sse(props);
  const std::string key_arn = StringOr(sse, "kms_key_arn", "");
  if (!key_arn.empty()) {
    TECTONIC_RETURN_IF_ERROR(
        InContext(ctx, NotFoundIsNotYetConsistent(s3.PutBucketEncryption(
                           name, key_arn, BoolOr(sse, "bucket_key_enabled", true)))));
  }
  TECTONIC_RETURN_IF_ERROR(
      InContext(ctx, NotFoundIsNotYetConsistent(s3.PutBucketTagging(name, TagsFor(ctx, props)))));
  return BucketOutputs(name, region);
}

Result<Poll> S3BucketHandler::Wait(const NodeContext& ctx, const json&, const Outputs& outputs) {
  Status head = aws::S3(client_).HeadBucket(outputs.value("id", ""));
  if (head.ok()) return PollDone(outputs);
  if (IsNotFound(head)) return PollAgain(kBucketPoll, "not visible yet");
  return InContext(ctx, head);
}

Status S3BucketHandler::Delete(const NodeContext& ctx, const json& props, const Outputs& outputs) {
  const std::string name = outputs.value("id", StringOr(props, "name", ""));
  if (name.empty()) return Status::Ok();
  aws::S3 s3(client_);
  // Our bucket is never versioned: the current objects are all there is.
  Result<std::vector<aws::ObjectSummary>> objects = s3.ListObjectsV2(name);
  if (!objects.ok()) return InContext(ctx, ClassifyDelete(objects.status()));
  std::vector<std::string> keys;
  keys.reserve(objects->size());
  for (const aws::ObjectSummary& object : *objects) keys.push_back(object.key);
  if (!keys.empty()) {
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, ClassifyDelete(s3.DeleteObjects(name, keys))));
  }
  return InContext(ctx, ClassifyDelete(s3.DeleteBucket(name)));
}

Result<Poll> S3BucketHandler::WaitDeleted(const NodeContext& ctx, const json&,
                                          const Outputs& outputs) {
  const std::string name = outputs.value("id", "");
  if (name.empty()) return PollDone({});
  Status head = aws::S3(client_).HeadBucket(name);
  if (IsNotFound(head)) return PollDone({});
  if (head.ok()) return PollAgain(kBucketPoll, "still visible");
  return InContext(ctx, head);
}

}  // namespace tectonic::resources
