#include "state.h"

namespace awsim {

std::string WorldData::Hex(int n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(kHex[rng() % 16]);
  return out;
}

std::string WorldData::Upper(int n) {
  static const char* kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(kChars[rng() % 36]);
  return out;
}

std::string WorldData::Uuid() {
  std::string h = Hex(32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) +
         "-" + h.substr(20, 12);
}

void World::Reset(const std::string& admin_key, const std::string& admin_secret, uint64_t seed) {
  std::string keep_region = default_region;
  static_cast<WorldData&>(*this) = WorldData();
  default_region = keep_region;
  rng.seed(seed);
  regions = {
      {"us-east-1", {"a", "b", "c", "d", "e", "f"}},
      {"us-east-2", {"a", "b", "c"}},
      {"us-west-1", {"a", "c"}},
      {"us-west-2", {"a", "b", "c", "d"}},
      {"ca-central-1", {"a", "b", "d"}},
      {"eu-west-1", {"a", "b", "c"}},
      {"eu-west-2", {"a", "b", "c"}},
      {"eu-central-1", {"a", "b", "c"}},
      {"eu-north-1", {"a", "b", "c"}},
      {"ap-southeast-1", {"a", "b", "c"}},
      {"ap-southeast-2", {"a", "b", "c"}},
      {"ap-northeast-1", {"a", "c", "d"}},
      {"ap-south-1", {"a", "b", "c"}},
      {"sa-east-1", {"a", "b", "c"}},
  };
  ManagedPolicy admin;
  admin.arn = "arn:aws:iam::aws:policy/AdministratorAccess";
  admin.name = "AdministratorAccess";
  admin.id = "ANPA" + Upper(17);
  admin.document =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  policies[admin.arn] = admin;
  ManagedPolicy ro;
  ro.arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  ro.name = "ReadOnlyAccess";
  ro.id = "ANPA" + Upper(17);
  ro.document =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","iam:Get*","iam:List*","elasticloadbalancing:Describe*","autoscaling:Describe*","route53:Get*","route53:List*","s3:Get*","s3:List*","kms:Describe*","kms:List*","sts:GetCallerIdentity","tag:GetResources"],"Resource":"*"}]})";
  policies[ro.arn] = ro;

  IamUser user;
  user.name = "admin";
  user.id = "AIDA" + Upper(17);
  user.arn = std::string("arn:aws:iam::") + kAccountId + ":user/admin";
  user.attached.push_back(admin.arn);
  policies[admin.arn].attachments = 1;
  users[user.name] = user;
  AccessKey key;
  key.id = admin_key;
  key.secret = admin_secret;
  key.user = user.name;
  access_keys[key.id] = key;
}

}  // namespace awsim
