// ResourceHandler: how one kind of AWS resource is found, created, waited for and deleted.
// Implementations live in src/resources and know AWS; the engine calls them and knows none.
// No method may block waiting for AWS to reach a state: Wait/WaitDeleted poll once and say
// when to ask again, so a slow NAT gateway never holds a worker thread.
// Thread safety: a handler is shared by all nodes of its kind and called from several
// threads at once; it must keep no per-call state in members (per-run answers shared by
// every node are fine: see BeginRun).
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "util/result.h"

namespace tectonic::engine {

// What a handler knows about the node it works on. Props are already resolved.
struct NodeContext {
  std::string key;  // graph key, also written as the tectonic.io/resource tag
  std::string kind;
  std::string cluster_id;  // tectonicClusterID tag value (a uuid)
  std::string cluster_name;
  // Every tag a created resource carries: kubernetes.io/cluster/<id>=owned, tectonicClusterID,
  // Name, tectonic.io/resource=<key>, plus the user's tags.
  std::map<std::string, std::string> tags;
  std::string client_token;  // stable across re-runs: derived from cluster id + key
  bool shared = false;
};

// Outputs of a resource: at least {"id": ...}; other attributes as the kind defines them
// ("arn", "dns_name", "zone_id", ...). Stored in the journal as JSON.
using Outputs = nlohmann::json;

struct Poll {
  bool done = false;
  std::chrono::milliseconds again_after{0};  // when not done: ask again after this long
  std::string detail;                        // "pending", "provisioning", ... for progress
  Outputs outputs;                           // when done: possibly enriched outputs
};

class ResourceHandler {
 public:
  virtual ~ResourceHandler() = default;

  // Called by apply and destroy before their first step: a handler may keep answers it shares
  // between the nodes of its kind within one run (one describe for every node), and drops
  // them here, since the world may have changed between runs. Tests that drive a handler
  // directly call it between steps that change the world behind the handler's back.
  virtual void BeginRun() {}

  // Finds the live resource: by the journaled outputs when present, else by the graph-key
  // tag or a natural key. nullopt when it does not exist.
  virtual Result<std::optional<Outputs>> Find(const NodeContext& ctx, const nlohmann::json& props,
                                              const std::optional<Outputs>& journaled) = 0;
  virtual Result<Outputs> Create(const NodeContext& ctx, const nlohmann::json& props) = 0;
  // Polls once until the resource is usable (default: immediately).
  virtual Result<Poll> Wait(const NodeContext& ctx, const nlohmann::json& props,
                            const Outputs& outputs) {
    (void)ctx, (void)props;
    return Poll{true, {}, "", outputs};
  }
  // Starts deleting; a missing resource is success. DependencyViolation -> Status::Dependency.
  virtual Status Delete(const NodeContext& ctx, const nlohmann::json& props,
                        const Outputs& outputs) = 0;
  // Polls once until the resource is gone (default: immediately).
  virtual Result<Poll> WaitDeleted(const NodeContext& ctx, const nlohmann::json& props,
                                   const Outputs& outputs) {
    (void)ctx, (void)props, (void)outputs;
    return Poll{true, {}, "", {}};
  }
};

// Handlers by kind ("ec2.vpc" -> handler). Not owned; they outlive every run.
using HandlerRegistry = std::map<std::string, ResourceHandler*>;

}  // namespace tectonic::engine
