// The admin API under /_awsim/ (loopback only, no SigV4): reset, seed, resources, calls,
// config, latency, clock, target_health. Bodies and answers are JSON.
#include <nlohmann/json.hpp>

#include "server.h"

namespace awsim {

namespace {

using nlohmann::json;

Response Json(const json& body, int status = 200) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(2);
  return r;
}

json TagsJson(const Tags& tags) { return json(tags); }

json Dump(World& w, const VirtualClock& clock, const LatencyTable& latency) {
  int64_t now = clock.NowMs();
  json out;
  out["now"] = IsoTime(now);
  for (const auto& [id, v] : w.vpcs)
    out["vpcs"].push_back(
        {{"id", id}, {"region", v.region}, {"cidr", v.cidr}, {"tags", TagsJson(v.tags)}});
  for (const auto& [id, s] : w.subnets)
    out["subnets"].push_back({{"id", id},
                              {"vpc_id", s.vpc_id},
                              {"cidr", s.cidr},
                              {"az", s.az},
                              {"tags", TagsJson(s.tags)}});
  for (const auto& [id, g] : w.igws)
    out["internet_gateways"].push_back(
        {{"id", id}, {"vpc_id", g.vpc_id}, {"tags", TagsJson(g.tags)}});
  for (const auto& [id, a] : w.addresses)
    out["addresses"].push_back({{"id", id},
                                {"public_ip", a.public_ip},
                                {"association", a.association_id},
                                {"tags", TagsJson(a.tags)}});
  for (const auto& [id, n] : w.nats) {
    std::string state =
        n.failure_code.empty()
            ? (now >= n.created_ms + latency.DurationMs("nat_available") ? "available" : "pending")
            : "failed";
    if (n.delete_ms)
      state = now >= n.delete_ms + latency.DurationMs("nat_deleted") ? "deleted" : "deleting";
    out["nat_gateways"].push_back(
        {{"id", id}, {"subnet_id", n.subnet_id}, {"state", state}, {"tags", TagsJson(n.tags)}});
  }
  for (const auto& [id, r] : w.route_tables)
    out["route_tables"].push_back({{"id", id},
                                   {"vpc_id", r.vpc_id},
                                   {"routes", r.routes.size()},
                                   {"associations", r.associations.size()},
                                   {"tags", TagsJson(r.tags)}});
  for (const auto& [id, g] : w.security_groups)
    out["security_groups"].push_back({{"id", id},
                                      {"vpc_id", g.vpc_id},
                                      {"name", g.name},
                                      {"rules", g.rules.size()},
                                      {"tags", TagsJson(g.tags)}});
  for (const auto& [id, i] : w.instances)
    out["instances"].push_back({{"id", id},
                                {"subnet_id", i.subnet_id},
                                {"image_id", i.image_id},
                                {"terminated", i.terminate_ms != 0},
                                {"asg", i.asg_name},
                                {"tags", TagsJson(i.tags)}});
  for (const auto& [id, k] : w.key_pairs)
    out["key_pairs"].push_back({{"id", id}, {"name", k.name}, {"region", k.region}});
  for (const auto& [id, i] : w.images)
    out["images"].push_back(
        {{"id", id}, {"name", i.name}, {"owner", i.owner}, {"region", i.region}});
  for (const auto& [id, t] : w.launch_templates)
    out["launch_templates"].push_back(
        {{"id", id}, {"name", t.name}, {"versions", t.versions.size()}});
  for (const auto& [id, lb] : w.load_balancers)
    out["load_balancers"].push_back(
        {{"arn", id}, {"name", lb.name}, {"dns_name", lb.dns_name}, {"tags", TagsJson(lb.tags)}});
  for (const auto& [id, tg] : w.target_groups)
    out["target_groups"].push_back(
        {{"arn", id}, {"name", tg.name}, {"targets", tg.targets.size()}});
  for (const auto& [id, l] : w.listeners)
    out["listeners"].push_back({{"arn", id}, {"lb_arn", l.lb_arn}, {"port", l.port}});
  for (const auto& [id, g] : w.asgs)
    out["auto_scaling_groups"].push_back(
        {{"name", id}, {"desired", g.desired}, {"instances", g.instances}});
  for (const auto& [name, u] : w.users)
    out["iam_users"].push_back({{"name", name}, {"arn", u.arn}, {"attached", u.attached}});
  for (const auto& [name, r] : w.roles)
    out["iam_roles"].push_back({{"name", name}, {"arn", r.arn}, {"attached", r.attached}});
  for (const auto& [name, p] : w.instance_profiles)
    out["instance_profiles"].push_back({{"name", name}, {"roles", p.roles}});
  for (const auto& [arn, p] : w.policies)
    out["managed_policies"].push_back({{"arn", arn}, {"name", p.name}});
  for (const auto& [id, z] : w.zones)
    out["hosted_zones"].push_back(
        {{"id", id}, {"name", z.name}, {"private", z.is_private}, {"records", z.records.size()}});
  for (const auto& [name, b] : w.buckets)
    out["buckets"].push_back({{"name", name}, {"region", b.region}, {"objects", b.objects.size()}});
  for (const auto& [id, k] : w.kms_keys)
    out["kms_keys"].push_back({{"id", id}, {"arn", k.arn}, {"state", k.state}});
  for (const auto& [alias, id] : w.kms_aliases)
    out["kms_aliases"].push_back({{"name", alias}, {"target", id}});
  return out;
}

Tags TagsFrom(const json& j) {
  Tags t;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) t[it.key()] = it.value().get<std::string>();
  }
  return t;
}

json Seed(World& w, int64_t now, const json& in) {
  json created;
  for (const auto& u : in.value("users", json::array())) {
    IamUser user;
    user.name = u.at("name").get<std::string>();
    user.id = "AIDA" + w.Upper(17);
    user.arn = std::string("arn:aws:iam::") + kAccountId + ":user/" + user.name;
    user.created_ms = now;
    for (const auto& p : u.value("policies", json::array())) {
      const json& doc = p.at("document");
      user.inline_policies[p.at("name").get<std::string>()] =
          doc.is_string() ? doc.get<std::string>() : doc.dump();
    }
    for (const auto& arn : u.value("managed_policy_arns", json::array())) {
      user.attached.push_back(arn.get<std::string>());
      if (w.policies.count(arn.get<std::string>()))
        w.policies[arn.get<std::string>()].attachments++;
    }
    if (u.contains("access_key")) {
      AccessKey key;
      key.id = u.at("access_key").get<std::string>();
      key.secret = u.at("secret_key").get<std::string>();
      key.user = user.name;
      key.created_ms = now;
      w.access_keys[key.id] = key;
    }
    created["users"].push_back(user.arn);
    w.users[user.name] = user;
  }
  for (const auto& k : in.value("key_pairs", json::array())) {
    KeyPair kp;
    kp.id = w.NewId("key");
    kp.name = k.at("name").get<std::string>();
    kp.region = k.value("region", w.default_region);
    kp.fingerprint = w.Hex(40);
    kp.created_ms = now;
    w.key_pairs[kp.id] = kp;
    created["key_pairs"].push_back(kp.id);
  }
  for (const auto& i : in.value("images", json::array())) {
    Image img;
    img.id = i.value("id", w.NewId("ami"));
    img.name = i.at("name").get<std::string>();
    img.owner = i.value("owner", std::string(kAccountId));
    img.creation_date = i.value("creation_date", IsoTime(now));
    img.region = i.value("region", w.default_region);
    img.architecture = i.value("architecture", "x86_64");
    img.created_ms = now;
    w.images[img.id] = img;
    created["images"].push_back(img.id);
  }
  for (const auto& v : in.value("vpcs", json::array())) {
    Vpc vpc;
    vpc.id = w.NewId("vpc");
    vpc.region = v.value("region", w.default_region);
    vpc.cidr = v.value("cidr", "10.0.0.0/16");
    vpc.tags = TagsFrom(v.value("tags", json::object()));
    vpc.created_ms = now;
    vpc.dhcp_options_id = w.NewId("dopt");
    w.vpcs[vpc.id] = vpc;
    RouteTable main_rt;
    main_rt.id = w.NewId("rtb");
    main_rt.region = vpc.region;
    main_rt.vpc_id = vpc.id;
    main_rt.routes.push_back({vpc.cidr, "local", "", "", "CreateRouteTable"});
    main_rt.associations.push_back({w.NewId("rtbassoc"), "", "", true});
    w.route_tables[main_rt.id] = main_rt;
    SecurityGroup sg;
    sg.id = w.NewId("sg");
    sg.region = vpc.region;
    sg.vpc_id = vpc.id;
    sg.name = "default";
    sg.description = "default VPC security group";
    w.security_groups[sg.id] = sg;
    json entry = {{"vpc_id", vpc.id}};
    if (v.value("igw", false)) {
      InternetGateway igw;
      igw.id = w.NewId("igw");
      igw.region = vpc.region;
      igw.vpc_id = vpc.id;
      w.igws[igw.id] = igw;
      entry["igw_id"] = igw.id;
    }
    for (const auto& s : v.value("subnets", json::array())) {
      Subnet sub;
      sub.id = w.NewId("subnet");
      sub.region = vpc.region;
      sub.vpc_id = vpc.id;
      sub.cidr = s.at("cidr").get<std::string>();
      sub.az = s.value("az", vpc.region + "a");
      sub.tags = TagsFrom(s.value("tags", json::object()));
      w.subnets[sub.id] = sub;
      entry["subnet_ids"].push_back(sub.id);
    }
    created["vpcs"].push_back(entry);
  }
  for (const auto& z : in.value("hosted_zones", json::array())) {
    HostedZone zone;
    zone.id = "Z" + w.Upper(20);
    zone.name = z.at("name").get<std::string>();
    if (zone.name.back() != '.') zone.name += ".";
    zone.caller_ref = "seed-" + zone.id;
    zone.is_private = z.value("private", false);
    if (zone.is_private)
      zone.vpcs.push_back(
          {z.value("vpc_region", w.default_region), z.at("vpc_id").get<std::string>()});
    zone.created_ms = now;
    zone.records.push_back(
        {zone.name,
         "SOA",
         "",
         "",
         900,
         false,
         {"ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}});
    zone.records.push_back({zone.name,
                            "NS",
                            "",
                            "",
                            172800,
                            false,
                            {"ns-1.awsdns-01.com.", "ns-2.awsdns-02.net.", "ns-3.awsdns-03.org.",
                             "ns-4.awsdns-04.co.uk."}});
    w.zones[zone.id] = zone;
    created["hosted_zones"].push_back("/hostedzone/" + zone.id);
  }
  return created;
}

}  // namespace

Response Emulator::HandleAdmin(const Request& req) {
  if (req.remote_addr != "127.0.0.1" && req.remote_addr != "::1" && !req.remote_addr.empty()) {
    return Json({{"error", "the admin API answers loopback callers only"}}, 403);
  }
  std::string what = req.path.substr(std::string("/_awsim/").size());
  json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  if (body.is_discarded()) return Json({{"error", "body is not JSON"}}, 400);
  try {
    if (what == "reset" && req.method == "POST") {
      Reset();
      return Json({{"ok", true}});
    }
    if (what == "seed" && req.method == "POST") {
      std::lock_guard<std::mutex> lock(world_.mu);
      return Json(Seed(world_, clock_.NowMs(), body));
    }
    if (what == "resources" && req.method == "GET") {
      LatencyTable table = latency();
      std::lock_guard<std::mutex> lock(world_.mu);
      return Json(Dump(world_, clock_, table));
    }
    if (what == "calls" && req.method == "GET") return Json(CallLog());
    if (what == "target_health" && req.method == "POST") {
      // {"instance_id": "i-…", "failing": true, "console": ["line", …]}: the instance's target
      // health checks fail (unhealthy, Target.FailedHealthChecks) until set false again, and
      // its console output ends with those lines.
      std::string id = body.value("instance_id", "");
      std::lock_guard<std::mutex> lock(world_.mu);
      auto it = world_.instances.find(id);
      if (it == world_.instances.end()) return Json({{"error", "no instance '" + id + "'"}}, 404);
      it->second.health_failing = body.value("failing", true);
      if (body.contains("console"))
        it->second.console_extra = body["console"].get<std::vector<std::string>>();
      return Json({{"instance_id", id}, {"failing", it->second.health_failing}});
    }
    if (what == "faults" && req.method == "GET") return Json(faults_.State());
    if (what == "faults" && req.method == "POST") {
      // {"rules": [{"kind", "match", "nth", "times", "delay_ms"}, …]} replaces the wire fault
      // rules; {"stall_after_mutating": N} arms the kill-point gate (0 releases it);
      // {"release": true} releases held calls (those whose client has gone are dropped).
      if (body.contains("rules")) {
        std::vector<FaultRule> rules;
        for (const auto& r : body["rules"]) rules.push_back(ParseFaultRule(r));
        faults_.SetRules(std::move(rules));
      }
      if (body.contains("stall_after_mutating"))
        faults_.Arm(body["stall_after_mutating"].get<int64_t>());
      if (body.value("release", false)) faults_.Release();
      return Json(faults_.State());
    }
    if (what == "faults/wait" && req.method == "POST") {
      // Blocks until the gate holds (the nth mutating call answered) or timeout_ms passes.
      bool stalled = faults_.WaitStalled(body.value("timeout_ms", 1000));
      json state = faults_.State();
      state["stalled_now"] = stalled;
      return Json(state);
    }
    if (what == "latency" && req.method == "GET") {
      LatencyTable t = latency();
      return Json({{"mode", t.mode}, {"time_scale", t.time_scale()}, {"seconds", t.seconds()}});
    }
    if (what == "clock" && req.method == "POST") {
      clock_.AdvanceMs(static_cast<int64_t>(body.value("advance_seconds", 0.0) * 1000));
      return Json({{"now", IsoTime(clock_.NowMs())}});
    }
    if (what == "config" && req.method == "POST") {
      FaultConfig f = faults_.config();
      f.throttle = body.value("throttle", f.throttle);
      f.error_rate = body.value("error_rate", f.error_rate);
      f.consistency_ms = body.value("consistency_ms", f.consistency_ms);
      f.seed = body.value("seed", f.seed);
      faults_.Configure(f);
      LatencyTable t = latency();
      if (body.contains("latency")) {
        double scale = t.time_scale();
        t = body["latency"] == "realistic" ? LatencyTable::Realistic() : LatencyTable::Fast();
        t.SetTimeScale(scale);
      }
      if (body.contains("time_scale")) t.SetTimeScale(body["time_scale"].get<double>());
      // A named copy: items() of a temporary would dangle inside the loop.
      const json overrides = body.value("latency_seconds", json::object());
      for (const auto& [k, v] : overrides.items()) t.Set(k, v.get<double>());
      SetLatency(t);
      return Json({{"throttle", f.throttle},
                   {"error_rate", f.error_rate},
                   {"consistency_ms", f.consistency_ms},
                   {"seed", f.seed},
                   {"latency", t.mode},
                   {"time_scale", t.time_scale()}});
    }
  } catch (const std::exception& e) {
    return Json({{"error", e.what()}}, 400);
  }
  return Json({{"error", "unknown admin endpoint " + req.method + " " + req.path}}, 404);
}

}  // namespace awsim
