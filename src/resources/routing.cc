// ec2.route_table, ec2.route and ec2.route_table_association (KINDS.md).
// A route or association pointing elsewhere is replaced by delete + create (the same end state
// as ReplaceRoute / ReplaceRouteTableAssociation, with the calls our IAM policy already holds).
#include <memory>
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

// Route tables, one describe for every node of the three routing kinds (describe_cache.h):
// each node changes only its own table, route or association, so they can share answers.
class TableCache : public DescribeCache<aws::RouteTable> {
 public:
  explicit TableCache(aws::AwsClient& client)
      : DescribeCache(
            [&client](const aws::DescribeQuery& q) {
              return aws::Ec2(client).DescribeRouteTables(q);
            },
            [](const aws::RouteTable& t) { return t.id; }) {}
};

std::shared_ptr<TableCache> OrNew(std::shared_ptr<TableCache> cache, aws::AwsClient& client) {
  return cache ? cache : std::make_shared<TableCache>(client);
}

class RouteTableHandler : public engine::ResourceHandler {
 public:
  RouteTableHandler(aws::AwsClient& client, std::shared_ptr<TableCache> cache)
      : client_(client), ec2_(client), cache_(OrNew(std::move(cache), client)) {}

  void BeginRun() override { cache_->Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json&,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_->Since(ctx.key);
    if (auto id = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto table, cache_->ById(ctx.cluster_id, *id, since));
      if (table) return std::optional<Outputs>(Outputs{{"id", table->id}});
    }
    TECTONIC_ASSIGN_OR_RETURN(auto tables, cache_->Owned(ctx, since));
    const auto* owned = FirstOwnedBy(tables, ctx);
    if (!owned) return std::optional<Outputs>();
    return std::optional<Outputs>(Outputs{{"id", owned->id}});
  }

  // CreateRouteTable with the node's ClientToken, so a retried create returns the same table.
  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string vpc_id, RequiredString(props, "vpc_id"));
    aws::FormParams p;
    p.Add("VpcId", vpc_id);
    if (!ctx.client_token.empty()) p.Add("ClientToken", ctx.client_token);
    int n = 1;
    aws::ec2_internal::AddTagSpec(p, "TagSpecification", n, "route-table", TagsFor(ctx, props));
    cache_->Touch(ctx.key);
    auto response = client_.Query(aws::ops::kEc2CreateRouteTable, p);
    if (!response.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(response.status()));
    aws::RouteTable table =
        aws::ec2_internal::ParseRouteTable(response->result().child("routeTable"));
    if (table.id.empty()) return Status::Internal("CreateRouteTable: the answer has no id");
    return Outputs{{"id", table.id}};
  }

  // DeleteRouteTable is synchronous: once it succeeded the table is gone (no WaitDeleted).
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string id = outputs.value("id", "");
    // A fresh answer: the association nodes removed theirs since any earlier one.
    auto table = cache_->ById(ctx.cluster_id, id, cache_->Now());
    if (!table.ok()) return InContext(ctx, table.status());
    if (!*table) return Status::Ok();
    cache_->Touch(ctx.key);
    for (const auto& association : (*table)->associations) {
      if (association.main || association.id.empty()) continue;
      TECTONIC_RETURN_IF_ERROR(
          InContext(ctx, AbsentIsOk(ec2_.DisassociateRouteTable(association.id))));
    }
    return InContext(ctx, ClassifyDelete(ec2_.DeleteRouteTable(id)));
  }

 private:
  aws::AwsClient& client_;
  aws::Ec2 ec2_;
  std::shared_ptr<TableCache> cache_;
};

class RouteHandler : public engine::ResourceHandler {
 public:
  RouteHandler(aws::AwsClient& client, std::shared_ptr<TableCache> cache)
      : ec2_(client), cache_(OrNew(std::move(cache), client)) {}

  void BeginRun() override { cache_->Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>&) override {
    TECTONIC_ASSIGN_OR_RETURN(aws::CreateRouteInput want, Wanted(props));
    auto table = cache_->ById(ctx.cluster_id, want.route_table_id, cache_->Since(ctx.key));
    if (!table.ok()) return InContext(ctx, table.status());
    if (!*table || !Matches(**table, want)) return std::optional<Outputs>();
    return std::optional<Outputs>(ToOutputs(want));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(aws::CreateRouteInput want, Wanted(props));
    cache_->Touch(ctx.key);
    Status created = ec2_.CreateRoute(want);
    if (HasAwsCode(created, "RouteAlreadyExists")) {
      // Ours when it targets the same gateway; else replace it (someone else's default route
      // or a blackhole left by a deleted NAT gateway).
      TECTONIC_ASSIGN_OR_RETURN(
          auto table, cache_->ById(ctx.cluster_id, want.route_table_id, cache_->Since(ctx.key)));
      if (table && Matches(*table, want)) return ToOutputs(want);
      TECTONIC_RETURN_IF_ERROR(InContext(
          ctx, AbsentIsOk(ec2_.DeleteRoute(want.route_table_id, want.destination_cidr_block))));
      created = ec2_.CreateRoute(want);
    }
    // A gateway or table created moments ago may not be visible to CreateRoute yet.
    if (!created.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(created));
    return ToOutputs(want);
  }

  Status Delete(const NodeContext& ctx, const json& props, const Outputs&) override {
    std::string table = StringOr(props, "route_table_id", "");
    std::string destination = StringOr(props, "destination_cidr_block", "0.0.0.0/0");
    return InContext(ctx, ClassifyDelete(ec2_.DeleteRoute(table, destination)));
  }

 private:
  static Result<aws::CreateRouteInput> Wanted(const json& props) {
    aws::CreateRouteInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.route_table_id, RequiredString(props, "route_table_id"));
    TECTONIC_ASSIGN_OR_RETURN(in.destination_cidr_block,
                              RequiredString(props, "destination_cidr_block"));
    in.gateway_id = StringOr(props, "gateway_id", "");
    in.nat_gateway_id = StringOr(props, "nat_gateway_id", "");
    if (in.gateway_id.empty() == in.nat_gateway_id.empty()) {
      return Status::InvalidInput("route " + in.route_table_id + ":" + in.destination_cidr_block +
                                  ": exactly one of gateway_id and nat_gateway_id is required");
    }
    return in;
  }

  static bool Matches(const aws::RouteTable& table, const aws::CreateRouteInput& want) {
    for (const auto& route : table.routes) {
      if (route.destination_cidr_block != want.destination_cidr_block) continue;
      if (route.state == "blackhole") return false;
      if (!want.gateway_id.empty()) return route.gateway_id == want.gateway_id;
      return route.nat_gateway_id == want.nat_gateway_id;
    }
    return false;
  }

  static Outputs ToOutputs(const aws::CreateRouteInput& want) {
    return Outputs{{"id", want.route_table_id + ":" + want.destination_cidr_block}};
  }

  aws::Ec2 ec2_;
  std::shared_ptr<TableCache> cache_;
};

class RouteTableAssociationHandler : public engine::ResourceHandler {
 public:
  RouteTableAssociationHandler(aws::AwsClient& client, std::shared_ptr<TableCache> cache)
      : ec2_(client), cache_(OrNew(std::move(cache), client)) {}

  void BeginRun() override { cache_->Clear(); }

  // The subnet's association as our table lists it (one describe serves every node); an
  // association to another table is found by Create's AlreadyAssociated answer.
  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>&) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string table_id, RequiredString(props, "route_table_id"));
    TECTONIC_ASSIGN_OR_RETURN(std::string subnet_id, RequiredString(props, "subnet_id"));
    auto table = cache_->ById(ctx.cluster_id, table_id, cache_->Since(ctx.key));
    if (!table.ok()) return InContext(ctx, table.status());
    if (!*table) return std::optional<Outputs>();
    for (const auto& association : (*table)->associations) {
      if (association.subnet_id == subnet_id && !association.main &&
          association.state != "disassociated") {
        return std::optional<Outputs>(Outputs{{"id", association.id}});
      }
    }
    return std::optional<Outputs>();
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    TECTONIC_ASSIGN_OR_RETURN(std::string table_id, RequiredString(props, "route_table_id"));
    TECTONIC_ASSIGN_OR_RETURN(std::string subnet_id, RequiredString(props, "subnet_id"));
    cache_->Touch(ctx.key);
    auto associated = ec2_.AssociateRouteTable(table_id, subnet_id);
    if (HasAwsCode(associated.status(), "Resource.AlreadyAssociated")) {
      auto current = CurrentAssociation(subnet_id);
      if (!current.ok()) return InContext(ctx, current.status());
      if (*current && (*current)->first == table_id) return Outputs{{"id", (*current)->second}};
      // Associated to another table: move it to ours (ReplaceRouteTableAssociation's effect).
      if (*current) {
        TECTONIC_RETURN_IF_ERROR(
            InContext(ctx, AbsentIsOk(ec2_.DisassociateRouteTable((*current)->second))));
      }
      associated = ec2_.AssociateRouteTable(table_id, subnet_id);
    }
    if (!associated.ok()) {
      return InContext(ctx, NotFoundIsNotYetConsistent(associated.status()));
    }
    return Outputs{{"id", *associated}};
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    return InContext(ctx, ClassifyDelete(ec2_.DisassociateRouteTable(outputs.value("id", ""))));
  }

 private:
  // (table id, association id) of the subnet's explicit association, if any.
  Result<std::optional<std::pair<std::string, std::string>>> CurrentAssociation(
      const std::string& subnet_id) {
    using Found = std::optional<std::pair<std::string, std::string>>;
    TECTONIC_ASSIGN_OR_RETURN(
        auto tables, ec2_.DescribeRouteTables({{}, {{"association.subnet-id", {subnet_id}}}}));
    for (const auto& table : tables) {
      for (const auto& association : table.associations) {
        if (association.subnet_id == subnet_id && !association.main &&
            association.state != "disassociated") {
          return Found(std::make_pair(table.id, association.id));
        }
      }
    }
    return Found();
  }

  aws::Ec2 ec2_;
  std::shared_ptr<TableCache> cache_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewRouteTableHandler(aws::AwsClient& client) {
  return std::make_unique<RouteTableHandler>(client, nullptr);
}

std::unique_ptr<engine::ResourceHandler> NewRouteHandler(aws::AwsClient& client) {
  return std::make_unique<RouteHandler>(client, nullptr);
}

std::unique_ptr<engine::ResourceHandler> NewRouteTableAssociationHandler(aws::AwsClient& client) {
  return std::make_unique<RouteTableAssociationHandler>(client, nullptr);
}

RoutingHandlers NewRoutingHandlers(aws::AwsClient& client) {
  auto cache = std::make_shared<TableCache>(client);
  return {std::make_unique<RouteTableHandler>(client, cache),
          std::make_unique<RouteHandler>(client, cache),
          std::make_unique<RouteTableAssociationHandler>(client, cache)};
}

}  // namespace tectonic::resources
