// S3: typed S3 calls for the cluster bucket (private, SSE-KMS, public access blocked, tagged)
// and its Ignition objects. Bodies that S3 checksums (encryption, public access block,
// tagging, multi-delete) carry Content-MD5. CreateBucket applies the LocationConstraint rule
// (none in us-east-1, the client's region elsewhere). Thread safety: as safe as the AwsClient.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct PutObjectInput {
  std::string bucket;
  std::string key;
  std::string body;
  std::string content_type;  // empty: not sent
  std::string kms_key_id;    // non-empty: SSE-KMS with this key
  Tags metadata;             // user metadata, sent as x-amz-meta-<name> headers
};

struct ObjectInfo {
  int64_t size = 0;
  std::string etag;  // with its quotes, as S3 sends it
  std::string content_type;
  std::string server_side_encryption;  // aws:kms | AES256 | ""
  std::string kms_key_id;
  std::string last_modified;
  Tags metadata;  // x-amz-meta-<name> headers, names lower-cased, prefix stripped
};

struct S3Object {
  ObjectInfo info;
  std::string body;
};

struct ObjectSummary {
  std::string key;
  int64_t size = 0;
  std::string etag;
  std::string last_modified;
};

class S3 {
 public:
  explicit S3(AwsClient& client) : client_(client) {}

  Status CreateBucket(const std::string& bucket);
  // Ok when the bucket exists and is ours; NotFound (aws_code "404") when it does not.
  Status HeadBucket(const std::string& bucket);
  Status PutBucketEncryption(const std::string& bucket, const std::string& kms_key_arn,
                             bool bucket_key_enabled = true);
  // All four switches on.
  Status PutPublicAccessBlock(const std::string& bucket);
  Status PutBucketTagging(const std::string& bucket, const Tags& tags);
  // Empty when the bucket has no tags (S3's NoSuchTagSet).
  Result<Tags> GetBucketTagging(const std::string& bucket);

  Result<std::string> PutObject(const PutObjectInput& input);  // returns the ETag
  Result<ObjectInfo> HeadObject(const std::string& bucket, const std::string& key);
  Result<S3Object> GetObject(const std::string& bucket, const std::string& key);
  Result<std::vector<ObjectSummary>> ListObjectsV2(const std::string& bucket,
                                                   const std::string& prefix = "");
  Status DeleteObject(const std::string& bucket, const std::string& key);
  // Deletes in batches of 1000; fails listing the keys S3 refused.
  Status DeleteObjects(const std::string& bucket, const std::vector<std::string>& keys);
  Status DeleteBucket(const std::string& bucket);

  // Exposed for tests: "/<key>" percent-encoded with '/' kept.
  static std::string ObjectPath(const std::string& key);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
