// Helpers shared by the EC2 handlers: the operation table, tag sets, TagSpecifications,
// Describe filters, ClientToken idempotency, CIDR arithmetic and lifecycle states.
// All functions run with World::mu held.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "paging.h"
#include "server.h"

namespace awsim::ec2 {

using Op = std::function<void(Context&, XmlWriter&)>;
using OpTable = std::map<std::string, Op>;

void RegisterNetwork(OpTable& ops);
void RegisterRouting(OpTable& ops);
void RegisterCompute(OpTable& ops);
void RegisterCatalog(OpTable& ops);  // key pairs, images, account facts
bool KnownInstanceType(const std::string& type);

// <name><item><key/><value/></item>...</name>
void WriteTags(XmlWriter& w, const Tags& tags, const std::string& name = "tagSet");
// Tags of TagSpecification.N whose ResourceType equals `type`; rejects unknown types.
Tags TagSpecTags(const Context& ctx, const std::string& type);

// Attributes a Describe filter can match, e.g. {"vpc-id", "vpc-1"}, {"tag:Name", "x"}.
using Attrs = std::multimap<std::string, std::string>;
void AddTagAttrs(Attrs& attrs, const Tags& tags);
// Checks Filter.N against `allowed` names (plus tag:*, tag-key, tag-value) and returns a
// predicate over resource attributes.
std::function<bool(const Attrs&)> ParseFilters(const Context& ctx,
                                               const std::vector<std::string>& allowed);
// The ids of `param`.N, e.g. VpcId.1, VpcId.2.
std::vector<std::string> Ids(const Context& ctx, const std::string& param);
// Throws the NotFound error listing the first requested id not in `found`.
void CheckAllFound(const std::vector<std::string>& wanted, const std::vector<std::string>& found,
                   const std::string& code, const std::string& noun);
bool Contains(const std::vector<std::string>& v, const std::string& s);

std::string Required(const Context& ctx, const std::string& name);

// MaxResults (min..max; absent = one page of everything) and NextToken of a paginated describe.
Pager Ec2Pager(const Context& ctx, long long min, long long max);
// <nextToken> after a describe's set when more pages remain.
void WriteNextToken(XmlWriter& w, const Pager& pager);

// ClientToken replay: returns true (and fills `out`) when the token was seen with the same
// parameters; throws IdempotentParameterMismatch for different ones.
bool Replay(Context& ctx, Response* out);
void Remember(Context& ctx, const Response& response);

// IPv4 CIDR helpers.
struct Cidr {
  uint32_t base = 0;
  int bits = 0;
  bool ok = false;
  uint32_t Size() const { return bits == 0 ? 0xffffffffu : (1u << (32 - bits)); }
  bool Contains(const Cidr& o) const;
  bool Overlaps(const Cidr& o) const;
};
Cidr ParseCidr(const std::string& s);
std::string IpString(uint32_t ip);

// Lookups that honour the consistency window; throw the EC2 NotFound code.
Vpc& FindVpc(Context& ctx, const std::string& id);
Subnet& FindSubnet(Context& ctx, const std::string& id);
SecurityGroup& FindGroup(Context& ctx, const std::string& id);

std::string VpcState(const Context& ctx, const Vpc& v);
std::string NatState(const Context& ctx, const NatGateway& n);
// (code, name) of an instance's state now.
std::pair<int, std::string> InstanceState(const Context& ctx, const Instance& i);

// Writers reused by several operations.
void WriteVpc(const Context& ctx, XmlWriter& w, const Vpc& v, const std::string& element);
void WriteSubnet(const Context& ctx, XmlWriter& w, const Subnet& s, const std::string& element);
void WriteInstance(const Context& ctx, XmlWriter& w, const Instance& i);

// Launches one instance (used by RunInstances and Auto Scaling).
Instance& LaunchInstance(Context& ctx, const nlohmann::json& spec, const std::string& subnet_id,
                         const std::string& reservation_id);
// Starts termination (idempotent): deregisters from target groups, drops EIP associations.
void TerminateInstance(Context& ctx, Instance& i);

}  // namespace awsim::ec2
