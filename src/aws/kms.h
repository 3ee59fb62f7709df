// Kms: typed KMS calls (the cluster's key and alias, preflight "usable" checks, tags).
// Binary fields (plaintext, ciphertext) are raw bytes here; base64 happens on the wire.
// Thread safety: as safe as the AwsClient it wraps.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"
#include "util/result.h"

namespace tectonic::aws {

struct KeyMetadata {
  std::string key_id;
  std::string arn;
  std::string description;
  bool enabled = false;
  std::string key_state;     // Enabled | Disabled | PendingDeletion | ...
  std::string key_usage;     // ENCRYPT_DECRYPT
  std::string key_spec;      // SYMMETRIC_DEFAULT
  std::string key_manager;   // CUSTOMER | AWS
  double creation_date = 0;  // epoch seconds
  double deletion_date = 0;  // epoch seconds, when PendingDeletion
};

struct CreateKeyInput {
  std::string description;
  std::string key_usage = "ENCRYPT_DECRYPT";
  std::string key_spec = "SYMMETRIC_DEFAULT";
  std::string policy;  // empty: the default key policy
  Tags tags;
};

struct KmsAlias {
  std::string name;  // alias/...
  std::string arn;
  std::string target_key_id;
};

struct EncryptOutput {
  std::string ciphertext;  // raw bytes
  std::string key_id;      // key ARN
};

struct DataKey {
  std::string plaintext;   // raw bytes; never log
  std::string ciphertext;  // raw bytes
  std::string key_id;
};

class Kms {
 public:
  explicit Kms(AwsClient& client) : client_(client) {}

  Result<KeyMetadata> CreateKey(const CreateKeyInput& input);
  // key: id, key ARN, "alias/name" or alias ARN.
  Result<KeyMetadata> DescribeKey(const std::string& key);
  Status CreateAlias(const std::string& alias_name, const std::string& target_key_id);
  // All aliases, or those of one key (key_id non-empty).
  Result<std::vector<KmsAlias>> ListAliases(const std::string& key_id = "");
  Status DeleteAlias(const std::string& alias_name);
  // Returns the deletion date (epoch seconds). pending_days 7..30.
  Result<double> ScheduleKeyDeletion(const std::string& key_id, int pending_days);
  Result<EncryptOutput> Encrypt(const std::string& key_id, const std::string& plaintext);
  // key_spec "AES_256" | "AES_128".
  Result<DataKey> GenerateDataKey(const std::string& key_id,
                                  const std::string& key_spec = "AES_256");
  Result<Tags> ListResourceTags(const std::string& key_id);
  Status TagResource(const std::string& key_id, const Tags& tags);

 private:
  AwsClient& client_;
};

}  // namespace tectonic::aws
