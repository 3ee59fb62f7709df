// ec2.eip and ec2.nat_gateway (KINDS.md).
// EIPs have no idempotency token: Find by tag is the only guard against a duplicate.
// NAT gateways take a ClientToken; a NAT that ended failed/deleted counts as absent, and since
// AWS would answer a reused token with that dead gateway, each dead one bumps a token suffix.
#include <optional>
#include <string>

#include "aws/ec2.h"
#include "aws/ec2_internal.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"
#include "resources/network.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

class EipHandler : public engine::ResourceHandler {
 public:
  explicit EipHandler(aws::AwsClient& client)
      : client_(client),
        ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeAddresses(q); },
               [](const aws::Address& a) { return a.allocation_id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json&,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto address, cache_.ById(ctx.cluster_id, *id, since));
      if (address) return std::optional<Outputs>(ToOutputs(*address));
    }
    TECTONIC_ASSIGN_OR_RETURN(auto addresses, cache_.Owned(ctx, since));
    const auto* owned = FirstOwnedBy(addresses, ctx);
    if (!owned) return std::optional<Outputs>();
    return std::optional<Outputs>(ToOutputs(*owned));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    std::string domain = StringOr(props, "domain", "vpc");
    if (domain != "vpc") return Status::InvalidInput("ec2.eip: only domain \"vpc\" is supported");
    cache_.Touch(ctx.key);
    auto address = ec2_.AllocateAddress(TagsFor(ctx, props));
    if (!address.ok()) return InContext(ctx, address.status());
    return ToOutputs(*address);
  }

  // Disassociates first when the address is still associated (an instance or ENI we no longer
  // need); while a NAT gateway holds it AWS refuses (AuthFailure / InvalidIPAddress.InUse):
  // the gateway must go first, so that is a Dependency.
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    // A fresh answer: the NAT gateway that held the address may have let go just now.
    auto address = cache_.ById(ctx.cluster_id, id, cache_.Now());
    if (!address.ok()) return InContext(ctx, address.status());
    if (!*address) return Status::Ok();
    cache_.Touch(ctx.key);
    if (!(*address)->association_id.empty()) {
      aws::FormParams p;
      p.Add("AssociationId", (*address)->association_id);
      Status disassociated = aws::ec2_internal::Call(client_, aws::ops::kEc2DisassociateAddress, p);
      if (!disassociated.ok() && !IsNotFound(disassociated)) {
        return InContext(ctx, InUseIsDependency(disassociated));
      }
    }
    return InContext(ctx, InUseIsDependency(ClassifyDelete(ec2_.ReleaseAddress(id))));
  }

 private:
  static Status InUseIsDependency(Status status) {
    if (HasAwsCode(status, "AuthFailure") || HasAwsCode(status, "InvalidIPAddress.InUse")) {
      Status out = Status::Dependency(status.message() + " (still held, e.g. by a NAT gateway)");
      out.WithAws(status.aws_code(), status.http_status(), status.request_id());
      return out;
    }
    return status;
  }

  static Outputs ToOutputs(const aws::Address& address) {
    return Outputs{{"id", address.allocation_id}, {"public_ip", address.public_ip}};
  }

  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  DescribeCache<aws::Address> cache_;
};

bool IsGone(const aws::NatGateway& nat) {
  return nat.state == "deleted" || nat.state == "deleting" || nat.state == "failed";
}

Outputs NatOutputs(const aws::NatGateway& nat) {
  Outputs out{{"id", nat.id}, {"private_ip", ""}, {"public_ip", ""}};
  if (!nat.addresses.empty()) {
    out["private_ip"] = nat.addresses.front().private_ip;
    out["public_ip"] = nat.addresses.front().public_ip;
  }
  return out;
}

class NatGatewayHandler : public engine::ResourceHandler {
 public:
  explicit NatGatewayHandler(aws::AwsClient& client)
      : ec2_(client),
        cache_([this](const aws::DescribeQuery& q) { return ec2_.DescribeNatGateways(q); },
               [](const aws::NatGateway& n) { return n.id; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json&,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto nat, cache_.ById(ctx.cluster_id, *id, since));
      if (nat && !IsGone(*nat)) return std::optional<Outputs>(NatOutputs(*nat));
    }
    TECTONIC_ASSIGN_OR_RETURN(auto nats, cache_.Owned(ctx, since));
    // moto ignores tag filters on DescribeNatGateways: the tags are checked here as well.
    for (const auto& nat : nats) {
      if (IsOwnedBy(nat.tags, ctx) && !IsGone(nat)) return std::optional<Outputs>(NatOutputs(nat));
    }
    return std::optional<Outputs>();
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    std::string connectivity = StringOr(props, "connectivity_type", "public");
    if (connectivity != "public") {
      return Status::InvalidInput(
          "ec2.nat_gateway: only connectivity_type \"public\" is supported");
    }
    aws::CreateNatGatewayInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.subnet_id, RequiredString(props, "subnet_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.allocation_id, RequiredString(props, "allocation_id"));
    in.tags = TagsFor(ctx, props);
    TECTONIC_ASSIGN_OR_RETURN(in.client_token, Token(ctx));
    cache_.Touch(ctx.key);
    auto nat = ec2_.CreateNatGateway(in);
    // The subnet or EIP created moments ago may not be visible yet.
    if (!nat.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(nat.status()));
    return NatOutputs(*nat);
  }

  // pending -> again in 15 s; available -> done; failed -> final, with AWS's reason.
  Result<Poll> Wait(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    TECTONIC_ASSIGN_OR_RETURN(auto nat, cache_.ById(ctx.cluster_id, id, cache_.PollSince(ctx.key)));
    if (!nat) return Status::NotYetConsistent("NAT gateway " + id + " not visible yet");
    if (nat->state == "available") return PollDone(NatOutputs(*nat));
    if (nat->state == "pending") return PollAgain(std::chrono::seconds(15), "pending");
    if (nat->state == "failed") {
      std::string why = nat->failure_code + ": " + nat->failure_message;
      if (nat->failure_code == "Gateway.NotAttached") {
        why += " (the VPC had no internet gateway attached when the NAT gateway was created)";
      }
      Status failed = Status::Failed("NAT gateway " + id + " failed: " + why);
      failed.WithAws(nat->failure_code, 0, "");
      return InContext(ctx, failed);
    }
    return InContext(ctx, Status::Failed("NAT gateway " + id + " is " + nat->state +
                                         " while waiting for it to become available"));
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(ec2_.DeleteNatGateway(outputs.value("id", ""))));
  }

  Result<Poll> WaitDeleted(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    auto nat = cache_.ById(ctx.cluster_id, outputs.value("id", ""), cache_.PollSince(ctx.key));
    if (!nat.ok()) return InContext(ctx, nat.status());
    if (!*nat || (*nat)->state == "deleted" || (*nat)->state == "failed") return PollDone({});
    return PollAgain(std::chrono::seconds(15), (*nat)->state);
  }

 private:
  // The node's token, suffixed with the number of dead gateways of this node: stable across
  // retries of one attempt, fresh after a gateway failed or was deleted.
  // The answer Find used will do: nothing of this node changed since.
  Result<std::string> Token(const NodeContext& ctx) {
    TECTONIC_ASSIGN_OR_RETURN(auto nats,
                              cache_.Owned(ctx, DescribeCache<aws::NatGateway>::kAnyAge));
    int dead = 0;
    for (const auto& nat : nats) dead += IsOwnedBy(nat.tags, ctx) && IsGone(nat) ? 1 : 0;
    if (dead == 0) return ctx.client_token;
    return ctx.client_token + "-" + std::to_string(dead);
  }

  aws::Ec2 ec2_;
  DescribeCache<aws::NatGateway> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewEipHandler(aws::AwsClient& client) {
  return std::make_unique<EipHandler>(client);
}

std::unique_ptr<engine::ResourceHandler> NewNatGatewayHandler(aws::AwsClient& client) {
  return std::make_unique<NatGatewayHandler>(client);
}

}  // namespace tectonic::resources
