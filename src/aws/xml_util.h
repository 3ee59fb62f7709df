// Small readers over pugixml nodes for the per-service clients, plus the encodings they need
// (base64, MD5 for S3 Content-MD5, IAM's URL-encoded policy documents).
// Absent elements read as empty / zero / false: AWS omits members it has no value for.
// Thread safety: pure functions.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.h"
#include "aws/types.h"

namespace tectonic::aws::xml {

// Text of the child element `name` of `node` ("" when absent).
std::string Text(pugi::xml_node node, const char* name);
int64_t Int(pugi::xml_node node, const char* name);
bool Bool(pugi::xml_node node, const char* name);

// Children of the wrapper `node.child(list)` named `item` (EC2: "item", Query: "member").
std::vector<pugi::xml_node> Items(pugi::xml_node node, const char* list, const char* item);

// Texts of the items of a wrapper list (e.g. Subnets/member).
std::vector<std::string> Texts(pugi::xml_node node, const char* list, const char* item);

// EC2 tagSet/item/{key,value}.
Tags Ec2Tags(pugi::xml_node node);
// Query Tags/member/{Key,Value}.
Tags QueryTags(pugi::xml_node node, const char* list = "Tags");

}  // namespace tectonic::aws::xml

namespace tectonic::aws::encoding {

std::string Base64Encode(std::string_view bytes);
// Returns false on malformed input.
bool Base64Decode(std::string_view text, std::string* out);
// Base64 of the MD5 digest: the value of an S3 Content-MD5 header.
std::string ContentMd5(std::string_view body);
// %XX decoding ('+' stays '+'), for IAM policy documents.
std::string PercentDecode(std::string_view text);
// RFC 3986 encoding of an S3 key or Route 53 path segment; '/' kept when keep_slash.
std::string PercentEncode(std::string_view text, bool keep_slash);

}  // namespace tectonic::aws::encoding

namespace tectonic::aws::query {
// Query-protocol tags: Tags.member.N.Key / Tags.member.N.Value (IAM, ELBv2).
void AddTagList(FormParams& p, const Tags& tags);
}  // namespace tectonic::aws::query
