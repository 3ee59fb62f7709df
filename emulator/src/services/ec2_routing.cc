// EC2 route tables, routes, Elastic IPs and NAT gateways.
#include "ec2_common.h"

namespace awsim::ec2 {

namespace {

RouteTable& FindRouteTable(Context& ctx, const std::string& id) {
  auto it = ctx.world.route_tables.find(id);
  if (it == ctx.world.route_tables.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
  return it->second;
}

void WriteRouteTable(const Context& ctx, XmlWriter& w, const RouteTable& r,
                     const std::string& element) {
  w.Open(element).Leaf("routeTableId", r.id).Leaf("vpcId", r.vpc_id).Leaf("ownerId", kAccountId);
  w.Open("routeSet");
  for (const auto& route : r.routes) {
    w.Open("item").Leaf("destinationCidrBlock", route.destination);
    std::string state = "active";
    if (!route.nat_gateway_id.empty()) {
      w.Leaf("natGatewayId", route.nat_gateway_id);
      auto nat = ctx.world.nats.find(route.nat_gateway_id);
      if (nat == ctx.world.nats.end() || NatState(ctx, nat->second) != "available")
        state = "blackhole";
    } else {
      w.Leaf("gatewayId", route.gateway_id);
      if (route.gateway_id != "local" && !ctx.world.igws.count(route.gateway_id))
        state = "blackhole";
    }
    w.Leaf("state", state).Leaf("origin", route.origin).Close();
  }
  w.Close().Open("associationSet");
  for (const auto& a : r.associations) {
    w.Open("item").Leaf("routeTableAssociationId", a.id).Leaf("routeTableId", r.id);
    w.Opt("subnetId", a.subnet_id).Bool("main", a.main);
    w.Open("associationState").Leaf("state", "associated").Close().Close();
  }
  w.Close().Open("propagatingVgwSet").Close();
  WriteTags(w, r.tags);
  w.Close();
}

void CreateRouteTable(Context& ctx, XmlWriter& w) {
  Vpc& v = FindVpc(ctx, Required(ctx, "VpcId"));
  int count = 0;
  for (const auto& [id, r] : ctx.world.route_tables) count += r.vpc_id == v.id;
  if (count >= 200)
    Fail(400, "RouteTableLimitExceeded", "The maximum number of route tables has been reached.");
  RouteTable r;
  r.id = ctx.world.NewId("rtb");
  r.region = ctx.region;
  r.vpc_id = v.id;
  r.created_ms = ctx.now_ms;
  r.tags = TagSpecTags(ctx, "route-table");
  r.routes.push_back({v.cidr, "local", "", "", "CreateRouteTable"});
  ctx.world.route_tables[r.id] = r;
  ctx.Created(r.id);
  WriteRouteTable(ctx, w, r, "routeTable");
  w.Opt("clientToken", ctx.req.Params().Get("ClientToken"));
}

void DescribeRouteTables(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 100);
  auto ids = Ids(ctx, "RouteTableId");
  auto match =
      ParseFilters(ctx, {"route-table-id", "vpc-id", "association.subnet-id", "association.main",
                         "association.route-table-association-id", "route.nat-gateway-id",
                         "route.gateway-id", "route.destination-cidr-block", "owner-id"});
  std::vector<std::string> found;
  w.Open("routeTableSet");
  for (const auto& [id, r] : ctx.world.route_tables) {
    if (r.region != ctx.region || !ctx.Visible(id) || (!ids.empty() && !Contains(ids, id)))
      continue;
    found.push_back(id);
    Attrs a{{"route-table-id", id}, {"vpc-id", r.vpc_id}, {"owner-id", kAccountId}};
    for (const auto& as : r.associations) {
      if (!as.subnet_id.empty()) a.emplace("association.subnet-id", as.subnet_id);
      a.emplace("association.main", as.main ? "true" : "false");
      a.emplace("association.route-table-association-id", as.id);
    }
    for (const auto& route : r.routes) {
      a.emplace("route.destination-cidr-block", route.destination);
      if (!route.nat_gateway_id.empty()) a.emplace("route.nat-gateway-id", route.nat_gateway_id);
      if (!route.gateway_id.empty()) a.emplace("route.gateway-id", route.gateway_id);
    }
    AddTagAttrs(a, r.tags);
    if (match(a) && pager.Take(id)) WriteRouteTable(ctx, w, r, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
  CheckAllFound(ids, found, "InvalidRouteTableID.NotFound", "routeTable ID");
}

void DeleteRouteTable(Context& ctx, XmlWriter& w) {
  RouteTable& r = FindRouteTable(ctx, Required(ctx, "RouteTableId"));
  if (!r.associations.empty())
    Fail(400, "DependencyViolation",
         "The routeTable '" + r.id + "' has dependencies and cannot be deleted.");
  ctx.world.route_tables.erase(r.id);
  w.Bool("return", true);
}

void CreateRoute(Context& ctx, XmlWriter& w) {
  RouteTable& r = FindRouteTable(ctx, Required(ctx, "RouteTableId"));
  std::string dest = Required(ctx, "DestinationCidrBlock");
  if (!ParseCidr(dest).ok)
    Fail(400, "InvalidParameterValue",
         "Value (" + dest + ") for parameter destinationCidrBlock is invalid.");
  bool replace = ctx.operation == "ReplaceRoute";
  auto existing = std::find_if(r.routes.begin(), r.routes.end(),
                               [&](const Route& x) { return x.destination == dest; });
  if (!replace && existing != r.routes.end())
    Fail(400, "RouteAlreadyExists", "The route identified by " + dest + " already exists.");
  if (replace && existing == r.routes.end())
    Fail(400, "InvalidRoute.NotFound",
         "no route with destination-cidr-block " + dest + " in route table " + r.id);
  Route route;
  route.destination = dest;
  auto p = ctx.req.Params();
  if (p.Has("GatewayId")) {
    std::string gw = p.Get("GatewayId");
    auto it = ctx.world.igws.find(gw);
    if (it == ctx.world.igws.end() || !ctx.Visible(gw))
      Fail(400, "InvalidGatewayID.NotFound", "The gateway ID '" + gw + "' does not exist");
    if (it->second.vpc_id != r.vpc_id)
      Fail(400, "InvalidParameterValue",
           "route table " + r.id + " and network gateway " + gw + " belong to different networks");
    route.gateway_id = gw;
  } else if (p.Has("NatGatewayId")) {
    std::string nat = p.Get("NatGatewayId");
    auto it = ctx.world.nats.find(nat);
    if (it == ctx.world.nats.end() || !ctx.Visible(nat) || NatState(ctx, it->second) == "deleted")
      Fail(400, "InvalidNatGatewayID.NotFound", "The natGateway ID '" + nat + "' does not exist");
    route.nat_gateway_id = nat;
  } else {
    Fail(400, "InvalidParameterCombination", "No route target was specified.");
  }
  if (!replace && r.routes.size() >= 50)
    Fail(400, "RouteLimitExceeded", "The maximum number of routes has been reached.");
  if (replace)
    *existing = route;
  else
    r.routes.push_back(route);
  w.Bool("return", true);
}

void DeleteRoute(Context& ctx, XmlWriter& w) {
  RouteTable& r = FindRouteTable(ctx, Required(ctx, "RouteTableId"));
  std::string dest = Required(ctx, "DestinationCidrBlock");
  auto n = std::erase_if(
      r.routes, [&](const Route& x) { return x.destination == dest && x.gateway_id != "local"; });
  if (n == 0)
    Fail(400, "InvalidRoute.NotFound",
         "no route with destination-cidr-block " + dest + " in route table " + r.id);
  w.Bool("return", true);
}

void AssociateRouteTable(Context& ctx, XmlWriter& w) {
  RouteTable& r = FindRouteTable(ctx, Required(ctx, "RouteTableId"));
  Subnet& s = FindSubnet(ctx, Required(ctx, "SubnetId"));
  if (s.vpc_id != r.vpc_id)
    Fail(400, "InvalidParameterValue",
         "Route table " + r.id + " and subnet " + s.id + " belong to different networks");
  for (const auto& [id, other] : ctx.world.route_tables) {
    for (const auto& a : other.associations) {
      if (a.subnet_id == s.id)
        Fail(400, "Resource.AlreadyAssociated",
             "the specified association for route table " + id +
                 " conflicts with an existing association");
    }
  }
  RouteAssociation a{ctx.world.NewId("rtbassoc"), s.id, "", false};
  r.associations.push_back(a);
  w.Leaf("associationId", a.id).Open("associationState").Leaf("state", "associated").Close();
}

void DisassociateRouteTable(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "AssociationId");
  for (auto& [rid, r] : ctx.world.route_tables) {
    for (auto it = r.associations.begin(); it != r.associations.end(); ++it) {
      if (it->id != id) continue;
      if (it->main)
        Fail(400, "InvalidParameterValue",
             "cannot disassociate the main route table association " + id);
      r.associations.erase(it);
      w.Bool("return", true);
      return;
    }
  }
  Fail(400, "InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
}

Address& FindAddress(Context& ctx, const std::string& id) {
  auto it = ctx.world.addresses.find(id);
  if (it == ctx.world.addresses.end() || it->second.region != ctx.region || !ctx.Visible(id))
    Fail(400, "InvalidAllocationID.NotFound", "The allocation ID '" + id + "' does not exist");
  return it->second;
}

void AllocateAddress(Context& ctx, XmlWriter& w) {
  int count = 0;
  for (const auto& [id, a] : ctx.world.addresses) count += a.region == ctx.region;
  if (count >= 5)
    Fail(400, "AddressLimitExceeded", "The maximum number of addresses has been reached.");
  Address a;
  a.id = ctx.world.NewId("eipalloc");
  a.region = ctx.region;
  a.created_ms = ctx.now_ms;
  a.public_ip = "54." + std::to_string(ctx.world.rng() % 200 + 10) + "." +
                std::to_string(ctx.world.rng() % 250) + "." +
                std::to_string(ctx.world.rng() % 250 + 1);
  a.tags = TagSpecTags(ctx, "elastic-ip");
  ctx.world.addresses[a.id] = a;
  ctx.Created(a.id);
  w.Leaf("publicIp", a.public_ip).Leaf("domain", "vpc").Leaf("allocationId", a.id);
  w.Leaf("publicIpv4Pool", "amazon").Leaf("networkBorderGroup", ctx.region);
}

void DescribeAddresses(Context& ctx, XmlWriter& w) {
  auto ids = Ids(ctx, "AllocationId");
  auto match = ParseFilters(ctx, {"allocation-id", "association-id", "domain", "instance-id",
                                  "public-ip", "network-interface-id"});
  std::vector<std::string> found;
  w.Open("addressesSet");
  for (const auto& [id, a] : ctx.world.addresses) {
    if (a.region != ctx.region || !ctx.Visible(id) || (!ids.empty() && !Contains(ids, id)))
      continue;
    found.push_back(id);
    Attrs at{{"allocation-id", id}, {"domain", "vpc"}, {"public-ip", a.public_ip}};
    if (!a.association_id.empty()) at.emplace("association-id", a.association_id);
    if (!a.instance_id.empty()) at.emplace("instance-id", a.instance_id);
    AddTagAttrs(at, a.tags);
    if (!match(at)) continue;
    w.Open("item").Leaf("publicIp", a.public_ip).Leaf("allocationId", a.id).Leaf("domain", "vpc");
    w.Opt("associationId", a.association_id).Opt("instanceId", a.instance_id);
    w.Opt("networkInterfaceId", a.eni_id).Opt("privateIpAddress", a.private_ip);
    w.Leaf("publicIpv4Pool", "amazon").Leaf("networkBorderGroup", ctx.region);
    WriteTags(w, a.tags);
    w.Close();
  }
  w.Close();
  CheckAllFound(ids, found, "InvalidAllocationID.NotFound", "allocation ID");
}

void ReleaseAddress(Context& ctx, XmlWriter& w) {
  Address& a = FindAddress(ctx, Required(ctx, "AllocationId"));
  bool nat_alive = !a.nat_id.empty() && ctx.world.nats.count(a.nat_id) &&
                   NatState(ctx, ctx.world.nats.at(a.nat_id)) != "deleted";
  if (!a.association_id.empty() || nat_alive)
    Fail(400, "InvalidIPAddress.InUse", "Address " + a.public_ip + " is in use.");
  ctx.world.addresses.erase(a.id);
  w.Bool("return", true);
}

void WriteNat(const Context& ctx, XmlWriter& w, const NatGateway& n, const std::string& element) {
  std::string state = NatState(ctx, n);
  w.Open(element).Leaf("natGatewayId", n.id).Leaf("subnetId", n.subnet_id).Leaf("vpcId", n.vpc_id);
  w.Leaf("state", state)
      .Leaf("connectivityType", n.connectivity)
      .Leaf("createTime", IsoTime(n.created_ms));
  if (n.delete_ms && state == "deleted") w.Leaf("deleteTime", IsoTime(n.delete_ms));
  if (state == "failed")
    w.Leaf("failureCode", n.failure_code).Leaf("failureMessage", n.failure_message);
  w.Open("natGatewayAddressSet").Open("item").Leaf("allocationId", n.allocation_id);
  w.Leaf("publicIp", n.public_ip).Leaf("privateIp", n.private_ip).Bool("isPrimary", true);
  w.Leaf("status", state == "available" ? "succeeded"
                   : state == "failed"  ? "failed"
                                        : "associating")
      .Close()
      .Close();
  WriteTags(w, n.tags);
  w.Close();
}

void CreateNatGateway(Context& ctx, XmlWriter& w) {
  Subnet& s = FindSubnet(ctx, Required(ctx, "SubnetId"));
  std::string alloc = Required(ctx, "AllocationId");
  Address& a = FindAddress(ctx, alloc);
  if (!a.association_id.empty() || !a.nat_id.empty())
    Fail(400, "Resource.AlreadyAssociated",
         "Elastic IP address [" + alloc + "] is already associated");
  int per_az = 0;
  for (const auto& [id, n] : ctx.world.nats) {
    if (n.region == ctx.region && NatState(ctx, n) != "deleted" && NatState(ctx, n) != "failed" &&
        ctx.world.subnets.count(n.subnet_id) && ctx.world.subnets.at(n.subnet_id).az == s.az)
      ++per_az;
  }
  if (per_az >= 5)
    Fail(400, "NatGatewayLimitExceeded",
         "The maximum number of NAT gateways in " + s.az + " has been reached.");
  NatGateway n;
  n.id = ctx.world.NewId("nat");
  n.region = ctx.region;
  n.subnet_id = s.id;
  n.vpc_id = s.vpc_id;
  n.allocation_id = alloc;
  n.public_ip = a.public_ip;
  Cidr c = ParseCidr(s.cidr);
  n.private_ip = IpString(c.base + 4 + static_cast<uint32_t>(ctx.world.rng() % 200));
  n.created_ms = ctx.now_ms;
  n.client_token = ctx.req.Params().Get("ClientToken");
  n.tags = TagSpecTags(ctx, "natgateway");
  bool igw = false;
  for (const auto& [id, g] : ctx.world.igws) igw = igw || g.vpc_id == s.vpc_id;
  if (!igw) {
    n.failure_code = "Gateway.NotAttached";
    n.failure_message = "Network " + s.vpc_id + " has no Internet gateway attached";
  } else {
    a.nat_id = n.id;
    a.association_id = ctx.world.NewId("eipassoc");
    a.eni_id = ctx.world.NewId("eni");
    a.private_ip = n.private_ip;
  }
  ctx.world.nats[n.id] = n;
  ctx.Created(n.id);
  w.Opt("clientToken", n.client_token);
  WriteNat(ctx, w, n, "natGateway");
}

void DescribeNatGateways(Context& ctx, XmlWriter& w) {
  Pager pager = Ec2Pager(ctx, 5, 1000);
  auto ids = Ids(ctx, "NatGatewayId");
  auto match = ParseFilters(ctx, {"nat-gateway-id", "state", "subnet-id", "vpc-id"});
  std::vector<std::string> found;
  w.Open("natGatewaySet");
  for (const auto& [id, n] : ctx.world.nats) {
    if (n.region != ctx.region || !ctx.Visible(id) || (!ids.empty() && !Contains(ids, id)))
      continue;
    found.push_back(id);
    Attrs a{{"nat-gateway-id", id},
            {"state", NatState(ctx, n)},
            {"subnet-id", n.subnet_id},
            {"vpc-id", n.vpc_id}};
    AddTagAttrs(a, n.tags);
    if (match(a) && pager.Take(id)) WriteNat(ctx, w, n, "item");
  }
  w.Close();
  WriteNextToken(w, pager);
  for (const auto& id : ids) {
    if (!Contains(found, id))
      Fail(400, "NatGatewayNotFound", "NAT gateway " + id + " was not found");
  }
}

void DeleteNatGateway(Context& ctx, XmlWriter& w) {
  std::string id = Required(ctx, "NatGatewayId");
  auto it = ctx.world.nats.find(id);
  if (it == ctx.world.nats.end() || !ctx.Visible(id) || NatState(ctx, it->second) == "deleted")
    Fail(400, "NatGatewayNotFound", "The Nat Gateway " + id + " was not found");
  NatGateway& n = it->second;
  if (!n.delete_ms) n.delete_ms = ctx.now_ms;
  auto addr = ctx.world.addresses.find(n.allocation_id);
  if (addr != ctx.world.addresses.end() && addr->second.nat_id == n.id) {
    addr->second.association_id.clear();
    addr->second.eni_id.clear();
    addr->second.private_ip.clear();
    // nat_id stays until the gateway is deleted (ReleaseAddress checks NatState).
  }
  w.Leaf("natGatewayId", n.id);
}

}  // namespace

void RegisterRouting(OpTable& ops) {
  ops["CreateRouteTable"] = CreateRouteTable;
  ops["DescribeRouteTables"] = DescribeRouteTables;
  ops["DeleteRouteTable"] = DeleteRouteTable;
  ops["CreateRoute"] = CreateRoute;
  ops["ReplaceRoute"] = CreateRoute;
  ops["DeleteRoute"] = DeleteRoute;
  ops["AssociateRouteTable"] = AssociateRouteTable;
  ops["DisassociateRouteTable"] = DisassociateRouteTable;
  ops["AllocateAddress"] = AllocateAddress;
  ops["DescribeAddresses"] = DescribeAddresses;
  ops["ReleaseAddress"] = ReleaseAddress;
  ops["CreateNatGateway"] = CreateNatGateway;
  ops["DescribeNatGateways"] = DescribeNatGateways;
  ops["DeleteNatGateway"] = DeleteNatGateway;
}

}  // namespace awsim::ec2
