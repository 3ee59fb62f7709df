// EC2 account-level catalogue: key pairs, images (AMIs), account attributes and instance
// type offerings.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "codec.h"
#include "ec2_common.h"
#include "iam_eval.h"

namespace awsim::ec2 {

namespace {

// A fresh private key in PEM (PKCS#8) and its SHA-1 fingerprint over the DER encoding.
std::pair<std::string, std::string> NewPrivateKey(const std::string& type) {
  EVP_PKEY* key = type == "ed25519" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                    : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
  if (!key) Fail(500, "InternalError", "key generation failed");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  unsigned char* der = nullptr;
  int der_len = i2d_PrivateKey(key, &der);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int dlen = 0;
  EVP_Digest(der, static_cast<size_t>(der_len), digest, &dlen, EVP_sha1(), nullptr);
  OPENSSL_free(der);
  EVP_PKEY_free(key);
  while (!pem.empty() && pem.back() == '\n') pem.pop_back();
  return {pem, ColonHex(std::string(reinterpret_cast<char*>(digest), dlen))};
}

KeyPair* FindKeyByName(Context& ctx, const std::string& name) {
  for (auto& [id, k] : ctx.world.key_pairs)
    if (k.name == name && k.region == ctx.region && ctx.Visible(id)) return &k;
  return nullptr;
}

void WriteKeyHead(XmlWriter& w, const KeyPair& k) {
  w.Leaf("keyPairId", k.id).Leaf("keyFingerprint", k.fingerprint).Leaf("keyName", k.name);
}

void CheckKeyName(const std::string& name) {
  if (name.empty() || name.size() > 255)
    Fail(400, "InvalidParameterValue", "Value (" + name + ") for parameter keyName is invalid.");
}

KeyPair& AddKey(Context& ctx, const std::string& name, const std::string& fingerprint,
                const std::string& type) {
  if (FindKeyByName(ctx, name))
    Fail(400, "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
  KeyPair k;
  k.id = ctx.world.NewId("key");
  k.region = ctx.region;
  k.name = name;
  k.fingerprint = fingerprint;
  k.key_type = type;
  k.created_ms = ctx.now_ms;
  k.tags = TagSpecTags(ctx, "key-pair");
  ctx.Created(k.id);
  return ctx.world.key_pairs[k.id] = k;
}

void CreateKeyPair(Context& ctx, XmlWriter& w) {
  std::string name = Required(ctx, "KeyName");
  CheckKeyName(name);
  std::string type = ctx.req.Params().Get("KeyType", "rsa");
  if (type != "rsa" && type != "ed25519")
    Fail(400, "InvalidParameterValue", "Value (" + type + ") for parameter keyType is invalid.");
  if (FindKeyByName(ctx, name))
    Fail(400, "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
  auto [pem, fingerprint] = NewPrivateKey(type);
  KeyPair& k = AddKey(ctx, name, fingerprint, type);
  WriteKeyHead(w, k);
  w.Leaf("keyMaterial", pem);
  WriteTags(w, k.tags);
}

void ImportKeyPair(Context& ctx, XmlWriter& w) {
  std::string name = Required(ctx, "KeyName");
  CheckKeyName(name);
  std::string material;
  // The Query wire carries the public key base64-encoded; OpenSSH text is "type blob comment".
  if (!Base64Decode(Required(ctx, "PublicKeyMaterial"), &material))
    Fail(400, "InvalidKeyPair.Format", "Key is not in valid OpenSSH public key format");
  size_t sp = material.find(' ');
  std::string blob;
  std::string kind = material.substr(0, sp);
  if (sp == std::string::npos || (kind != "ssh-rsa" && kind != "ssh-ed25519") ||
      !Base64Decode(material.substr(sp + 1, material.find(' ', sp + 1) - sp - 1), &blob))
    Fail(400, "InvalidKeyPair.Format", "Key is not in valid OpenSSH public key format");
  KeyPair& k = AddKey(ctx, name, ColonHex(Md5Raw(blob)), kind == "ssh-rsa" ? "rsa" : "ed25519");
  WriteKeyHead(w, k);
  WriteTags(w, k.tags);
}

void DescribeKeyPairs(Context& ctx, XmlWriter& w) {
  auto names = Ids(ctx, "KeyName");
  auto ids = Ids(ctx, "KeyPairId");
  auto match = ParseFilters(ctx, {"key-name", "key-pair-id", "fingerprint", "key-type"});
  std::vector<std::string> found_names, found_ids;
  w.Open("keySet");
  for (const auto& [id, k] : ctx.world.key_pairs) {
    if (k.region != ctx.region || !ctx.Visible(id)) continue;
    if (!names.empty() && !Contains(names, k.name)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    found_names.push_back(k.name);
    found_ids.push_back(id);
    Attrs a{{"key-name", k.name},
            {"key-pair-id", id},
            {"fingerprint", k.fingerprint},
            {"key-type", k.key_type}};
    AddTagAttrs(a, k.tags);
    if (!match(a)) continue;
    w.Open("item");
    WriteKeyHead(w, k);
    w.Leaf("keyType", k.key_type);
    WriteTags(w, k.tags);
    w.Leaf("createTime", IsoTime(k.created_ms)).Close();
  }
  w.Close();
  CheckAllFound(names, found_names, "InvalidKeyPair.NotFound", "key pair");
  CheckAllFound(ids, found_ids, "InvalidKeyPair.NotFound", "key pair");
}

void DeleteKeyPair(Context& ctx, XmlWriter& w) {
  auto p = ctx.req.Params();
  std::string name = p.Get("KeyName"), id = p.Get("KeyPairId");
  if (name.empty() && id.empty())
    Fail(400, "MissingParameter", "The request must contain the parameter KeyName or KeyPairId");
  KeyPair* k = nullptr;
  if (!id.empty()) {
    auto it = ctx.world.key_pairs.find(id);
    if (it == ctx.world.key_pairs.end() || it->second.region != ctx.region)
      Fail(400, "InvalidKeyPair.NotFound", "The key pair '" + id + "' does not exist");
    k = &it->second;
  } else {
    k = FindKeyByName(ctx, name);  // deleting a missing name succeeds, as on AWS
  }
  std::string deleted;
  if (k) {
    deleted = k->id;
    ctx.world.key_pairs.erase(k->id);
  }
  w.Bool("return", true);
  w.Opt("keyPairId", deleted);
}

void WriteImage(XmlWriter& w, const Image& i) {
  w.Open("item").Leaf("imageId", i.id).Leaf("imageLocation", i.owner + "/" + i.name);
  w.Leaf("imageState", "available").Leaf("imageOwnerId", i.owner);
  w.Leaf("creationDate", i.creation_date).Bool("isPublic", i.owner != kAccountId);
  w.Leaf("architecture", i.architecture).Leaf("imageType", "machine");
  w.Leaf("platformDetails", "Linux/UNIX").Leaf("usageOperation", "RunInstances");
  w.Leaf("name", i.name).Opt("description", i.description);
  w.Leaf("rootDeviceType", "ebs").Leaf("rootDeviceName", "/dev/xvda");
  w.Open("blockDeviceMapping").Open("item").Leaf("deviceName", "/dev/xvda").Open("ebs");
  w.Leaf("snapshotId", "snap-" + i.id.substr(i.id.find('-') + 1)).Leaf("volumeSize", 8);
  w.Bool("deleteOnTermination", true).Leaf("volumeType", "gp3").Bool("encrypted", false);
  w.Close().Close().Close();
  w.Leaf("virtualizationType", "hvm").Leaf("hypervisor", "xen").Bool("enaSupport", true);
  w.Leaf("sriovNetSupport", "simple");
  WriteTags(w, i.tags);
  w.Close();
}

void DescribeImages(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "ImageId");
  auto owners = Ids(ctx, "Owner");
  for (auto& o : owners) {
    if (o == "self") o = kAccountId;
  }
  auto match =
      ParseFilters(ctx, {"name", "image-id", "state", "architecture", "owner-id", "owner-alias",
                         "virtualization-type", "root-device-type", "is-public", "image-type"});
  Pager pager = Ec2Pager(ctx, 5, 1000);
  std::vector<std::string> found;
  w.Open("imagesSet");
  for (const auto& [id, i] : ctx.world.images) {
    if (i.region != ctx.region || !ctx.Visible(id)) continue;
    if (!ids.empty() && !Contains(ids, id)) continue;
    found.push_back(id);
    // Seeded public images may name their owner by alias ("amazon") or account id.
    if (!owners.empty() && !Contains(owners, i.owner)) continue;
    Attrs a{{"name", i.name},
            {"image-id", id},
            {"state", "available"},
            {"architecture", i.architecture},
            {"owner-id", i.owner},
            {"virtualization-type", "hvm"},
            {"root-device-type", "ebs"},
            {"image-type", "machine"},
            {"is-public", i.owner != kAccountId ? "true" : "false"}};
    AddTagAttrs(a, i.tags);
    if (match(a) && pager.Take(id)) WriteImage(w, i);
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidAMIID.NotFound", "image id");
}

void RegisterImage(Context& ctx, XmlWriter& w) {
  std::string name = Required(ctx, "Name");
  if (name.size() < 3 || name.size() > 128)
    Fail(400, "InvalidAMIName.Malformed", "AMI names must be between 3 and 128 characters long");
  for (const auto& [id, i] : ctx.world.images) {
    if (i.region == ctx.region && i.owner == kAccountId && i.name == name)
      Fail(400, "InvalidAMIName.Duplicate",
           "AMI name " + name + " is already in use by AMI " + id + ".");
  }
  Image img;
  img.id = ctx.world.NewId("ami");
  img.region = ctx.region;
  img.name = name;
  img.owner = kAccountId;
  img.architecture = ctx.req.Params().Get("Architecture", "x86_64");
  img.description = ctx.req.Params().Get("Description");
  img.creation_date = IsoTime(ctx.now_ms);
  img.created_ms = ctx.now_ms;
  img.tags = TagSpecTags(ctx, "image");
  ctx.world.images[img.id] = img;
  ctx.Created(img.id);
  w.Leaf("imageId", img.id);
}

void DeregisterImage(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "ImageId");
  auto it = ctx.world.images.find(id);
  if (it == ctx.world.images.end() || it->second.region != ctx.region)
    Fail(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
  if (it->second.owner != kAccountId) Fail(400, "AuthFailure", "Not authorized for image:" + id);
  ctx.world.images.erase(it);
  w.Bool("return", true);
}

void DescribeAccountAttributes(Context& ctx, XmlWriter& w) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kAttrs = {
      {"supported-platforms", {"VPC"}}, {"default-vpc", {"none"}},
      {"max-instances", {"20"}},        {"vpc-max-security-groups-per-interface", {"5"}},
      {"max-elastic-ips", {"5"}},       {"vpc-max-elastic-ips", {"5"}}};
  auto names = Ids(ctx, "AttributeName");
  for (const auto& n : names) {
    bool known = false;
    for (const auto& [k, v] : kAttrs) known = known || k == n;
    if (!known)
      Fail(400, "InvalidParameterValue",
           "Value (" + n + ") for parameter attributeName is invalid. Unknown attribute.");
  }
  w.Open("accountAttributeSet");
  for (const auto& [name, values] : kAttrs) {
    if (!names.empty() && !Contains(names, name)) continue;
    w.Open("item").Leaf("attributeName", name).Open("attributeValueSet");
    for (const auto& v : values) w.Open("item").Leaf("attributeValue", v).Close();
    w.Close().Close();
  }
  w.Close();
}

const std::vector<std::string>& InstanceTypes() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> out;
    for (const char* family : {"t3", "t3a", "m5", "m5a", "m6i", "m6a", "m7i", "c5", "c6i", "r5",
                               "r6i", "m6g", "c6g", "t4g"}) {
      for (const char* size : {"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge"}) {
        std::string f = family;
        if (f[0] == 't' && std::string(size).find("4x") != std::string::npos) continue;
        if (f[0] == 't' && std::string(size).find("8x") != std::string::npos) continue;
        if (f[0] != 't' && std::string(size) == "medium") continue;
        out.push_back(f + "." + size);
      }
    }
    return out;
  }();
  return kTypes;
}

void DescribeInstanceTypeOfferings(Context& ctx, XmlWriter& w) {
  std::string type = ctx.req.Params().Get("LocationType", "region");
  if (type != "region" && type != "availability-zone" && type != "availability-zone-id")
    Fail(400, "InvalidParameterValue",
         "Value (" + type + ") for parameter locationType is invalid.");
  auto match = ParseFilters(ctx, {"instance-type", "location"});
  std::vector<std::string> locations;
  const auto& zones = ctx.world.regions.at(ctx.region);
  if (type == "region") locations.push_back(ctx.region);
  for (size_t i = 0; i < zones.size() && type != "region"; ++i) {
    if (type == "availability-zone")
      locations.push_back(ctx.region + zones[i]);
    else
      locations.push_back(ctx.region.substr(0, 2) + ctx.region.substr(ctx.region.find('-') + 1, 1) +
                          ctx.region.substr(ctx.region.size() - 1) + "-az" + std::to_string(i + 1));
  }
  w.Open("instanceTypeOfferingSet");
  for (const auto& t : InstanceTypes()) {
    for (const auto& loc : locations) {
      if (!match(Attrs{{"instance-type", t}, {"location", loc}})) continue;
      w.Open("item").Leaf("instanceType", t).Leaf("locationType", type).Leaf("location", loc);
      w.Close();
    }
  }
  w.Close();
}

}  // namespace

bool KnownInstanceType(const std::string& type) { return Contains(InstanceTypes(), type); }

void RegisterCatalog(OpTable& ops) {
  ops["CreateKeyPair"] = CreateKeyPair;
  ops["ImportKeyPair"] = ImportKeyPair;
  ops["DescribeKeyPairs"] = DescribeKeyPairs;
  ops["DeleteKeyPair"] = DeleteKeyPair;
  ops["DescribeImages"] = DescribeImages;
  ops["RegisterImage"] = RegisterImage;
  ops["DeregisterImage"] = DeregisterImage;
  ops["DescribeAccountAttributes"] = DescribeAccountAttributes;
  ops["DescribeInstanceTypeOfferings"] = DescribeInstanceTypeOfferings;
}

}  // namespace awsim::ec2
