#include "aws/s3.h"

#include <cctype>
#include <sstream>
#include <string_view>

#include "aws/xml_util.h"

namespace tectonic::aws {

namespace {

constexpr const char* kNs = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string Serialize(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

pugi::xml_node Root(pugi::xml_document& doc, const char* name) {
  pugi::xml_node root = doc.append_child(name);
  root.append_attribute("xmlns").set_value(kNs);
  return root;
}

void AddText(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

// A bucket sub-resource request ("?encryption") with an XML body and its Content-MD5.
RestRequest BucketXml(const std::string& method, const std::string& bucket, const char* subresource,
                      std::string body) {
  RestRequest req;
  req.method = method;
  req.bucket = bucket;
  req.path = "/";
  req.query = {{subresource, ""}};
  req.headers.emplace_back("Content-Type", "application/xml");
  req.headers.emplace_back("Content-MD5", encoding::ContentMd5(body));
  req.body = std::move(body);
  return req;
}

ObjectInfo Info(const RestResponse& r) {
  ObjectInfo info;
  std::string length = r.Header("Content-Length");
  info.size = length.empty() ? static_cast<int64_t>(r.body.size()) : std::stoll(length);
  info.etag = r.Header("ETag");
  info.content_type = r.Header("Content-Type");
  info.server_side_encryption = r.Header("x-amz-server-side-encryption");
  info.kms_key_id = r.Header("x-amz-server-side-encryption-aws-kms-key-id");
  info.last_modified = r.Header("Last-Modified");
  constexpr std::string_view kMetaPrefix = "x-amz-meta-";
  for (const auto& [name, value] : r.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.starts_with(kMetaPrefix)) info.metadata[lower.substr(kMetaPrefix.size())] = value;
  }
  return info;
}

}  // namespace

std::string S3::ObjectPath(const std::string& key) {
  return "/" + encoding::PercentEncode(key, true);
}

Status S3::CreateBucket(const std::string& bucket) {
  RestRequest req;
  req.method = "PUT";
  req.bucket = bucket;
  req.path = "/";
  const std::string& region = client_.endpoints().region();
  if (!region.empty() && region != "us-east-1") {
    pugi::xml_document doc;
    AddText(Root(doc, "CreateBucketConfiguration"), "LocationConstraint", region);
    req.body = Serialize(doc);
    req.headers.emplace_back("Content-Type", "application/xml");
  }
  return client_.Rest(ops::kS3CreateBucket, std::move(req)).status();
}

Status S3::HeadBucket(const std::string& bucket) {
  RestRequest req;
  req.method = "HEAD";
  req.bucket = bucket;
  req.path = "/";
  return client_.Rest(ops::kS3HeadBucket, std::move(req)).status();
}

Status S3::PutBucketEncryption(const std::string& bucket, const std::string& kms_key_arn,
                               bool bucket_key_enabled) {
  pugi::xml_document doc;
  pugi::xml_node rule = Root(doc, "ServerSideEncryptionConfiguration").append_child("Rule");
  pugi::xml_node by_default = rule.append_child("ApplyServerSideEncryptionByDefault");
  AddText(by_default, "SSEAlgorithm", "aws:kms");
  AddText(by_default, "KMSMasterKeyID", kms_key_arn);
  AddText(rule, "BucketKeyEnabled", bucket_key_enabled ? "true" : "false");
  return client_
      .Rest(ops::kS3PutBucketEncryption, BucketXml("PUT", bucket, "encryption", Serialize(doc)))
      .status();
}

Status S3::PutPublicAccessBlock(const std::string& bucket) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "PublicAccessBlockConfiguration");
  for (const char* name :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    AddText(root, name, "true");
  }
  return client_
      .Rest(ops::kS3PutPublicAccessBlock,
            BucketXml("PUT", bucket, "publicAccessBlock", Serialize(doc)))
      .status();
}

Status S3::PutBucketTagging(const std::string& bucket, const Tags& tags) {
  pugi::xml_document doc;
  pugi::xml_node set = Root(doc, "Tagging").append_child("TagSet");
  for (const auto& [key, value] : tags) {
    pugi::xml_node tag = set.append_child("Tag");
    AddText(tag, "Key", key);
    AddText(tag, "Value", value);
  }
  return client_.Rest(ops::kS3PutBucketTagging, BucketXml("PUT", bucket, "tagging", Serialize(doc)))
      .status();
}

Result<Tags> S3::GetBucketTagging(const std::string& bucket) {
  RestRequest req;
  req.method = "GET";
  req.bucket = bucket;
  req.path = "/";
  req.query = {{"tagging", ""}};
  Result<RestResponse> resp = client_.Rest(ops::kS3GetBucketTagging, std::move(req));
  if (!resp.ok() && resp.status().aws_code() == "NoSuchTagSet") return Tags{};
  if (!resp.ok()) return resp.status();
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp->Xml());
  Tags tags;
  for (pugi::xml_node t : x.doc->document_element().child("TagSet").children("Tag")) {
    tags[xml::Text(t, "Key")] = xml::Text(t, "Value");
  }
  return tags;
}

Result<std::string> S3::PutObject(const PutObjectInput& input) {
  RestRequest req;
  req.method = "PUT";
  req.bucket = input.bucket;
  req.path = ObjectPath(input.key);
  if (!input.content_type.empty()) req.headers.emplace_back("Content-Type", input.content_type);
  if (!input.kms_key_id.empty()) {
    req.headers.emplace_back("x-amz-server-side-encryption", "aws:kms");
    req.headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", input.kms_key_id);
  }
  for (const auto& [name, value] : input.metadata) {
    req.headers.emplace_back("x-amz-meta-" + name, value);
  }
  req.body = input.body;
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp, client_.Rest(ops::kS3PutObject, std::move(req)));
  return resp.Header("ETag");
}

Result<ObjectInfo> S3::HeadObject(const std::string& bucket, const std::string& key) {
  RestRequest req;
  req.method = "HEAD";
  req.bucket = bucket;
  req.path = ObjectPath(key);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp, client_.Rest(ops::kS3HeadObject, std::move(req)));
  return Info(resp);
}

Result<S3Object> S3::GetObject(const std::string& bucket, const std::string& key) {
  RestRequest req;
  req.method = "GET";
  req.bucket = bucket;
  req.path = ObjectPath(key);
  TECTONIC_ASSIGN_OR_RETURN(RestResponse resp, client_.Rest(ops::kS3GetObject, std::move(req)));
  S3Object out;
  out.info = Info(resp);
  out.info.size = static_cast<int64_t>(resp.body.size());
  out.body = std::move(resp.body);
  return out;
}

Result<std::vector<ObjectSummary>> S3::ListObjectsV2(const std::string& bucket,
                                                     const std::string& prefix) {
  std::vector<ObjectSummary> out;
  std::string token;
  while (true) {
    RestRequest req;
    req.method = "GET";
    req.bucket = bucket;
    req.path = "/";
    req.query = {{"list-type", "2"}};
    if (!prefix.empty()) req.query.emplace_back("prefix", prefix);
    if (!token.empty()) req.query.emplace_back("continuation-token", token);
    TECTONIC_ASSIGN_OR_RETURN(RestResponse resp,
                              client_.Rest(ops::kS3ListObjectsV2, std::move(req)));
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
    pugi::xml_node root = x.doc->document_element();
    for (pugi::xml_node c : root.children("Contents")) {
      out.push_back({xml::Text(c, "Key"), xml::Int(c, "Size"), xml::Text(c, "ETag"),
                     xml::Text(c, "LastModified")});
    }
    std::string next = xml::Text(root, "NextContinuationToken");
    if (!xml::Bool(root, "IsTruncated") || next.empty() || next == token) return out;
    token = std::move(next);
  }
}

Status S3::DeleteObject(const std::string& bucket, const std::string& key) {
  RestRequest req;
  req.method = "DELETE";
  req.bucket = bucket;
  req.path = ObjectPath(key);
  return client_.Rest(ops::kS3DeleteObject, std::move(req)).status();
}

Status S3::DeleteObjects(const std::string& bucket, const std::vector<std::string>& keys) {
  constexpr size_t kBatch = 1000;
  for (size_t start = 0; start < keys.size(); start += kBatch) {
    pugi::xml_document doc;
    pugi::xml_node root = Root(doc, "Delete");
    AddText(root, "Quiet", "true");
    for (size_t i = start; i < keys.size() && i < start + kBatch; ++i) {
      AddText(root.append_child("Object"), "Key", keys[i]);
    }
    TECTONIC_ASSIGN_OR_RETURN(
        RestResponse resp,
        client_.Rest(ops::kS3DeleteObjects, BucketXml("POST", bucket, "delete", Serialize(doc))));
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse x, resp.Xml());
    std::string failed;
    for (pugi::xml_node e : x.doc->document_element().children("Error")) {
      failed +=
          (failed.empty() ? "" : ", ") + xml::Text(e, "Key") + " (" + xml::Text(e, "Code") + ")";
    }
    if (!failed.empty()) {
      return Status::Failed("DeleteObjects in bucket " + bucket + " refused: " + failed);
    }
  }
  return Status::Ok();
}

Status S3::DeleteBucket(const std::string& bucket) {
  RestRequest req;
  req.method = "DELETE";
  req.bucket = bucket;
  req.path = "/";
  return client_.Rest(ops::kS3DeleteBucket, std::move(req)).status();
}

}  // namespace tectonic::aws
