// S3 (REST-XML, path style): buckets with region rules, encryption / public access block /
// tagging configurations (Content-MD5 required where AWS requires it), objects with SSE and
// x-amz-meta-* headers, ListObjectsV2 with continuation tokens, DeleteObjects.
#include <pugixml.hpp>

#include <algorithm>

#include "codec.h"
#include "server.h"

namespace awsim {

namespace {

struct Target {
  std::string bucket, key;
};

Target Split(const Request& req) {
  std::string path = req.path.substr(1);
  size_t slash = path.find('/');
  Target t;
  t.bucket = UrlDecode(path.substr(0, slash), false);
  if (slash != std::string::npos) t.key = UrlDecode(path.substr(slash + 1), false);
  return t;
}

bool Has(const Request& req, const std::string& q) { return req.params.count(q) > 0; }

std::string Q(const Request& req, const std::string& q) {
  auto it = req.params.find(q);
  return it == req.params.end() ? "" : it->second;
}

[[noreturn]] void BucketError(int status, const std::string& code, const std::string& message,
                              const std::string& bucket) {
  ApiError e(status, code, message);
  e.bucket = bucket;
  throw e;
}

Bucket& FindBucket(Context& ctx, const std::string& name) {
  auto it = ctx.world.buckets.find(name);
  if (it == ctx.world.buckets.end() || !ctx.Visible("s3:" + name))
    BucketError(404, "NoSuchBucket", "The specified bucket does not exist", name);
  if (it->second.region != ctx.region) {
    ApiError e(301, "PermanentRedirect",
               "The bucket you are attempting to access must be addressed using the specified "
               "endpoint. Please send all future requests to this endpoint.");
    e.bucket = name;
    throw e;
  }
  return it->second;
}

// Content-MD5 (or an x-amz-checksum-* header) is required; a given MD5 must match.
void RequireChecksum(const Context& ctx) {
  std::string md5 = ctx.req.Header("content-md5");
  bool checksum = false;
  for (const auto& [name, v] : ctx.req.headers)
    checksum =
        checksum || (name.rfind("x-amz-checksum-", 0) == 0 && name != "x-amz-checksum-algorithm");
  if (md5.empty() && !checksum)
    Fail(400, "InvalidRequest",
         "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
  if (!md5.empty()) {
    std::string raw;
    if (!Base64Decode(md5, &raw) || raw.size() != 16)
      Fail(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
    if (raw != Md5Raw(ctx.req.body))
      Fail(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
}

pugi::xml_node Parse(const Context& ctx, pugi::xml_document& doc) {
  if (ctx.req.body.empty() || !doc.load_string(ctx.req.body.c_str()) || !doc.first_child())
    Fail(400, "MalformedXML",
         "The XML you provided was not well-formed or did not validate against our published "
         "schema");
  return doc.first_child();
}

XmlWriter Begin(const std::string& root) {
  XmlWriter w;
  w.Open(root, "xmlns=\"" + NamespaceOf("s3") + "\"");
  return w;
}

Response Empty(int status = 200) {
  Response r;
  r.status = status;
  r.content_type = "application/xml";
  return r;
}

bool ValidBucketName(const std::string& n) {
  if (n.size() < 3 || n.size() > 63) return false;
  for (char c : n)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'))
      return false;
  return std::isalnum(static_cast<unsigned char>(n.front())) &&
         std::isalnum(static_cast<unsigned char>(n.back())) && n.find("..") == std::string::npos;
}

Response CreateBucket(Context& ctx, const std::string& name) {
  if (!ValidBucketName(name))
    BucketError(400, "InvalidBucketName", "The specified bucket is not valid.", name);
  std::string constraint;
  if (!ctx.req.body.empty()) {
    pugi::xml_document doc;
    constraint = Parse(ctx, doc).child_value("LocationConstraint");
  }
  if (ctx.region == "us-east-1" && constraint == "us-east-1")
    Fail(400, "InvalidLocationConstraint", "The specified location-constraint is not valid");
  if (ctx.region != "us-east-1" && constraint.empty())
    Fail(400, "IllegalLocationConstraintException",
         "The unspecified location constraint is incompatible for the region specific endpoint "
         "this request was sent to.");
  if (!constraint.empty() && constraint != ctx.region)
    Fail(400, "IllegalLocationConstraintException",
         "The " + constraint +
             " location constraint is incompatible for the region specific "
             "endpoint this request was sent to.");
  auto it = ctx.world.buckets.find(name);
  if (it != ctx.world.buckets.end()) {
    if (ctx.region == "us-east-1" && it->second.region == "us-east-1") {
      Response r = Empty();
      r.headers.emplace_back("Location", "/" + name);
      return r;
    }
    BucketError(
        409, "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.", name);
  }
  if (ctx.world.buckets.size() >= 10000)
    Fail(400, "TooManyBuckets", "You have attempted to create more buckets than allowed");
  Bucket b;
  b.name = name;
  b.region = ctx.region;
  b.created_ms = ctx.now_ms;
  ctx.world.buckets[name] = b;
  ctx.Created("s3:" + name);
  Response r = Empty();
  r.headers.emplace_back("Location", "/" + name);
  return r;
}

Response ListBuckets(Context& ctx) {
  XmlWriter w = Begin("ListAllMyBucketsResult");
  w.Open("Owner").Leaf("ID", std::string(64, 'a')).Leaf("DisplayName", "awsim").Close();
  w.Open("Buckets");
  for (const auto& [name, b] : ctx.world.buckets)
    w.Open("Bucket").Leaf("Name", name).Leaf("CreationDate", IsoTime(b.created_ms)).Close();
  w.Close();
  return XmlResponse(w);
}

Response ListObjectsV2(Context& ctx, Bucket& b) {
  std::string prefix = Q(ctx.req, "prefix"), delimiter = Q(ctx.req, "delimiter");
  int max = Has(ctx.req, "max-keys") ? std::atoi(Q(ctx.req, "max-keys").c_str()) : 1000;
  if (max < 0) Fail(400, "InvalidArgument", "max-keys must be non-negative");
  max = std::min(max, 1000);
  bool url = Q(ctx.req, "encoding-type") == "url";
  std::string token = Q(ctx.req, "continuation-token"), after = Q(ctx.req, "start-after");
  std::string start = after;
  if (!token.empty()) {
    std::string decoded;
    if (!Base64Decode(token, &decoded) || decoded.rfind("awsim:", 0) != 0)
      Fail(400, "InvalidArgument", "The continuation token provided is incorrect");
    start = decoded.substr(6);
  }
  auto enc = [&](const std::string& s) { return url ? UrlEncode(s, true) : s; };
  XmlWriter w = Begin("ListBucketResult");
  w.Leaf("Name", b.name).Leaf("Prefix", enc(prefix));
  std::vector<std::pair<std::string, const S3Object*>> contents;
  std::set<std::string> prefixes;
  std::string last;
  bool truncated = false;
  for (auto it = b.objects.upper_bound(start); it != b.objects.end(); ++it) {
    const std::string& key = it->first;
    if (key.rfind(prefix, 0) != 0) continue;
    std::string common;
    if (!delimiter.empty()) {
      size_t d = key.find(delimiter, prefix.size());
      if (d != std::string::npos) common = key.substr(0, d + delimiter.size());
    }
    if (!common.empty() && prefixes.count(common)) {
      last = key;
      continue;
    }
    if (static_cast<int>(contents.size() + prefixes.size()) >= max) {
      truncated = true;
      break;
    }
    if (!common.empty())
      prefixes.insert(common);
    else
      contents.emplace_back(key, &it->second);
    last = key;
  }
  w.Leaf("KeyCount", static_cast<long long>(contents.size() + prefixes.size()));
  w.Leaf("MaxKeys", max).Opt("Delimiter", enc(delimiter)).Bool("IsTruncated", truncated);
  for (const auto& [key, o] : contents) {
    w.Open("Contents").Leaf("Key", enc(key)).Leaf("LastModified", IsoTime(o->modified_ms));
    w.Leaf("ETag", "\"" + o->etag + "\"").Leaf("Size", static_cast<long long>(o->data.size()));
    w.Leaf("StorageClass", "STANDARD").Close();
  }
  for (const auto& p : prefixes) w.Open("CommonPrefixes").Leaf("Prefix", enc(p)).Close();
  if (url) w.Leaf("EncodingType", "url");
  w.Opt("ContinuationToken", token);
  if (truncated) w.Leaf("NextContinuationToken", Base64Encode("awsim:" + last));
  w.Opt("StartAfter", enc(after));
  return XmlResponse(w);
}

Response BucketConfig(Context& ctx, Bucket& b) {
  const std::string& m = ctx.req.method;
  if (Has(ctx.req, "encryption")) {
    if (m == "PUT") {
      RequireChecksum(ctx);
      pugi::xml_document doc;
      pugi::xml_node rule = Parse(ctx, doc).child("Rule");
      std::string algo =
          rule.child("ApplyServerSideEncryptionByDefault").child_value("SSEAlgorithm");
      if (algo != "AES256" && algo != "aws:kms" && algo != "aws:kms:dsse")
        Fail(400, "MalformedXML",
             "The XML you provided was not well-formed or did not validate "
             "against our published schema");
      b.encryption_xml = ctx.req.body;
      return Empty();
    }
    if (m == "DELETE") {
      b.encryption_xml.clear();
      return Empty(204);
    }
    if (!b.encryption_xml.empty()) {
      Response r = Empty();
      r.body = b.encryption_xml;  // the configuration as stored
      return r;
    }
    // Since 2023 every bucket has SSE-S3 by default.
    XmlWriter w = Begin("ServerSideEncryptionConfiguration");
    w.Open("Rule").Open("ApplyServerSideEncryptionByDefault").Leaf("SSEAlgorithm", "AES256");
    w.Close().Bool("BucketKeyEnabled", false).Close();
    return XmlResponse(w);
  }
  if (Has(ctx.req, "publicAccessBlock")) {
    if (m == "PUT") {
      RequireChecksum(ctx);
      pugi::xml_document doc;
      Parse(ctx, doc);
      b.public_access_xml = ctx.req.body;
      return Empty();
    }
    if (m == "DELETE") {
      b.public_access_xml.clear();
      return Empty(204);
    }
    if (b.public_access_xml.empty())
      BucketError(404, "NoSuchPublicAccessBlockConfiguration",
                  "The public access block configuration was not found", b.name);
    Response r = Empty();
    r.body = b.public_access_xml;
    return r;
  }
  if (Has(ctx.req, "tagging")) {
    if (m == "PUT") {
      RequireChecksum(ctx);
      pugi::xml_document doc;
      Tags tags;
      for (pugi::xml_node t : Parse(ctx, doc).child("TagSet").children("Tag")) {
        std::string key = t.child_value("Key");
        if (key.empty() || tags.count(key))
          Fail(400, "InvalidTag", "Cannot provide multiple Tags with the same key");
        if (key.rfind("aws:", 0) == 0)
          Fail(400, "InvalidTag", "System tags cannot be added/updated by requester");
        tags[key] = t.child_value("Value");
      }
      if (tags.size() > 50) Fail(400, "InvalidTag", "Object tags cannot be greater than 50");
      b.tags = tags;
      return Empty(204);
    }
    if (m == "DELETE") {
      b.tags.clear();
      return Empty(204);
    }
    if (b.tags.empty()) BucketError(404, "NoSuchTagSet", "The TagSet does not exist", b.name);
    XmlWriter w = Begin("Tagging");
    w.Open("TagSet");
    for (const auto& [k, v] : b.tags) w.Open("Tag").Leaf("Key", k).Leaf("Value", v).Close();
    w.Close();
    return XmlResponse(w);
  }
  if (Has(ctx.req, "location")) {
    XmlWriter w = Begin("LocationConstraint");
    w.Raw(b.region == "us-east-1" ? "" : b.region);
    return XmlResponse(w);
  }
  Fail(501, "NotImplemented", "awsim does not implement this bucket subresource.");
}

Response DeleteObjects(Context& ctx, Bucket& b) {
  RequireChecksum(ctx);
  pugi::xml_document doc;
  pugi::xml_node in = Parse(ctx, doc);
  bool quiet = std::string(in.child_value("Quiet")) == "true";
  int count = 0;
  XmlWriter w = Begin("DeleteResult");
  for (pugi::xml_node o : in.children("Object")) {
    if (++count > 1000) Fail(400, "MalformedXML", "At most 1000 keys per request");
    std::string key = o.child_value("Key");
    b.objects.erase(key);
    if (!quiet) w.Open("Deleted").Leaf("Key", key).Close();
  }
  return XmlResponse(w);
}

std::string DefaultKmsKey(const Bucket& b, std::string* algo) {
  if (b.encryption_xml.empty()) return "";
  pugi::xml_document doc;
  doc.load_string(b.encryption_xml.c_str());
  pugi::xml_node d = doc.first_child().child("Rule").child("ApplyServerSideEncryptionByDefault");
  *algo = d.child_value("SSEAlgorithm");
  return d.child_value("KMSMasterKeyID");
}

void ObjectHeaders(Response& r, const S3Object& o) {
  r.content_type = o.content_type.empty() ? "binary/octet-stream" : o.content_type;
  r.headers.emplace_back("ETag", "\"" + o.etag + "\"");
  r.headers.emplace_back("Last-Modified", IsoTime(o.modified_ms));
  r.headers.emplace_back("Accept-Ranges", "bytes");
  if (!o.sse.empty()) r.headers.emplace_back("x-amz-server-side-encryption", o.sse);
  if (!o.sse_kms_key.empty())
    r.headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", o.sse_kms_key);
  for (const auto& [k, v] : o.metadata) r.headers.emplace_back("x-amz-meta-" + k, v);
}

Response PutObject(Context& ctx, Bucket& b, const std::string& key) {
  if (key.empty() || key.size() > 1024) Fail(400, "KeyTooLongError", "Your key is too long");
  if (ctx.req.HasHeader("x-amz-copy-source"))
    Fail(501, "NotImplemented", "awsim does not implement CopyObject.");
  S3Object o;
  o.data = ctx.req.body;
  o.etag = Md5Hex(o.data);
  o.content_type = ctx.req.Header("content-type");
  o.modified_ms = ctx.now_ms;
  std::string md5 = ctx.req.Header("content-md5");
  if (!md5.empty()) RequireChecksum(ctx);
  o.sse = ctx.req.Header("x-amz-server-side-encryption");
  o.sse_kms_key = ctx.req.Header("x-amz-server-side-encryption-aws-kms-key-id");
  if (o.sse.empty()) {
    std::string algo = "AES256";
    std::string key_id = DefaultKmsKey(b, &algo);
    o.sse = algo;
    if (algo != "AES256") o.sse_kms_key = key_id;
  }
  if (o.sse != "AES256" && o.sse != "aws:kms" && o.sse != "aws:kms:dsse")
    Fail(400, "InvalidArgument", "The encryption method specified is not supported");
  if (o.sse == "aws:kms") {
    // Default to the account's aws/s3 key ARN when no key is named.
    if (o.sse_kms_key.empty()) o.sse_kms_key = ctx.Arn("kms", "alias/aws/s3");
    if (o.sse_kms_key.rfind("arn:", 0) != 0 && o.sse_kms_key.rfind("alias/", 0) != 0)
      o.sse_kms_key = ctx.Arn("kms", "key/" + o.sse_kms_key);
    std::string id = o.sse_kms_key.substr(o.sse_kms_key.rfind('/') + 1);
    auto k = ctx.world.kms_keys.find(id);
    if (k != ctx.world.kms_keys.end() && k->second.state != "Enabled")
      Fail(400, "KMS.KMSInvalidStateException", k->second.arn + " is not enabled.");
  }
  for (const auto& [name, values] : ctx.req.headers)
    if (name.rfind("x-amz-meta-", 0) == 0 && !values.empty())
      o.metadata[name.substr(11)] = values[0];
  b.objects[key] = o;
  Response r = Empty();
  r.headers.emplace_back("ETag", "\"" + o.etag + "\"");
  r.headers.emplace_back("x-amz-server-side-encryption", o.sse);
  if (!o.sse_kms_key.empty())
    r.headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", o.sse_kms_key);
  return r;
}

}  // namespace

std::string S3Operation(const Request& req, std::string* resource_arn) {
  Target t = Split(req);
  const std::string& m = req.method;
  *resource_arn =
      t.bucket.empty() ? "*" : "arn:aws:s3:::" + t.bucket + (t.key.empty() ? "" : "/" + t.key);
  if (t.bucket.empty()) return m == "GET" ? "ListBuckets" : "Unknown";
  if (!t.key.empty()) {
    if (m == "PUT") return "PutObject";
    if (m == "GET") return "GetObject";
    if (m == "HEAD") return "HeadObject";
    if (m == "DELETE") return "DeleteObject";
    return "Unknown";
  }
  auto sub = [&](const char* q, const char* put, const char* get, const char* del) -> std::string {
    if (!Has(req, q)) return "";
    return m == "PUT" ? put : m == "DELETE" ? del : get;
  };
  for (auto name :
       {sub("encryption", "PutBucketEncryption", "GetBucketEncryption", "DeleteBucketEncryption"),
        sub("publicAccessBlock", "PutPublicAccessBlock", "GetPublicAccessBlock",
            "DeletePublicAccessBlock"),
        sub("tagging", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging"),
        sub("location", "Unknown", "GetBucketLocation", "Unknown")})
    if (!name.empty()) return name;
  if (m == "POST" && Has(req, "delete")) return "DeleteObjects";
  if (m == "PUT") return "CreateBucket";
  if (m == "HEAD") return "HeadBucket";
  if (m == "DELETE") return "DeleteBucket";
  if (m == "GET") return Q(req, "list-type") == "2" ? "ListObjectsV2" : "ListObjects";
  return "Unknown";
}

std::string S3IamAction(const std::string& operation) {
  // The IAM action names differ from the operation names for these (the S3 action table).
  static const std::map<std::string, std::string> kActions = {
      {"ListBuckets", "ListAllMyBuckets"},
      {"HeadBucket", "ListBucket"},
      {"ListObjects", "ListBucket"},
      {"ListObjectsV2", "ListBucket"},
      {"HeadObject", "GetObject"},
      {"DeleteObjects", "DeleteObject"},
      {"PutBucketEncryption", "PutEncryptionConfiguration"},
      {"GetBucketEncryption", "GetEncryptionConfiguration"},
      {"DeleteBucketEncryption", "PutEncryptionConfiguration"},
      {"PutPublicAccessBlock", "PutBucketPublicAccessBlock"},
      {"GetPublicAccessBlock", "GetBucketPublicAccessBlock"},
      {"DeletePublicAccessBlock", "PutBucketPublicAccessBlock"},
      {"DeleteBucketTagging", "PutBucketTagging"},
  };
  auto it = kActions.find(operation);
  return "s3:" + (it == kActions.end() ? operation : it->second);
}

Response HandleS3(Context& ctx) {
  Target t = Split(ctx.req);
  const std::string& op = ctx.operation;
  if (op == "ListBuckets") return ListBuckets(ctx);
  if (op == "CreateBucket") return CreateBucket(ctx, t.bucket);
  if (op == "Unknown" || op == "ListObjects")
    Fail(501, "NotImplemented", "awsim does not implement " + ctx.req.method + " " + ctx.req.path);
  Bucket& b = FindBucket(ctx, t.bucket);
  if (op == "HeadBucket") {
    Response r = Empty();
    r.headers.emplace_back("x-amz-bucket-region", b.region);
    return r;
  }
  if (op == "DeleteBucket") {
    if (!b.objects.empty())
      BucketError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", b.name);
    ctx.world.buckets.erase(t.bucket);
    return Empty(204);
  }
  if (op == "ListObjectsV2") return ListObjectsV2(ctx, b);
  if (op == "DeleteObjects") return DeleteObjects(ctx, b);
  if (op == "PutObject") return PutObject(ctx, b, t.key);
  if (op == "DeleteObject") {
    b.objects.erase(t.key);
    return Empty(204);
  }
  if (op == "GetObject" || op == "HeadObject") {
    auto it = b.objects.find(t.key);
    if (it == b.objects.end()) {
      ApiError e(404, "NoSuchKey", "The specified key does not exist.");
      throw e;
    }
    Response r;
    ObjectHeaders(r, it->second);
    r.body = it->second.data;
    return r;
  }
  return BucketConfig(ctx, b);
}

}  // namespace awsim
