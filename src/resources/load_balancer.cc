// elbv2.load_balancer, elbv2.target_group, elbv2.listener (KINDS.md). All three are found by
// their natural key (name, or load balancer + port for a listener); creates are idempotent
// for identical settings and a Duplicate* answer means "Find it".
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "aws/elbv2.h"
#include "resources/compute.h"
#include "resources/describe_cache.h"
#include "resources/handler_util.h"

namespace tectonic::resources {
namespace {

using engine::NodeContext;
using engine::Outputs;
using engine::Poll;
using nlohmann::json;

// ---- elbv2.load_balancer ---------------------------------------------------------------

Outputs LbOutputs(const aws::LoadBalancer& lb) {
  return Outputs{{"id", lb.arn},
                 {"arn", lb.arn},
                 {"dns_name", lb.dns_name},
                 {"canonical_zone_id", lb.canonical_hosted_zone_id},
                 {"name", lb.name}};
}

class LoadBalancerHandler : public engine::ResourceHandler {
 public:
  // ELBv2 has no tag filter: the shared answer is every load balancer of the region (pages
  // of 400), which still beats one describe per node and per poll.
  explicit LoadBalancerHandler(aws::AwsClient& client)
      : client_(client),
        elb_(client),
        cache_(
            [this](const aws::DescribeQuery& q) -> Result<std::vector<aws::LoadBalancer>> {
              if (q.ids.empty()) return elb_.DescribeLoadBalancers();
              auto lbs = elb_.DescribeLoadBalancers({}, q.ids);
              if (!lbs.ok() && IsNotFound(lbs.status())) return std::vector<aws::LoadBalancer>();
              return lbs;
            },
            [](const aws::LoadBalancer& lb) { return lb.arn; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto arn = JournaledId(journaled)) {
      TECTONIC_ASSIGN_OR_RETURN(auto lb, cache_.ById(ctx.cluster_id, *arn, since));
      if (lb) return std::optional<Outputs>(LbOutputs(*lb));
    }
    std::string name = StringOr(props, "name", "");
    if (name.empty()) return std::optional<Outputs>();
    TECTONIC_ASSIGN_OR_RETURN(auto all, cache_.Tagged(ctx.cluster_id, since));
    std::optional<aws::LoadBalancer> lb;
    for (auto& one : all) {
      if (one.name == name) lb = std::move(one);
    }
    if (!lb) return std::optional<Outputs>();
    // The name is ours only if the tags say so: another cluster may use the same name.
    auto tags = elb_.DescribeTags({lb->arn});
    if (!tags.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(tags.status()));
    auto it = tags->find(lb->arn);
    if (it == tags->end() || !IsOwnedBy(it->second, ctx)) {
      return InContext(ctx,
                       Status::PreconditionFailed("load balancer " + name +
                                                  " exists but is not this cluster's " + ctx.key));
    }
    return std::optional<Outputs>(LbOutputs(*lb));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateLoadBalancerInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.name, RequiredString(props, "name"));
    in.type = StringOr(props, "type", "network");
    in.scheme = StringOr(props, "scheme", "internet-facing");
    in.subnet_ids = StringList(props, "subnets");
    in.tags = TagsFor(ctx, props);
    cache_.Touch(ctx.key);
    auto created = elb_.CreateLoadBalancer(in);
    std::optional<aws::LoadBalancer> lb;
    if (created.ok()) {
      lb = *created;
    } else if (HasAwsCode(created.status(), "DuplicateLoadBalancerName")) {
      TECTONIC_ASSIGN_OR_RETURN(lb, Describe({in.name}, {}));
      if (!lb) return Status::NotYetConsistent("load balancer " + in.name + " not visible");
    } else {
      // A subnet created moments ago may not be visible yet.
      return InContext(ctx, NotFoundIsNotYetConsistent(created.status()));
    }
    TECTONIC_RETURN_IF_ERROR(InContext(ctx, SetAttributes(lb->arn, props)));
    return LbOutputs(*lb);
  }

  // provisioning -> again in 15 s; active -> done; failed -> final with AWS's reason.
  Result<Poll> Wait(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    std::string arn = outputs.value("id", "");
    TECTONIC_ASSIGN_OR_RETURN(auto lb, cache_.ById(ctx.cluster_id, arn, cache_.PollSince(ctx.key)));
    if (!lb) return Status::NotYetConsistent("load balancer " + arn + " not visible yet");
    if (lb->state == "active") return PollDone(LbOutputs(*lb));
    if (lb->state == "provisioning") return PollAgain(std::chrono::seconds(15), "provisioning");
    return InContext(ctx,
                     Status::Failed("load balancer " + lb->name + " is " + lb->state +
                                    (lb->state_reason.empty() ? "" : ": " + lb->state_reason)));
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(elb_.DeleteLoadBalancer(outputs.value("id", ""))));
  }

  Result<Poll> WaitDeleted(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    auto lb = cache_.ById(ctx.cluster_id, outputs.value("id", ""), cache_.PollSince(ctx.key));
    if (!lb.ok()) return InContext(ctx, lb.status());
    if (!*lb) return PollDone({});
    return PollAgain(std::chrono::seconds(10), (*lb)->state);
  }

 private:
  Result<std::optional<aws::LoadBalancer>> Describe(const std::vector<std::string>& names,
                                                    const std::vector<std::string>& arns) {
    auto lbs = elb_.DescribeLoadBalancers(names, arns);
    if (!lbs.ok() && IsNotFound(lbs.status())) return std::optional<aws::LoadBalancer>();
    if (!lbs.ok()) return lbs.status();
    if (lbs->empty()) return std::optional<aws::LoadBalancer>();
    return std::optional<aws::LoadBalancer>(lbs->front());
  }

  // props.attributes (key -> string value) through ModifyLoadBalancerAttributes.
  Status SetAttributes(const std::string& arn, const json& props) {
    auto it = props.find("attributes");
    if (it == props.end() || !it->is_object() || it->empty()) return Status::Ok();
    aws::FormParams params;
    params.Add("LoadBalancerArn", arn);
    int n = 1;
    for (const auto& [key, value] : it->items()) {
      std::string base = "Attributes.member." + std::to_string(n++);
      params.Add(base + ".Key", key)
          .Add(base + ".Value", value.is_string() ? value.get<std::string>() : value.dump());
    }
    auto response = client_.Query(aws::ops::kElbv2ModifyLoadBalancerAttributes, params);
    return NotFoundIsNotYetConsistent(response.status());
  }

  aws::AwsClient& client_;
  aws::Elbv2 elb_;
  DescribeCache<aws::LoadBalancer> cache_;
};

// ---- elbv2.target_group ----------------------------------------------------------------

Outputs TgOutputs(const aws::TargetGroup& tg) {
  return Outputs{{"id", tg.arn}, {"arn", tg.arn}, {"name", tg.name}};
}

class TargetGroupHandler : public engine::ResourceHandler {
 public:
  // The shared answer is every target group of the region (no tag filter in ELBv2).
  explicit TargetGroupHandler(aws::AwsClient& client)
      : elb_(client),
        cache_(
            [this](const aws::DescribeQuery& q) -> Result<std::vector<aws::TargetGroup>> {
              if (q.ids.empty()) return elb_.DescribeTargetGroups();
              auto tgs = elb_.DescribeTargetGroups("", q.ids);
              if (!tgs.ok() && IsNotFound(tgs.status())) return std::vector<aws::TargetGroup>();
              return tgs;
            },
            [](const aws::TargetGroup& tg) { return tg.arn; }) {}

  void BeginRun() override { cache_.Clear(); }

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    auto since = cache_.Since(ctx.key);
    if (auto arn = JournaledId(journaled)) {
      auto tg = cache_.ById(ctx.cluster_id, *arn, since);
      if (!tg.ok()) return InContext(ctx, tg.status());
      if (*tg) return std::optional<Outputs>(TgOutputs(**tg));
    }
    std::string name = StringOr(props, "name", "");
    if (name.empty()) return std::optional<Outputs>();
    auto tg = ByName(ctx, name, since);
    if (!tg.ok()) return InContext(ctx, tg.status());
    if (!*tg) return std::optional<Outputs>();
    TECTONIC_RETURN_IF_ERROR(CheckOwner(ctx, **tg));
    return std::optional<Outputs>(TgOutputs(**tg));
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateTargetGroupInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.name, RequiredString(props, "name"));
    TECTONIC_ASSIGN_OR_RETURN(in.vpc_id, RequiredString(props, "vpc_id"));
    in.protocol = StringOr(props, "protocol", "TCP");
    in.port = IntOr(props, "port", 0);
    in.target_type = StringOr(props, "target_type", "instance");
    if (auto hc = props.find("health_check"); hc != props.end() && hc->is_object()) {
      in.health_check_protocol = StringOr(*hc, "protocol", "");
      in.health_check_port = StringOr(*hc, "port", "");
      in.health_check_path = StringOr(*hc, "path", "");
      in.health_check_interval_seconds = IntOr(*hc, "interval_seconds", 0);
      in.healthy_threshold = IntOr(*hc, "healthy_threshold", 0);
      in.unhealthy_threshold = IntOr(*hc, "unhealthy_threshold", 0);
    }
    in.tags = TagsFor(ctx, props);
    cache_.Touch(ctx.key);
    auto created = elb_.CreateTargetGroup(in);
    if (created.ok()) return TgOutputs(*created);
    if (HasAwsCode(created.status(), "DuplicateTargetGroupName")) {
      TECTONIC_ASSIGN_OR_RETURN(auto tg, Describe({}, {in.name}));
      if (tg) {
        TECTONIC_RETURN_IF_ERROR(CheckOwner(ctx, *tg));
        return TgOutputs(*tg);
      }
      return Status::NotYetConsistent("target group " + in.name + " not visible");
    }
    return InContext(ctx, NotFoundIsNotYetConsistent(created.status()));
  }

  // ResourceInUse while a listener or an ASG still uses it -> Dependency (ClassifyDelete).
  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    cache_.Touch(ctx.key);
    return InContext(ctx, ClassifyDelete(elb_.DeleteTargetGroup(outputs.value("id", ""))));
  }

 private:
  Result<std::optional<aws::TargetGroup>> ByName(const NodeContext& ctx, const std::string& name,
                                                 DescribeCache<aws::TargetGroup>::Time since) {
    TECTONIC_ASSIGN_OR_RETURN(auto all, cache_.Tagged(ctx.cluster_id, since));
    for (auto& tg : all) {
      if (tg.name == name) return std::optional<aws::TargetGroup>(std::move(tg));
    }
    return std::optional<aws::TargetGroup>();
  }

  // A target group found by name is ours only if its tags say so (names are per account).
  Status CheckOwner(const NodeContext& ctx, const aws::TargetGroup& tg) {
    auto tags = elb_.DescribeTags({tg.arn});
    if (!tags.ok()) return InContext(ctx, NotFoundIsNotYetConsistent(tags.status()));
    auto it = tags->find(tg.arn);
    aws::Tags none;
    return InContext(
        ctx, CheckNameOwner(it == tags->end() ? none : it->second, ctx, "target group " + tg.name));
  }

  Result<std::optional<aws::TargetGroup>> Describe(const std::vector<std::string>& arns,
                                                   const std::vector<std::string>& names) {
    auto tgs = elb_.DescribeTargetGroups("", arns, names);
    if (!tgs.ok() && IsNotFound(tgs.status())) return std::optional<aws::TargetGroup>();
    if (!tgs.ok()) return tgs.status();
    if (tgs->empty()) return std::optional<aws::TargetGroup>();
    return std::optional<aws::TargetGroup>(tgs->front());
  }

  aws::Elbv2 elb_;
  DescribeCache<aws::TargetGroup> cache_;
};

// ---- elbv2.listener --------------------------------------------------------------------

Outputs ListenerOutputs(const aws::Listener& listener) {
  return Outputs{{"id", listener.arn}, {"arn", listener.arn}};
}

// How long a journaled listener may stay invisible (by its ARN and on its port) before it
// counts as deleted: a listener made moments before this run may not be listed yet, and a
// CreateListener for it would be a needless mutating call.
constexpr std::chrono::seconds kJournaledInvisibleFor{5};

class ListenerHandler : public engine::ResourceHandler {
 public:
  explicit ListenerHandler(aws::AwsClient& client) : client_(client), elb_(client) {}

  Result<std::optional<Outputs>> Find(const NodeContext& ctx, const json& props,
                                      const std::optional<Outputs>& journaled) override {
    auto arn = JournaledId(journaled);
    if (arn) {
      auto listeners = elb_.DescribeListeners("", {*arn});
      if (listeners.ok() && !listeners->empty()) {
        return std::optional<Outputs>(ListenerOutputs(listeners->front()));
      }
      if (!listeners.ok() && !IsNotFound(listeners.status())) {
        return InContext(ctx, listeners.status());
      }
    }
    auto listener = ByPort(props);
    if (!listener.ok()) return InContext(ctx, listener.status());
    if (*listener) return std::optional<Outputs>(ListenerOutputs(**listener));
    if (arn && !InvisibleLongEnough(*arn)) {
      return InContext(
          ctx, Status::NotYetConsistent("journaled listener " + *arn + " is not visible yet"));
    }
    return std::optional<Outputs>();
  }

  Result<Outputs> Create(const NodeContext& ctx, const json& props) override {
    aws::CreateListenerInput in;
    TECTONIC_ASSIGN_OR_RETURN(in.load_balancer_arn, RequiredString(props, "load_balancer_arn"));
    TECTONIC_ASSIGN_OR_RETURN(in.target_group_arn,
                              RequiredString(props, "default_target_group_arn"));
    in.protocol = StringOr(props, "protocol", "TCP");
    in.port = IntOr(props, "port", 0);
    auto created = elb_.CreateListener(in);
    if (created.ok()) return ListenerOutputs(*created);
    if (HasAwsCode(created.status(), "DuplicateListener")) {
      TECTONIC_ASSIGN_OR_RETURN(auto listener, ByPort(props));
      if (listener) return ListenerOutputs(*listener);
      return Status::NotYetConsistent("listener on port " + std::to_string(in.port));
    }
    return InContext(ctx, NotFoundIsNotYetConsistent(created.status()));
  }

  Status Delete(const NodeContext& ctx, const json&, const Outputs& outputs) override {
    return InContext(ctx, ClassifyDelete(elb_.DeleteListener(outputs.value("id", ""))));
  }

 private:
  // True once this ARN has been invisible for kJournaledInvisibleFor (by the client's clock).
  bool InvisibleLongEnough(const std::string& arn) {
    auto now = client_.clock().Steady();
    std::lock_guard<std::mutex> lock(mu_);
    auto first = invisible_since_.emplace(arn, now).first->second;
    return now - first >= kJournaledInvisibleFor;
  }

  // The load balancer's listener on props.port (a missing load balancer: none).
  Result<std::optional<aws::Listener>> ByPort(const json& props) {
    std::string lb_arn = StringOr(props, "load_balancer_arn", "");
    int port = IntOr(props, "port", 0);
    if (lb_arn.empty()) return std::optional<aws::Listener>();
    auto listeners = elb_.DescribeListeners(lb_arn);
    if (!listeners.ok() && IsNotFound(listeners.status())) return std::optional<aws::Listener>();
    if (!listeners.ok()) return listeners.status();
    for (const auto& listener : *listeners) {
      if (listener.port == port) return std::optional<aws::Listener>(listener);
    }
    return std::optional<aws::Listener>();
  }

  aws::AwsClient& client_;
  aws::Elbv2 elb_;
  std::mutex mu_;  // guards invisible_since_ (handlers are shared by worker threads)
  std::map<std::string, std::chrono::steady_clock::time_point> invisible_since_;
};

}  // namespace

std::unique_ptr<engine::ResourceHandler> NewLoadBalancerHandler(aws::AwsClient& client) {
  return std::make_unique<LoadBalancerHandler>(client);
}

std::unique_ptr<engine::ResourceHandler> NewTargetGroupHandler(aws::AwsClient& client) {
  return std::make_unique<TargetGroupHandler>(client);
}

std::unique_ptr<engine::ResourceHandler> NewListenerHandler(aws::AwsClient& client) {
  return std::make_unique<ListenerHandler>(client);
}

}  // namespace tectonic::resources
