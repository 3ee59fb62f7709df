// DescribeCache: one EC2 describe answers every node of a kind. A handler is shared by all the
// nodes of its kind in a run; instead of one DescribeX per node and per poll, it keeps the last
// answer of "every X tagged tectonicClusterID=<id>" and lets each caller say how old an answer
// it accepts:
//   - a node's look (Find, Create's own check) accepts any answer of this run until the node
//     changed its resource itself (Touch before a create or delete call): only the node
//     creates or deletes its resource, so nothing else made the answer stale (Since);
//   - a poll (Wait, WaitDeleted) accepts an answer at most kPollWindow old, so the nodes of a
//     kind that poll at about the same time share one call.
// An id missing from the tagged answer is asked again once, then described by id: shared
// resources carry no cluster tag, and AWS may list a new resource by tag a moment later than
// by id. An id that an earlier answer listed and a new one lacks is gone.
// Callers still check ownership tags themselves (FirstOwnedBy): emulators may ignore tag
// filters (moto on DescribeNatGateways), which only makes the answer bigger.
// The answers live for one run: the owning handler's BeginRun calls Clear.
// Thread safety: every method may be called from any worker thread; one describe at a time per
// cache, and callers arriving during it reuse its answer when it is recent enough for them.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/types.h"
#include "engine/resource.h"
#include "resources/handler_util.h"
#include "util/result.h"

namespace tectonic::resources {

template <typename T>
class DescribeCache {
 public:
  using Time = std::chrono::steady_clock::time_point;
  using Describe = std::function<Result<std::vector<T>>(const aws::DescribeQuery&)>;
  using IdOf = std::function<std::string(const T&)>;

  // How stale a poll's answer may be: short against every poll interval, long enough that
  // nodes created together poll together.
  static constexpr std::chrono::milliseconds kPollWindow{1000};
  static constexpr Time kAnyAge = Time::min();

  DescribeCache(Describe describe, IdOf id_of) : describe_(std::move(describe)), id_of_(id_of) {}

  static Time Now() { return std::chrono::steady_clock::now(); }

  // Forgets every answer (a new run: the handler's BeginRun).
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
    seen_.clear();
    untagged_.clear();
    touched_.clear();
  }
  // A poll's oldest usable answer: at most kPollWindow old, and requested after the node's
  // last change (a create or delete it just made).
  Time PollSince(const std::string& key) { return std::max(Now() - kPollWindow, Since(key)); }

  // The oldest answer a look of this node may use: any answer of this run until the node
  // changed its resource (Touch), then only answers requested after that.
  Time Since(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = touched_.find(key);
    return it == touched_.end() ? kAnyAge : it->second;
  }
  // Records that the node is about to change its resource (create, delete): its next look
  // must ask AWS again.
  void Touch(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    touched_[key] = Now();
  }

  // Every item tagged with the cluster id, from an answer requested at or after `since`.
  Result<std::vector<T>> Tagged(const std::string& cluster_id, Time since) {
    return Filtered({ClusterFilter(cluster_id)}, since);
  }

  // Every item matching filters (e.g. vpc-id, for a natural key looked up by every node of the
  // kind), from an answer requested at or after `since`.
  Result<std::vector<T>> Filtered(const std::vector<aws::Filter>& filters, Time since) {
    std::lock_guard<std::mutex> lock(mu_);
    TECTONIC_ASSIGN_OR_RETURN(Entry * entry, FreshLocked(filters, since, nullptr));
    return entry->items;
  }

  // Items carrying ctx's resource key and cluster id.
  Result<std::vector<T>> Owned(const engine::NodeContext& ctx, Time since) {
    TECTONIC_ASSIGN_OR_RETURN(std::vector<T> all, Tagged(ctx.cluster_id, since));
    std::vector<T> owned;
    for (auto& item : all) {
      if (IsOwnedBy(item.tags, ctx)) owned.push_back(std::move(item));
    }
    return owned;
  }

  // The item with this id as of an answer requested at or after `since`; nullopt when it does
  // not exist. An empty cluster id (no tag to list by) describes by id.
  Result<std::optional<T>> ById(const std::string& cluster_id, const std::string& id, Time since) {
    if (id.empty()) return std::optional<T>();
    if (!cluster_id.empty() && !Untagged(id)) {
      std::lock_guard<std::mutex> lock(mu_);
      bool asked = false;
      const std::vector<aws::Filter> tagged = {ClusterFilter(cluster_id)};
      TECTONIC_ASSIGN_OR_RETURN(Entry * entry, FreshLocked(tagged, since, &asked));
      if (auto found = FindIn(*entry, id)) return found;
      if (!asked) {  // the answer predates this id, perhaps: ask once more
        TECTONIC_ASSIGN_OR_RETURN(entry, FreshLocked(tagged, Now(), &asked));
        if (auto found = FindIn(*entry, id)) return found;
      }
      if (seen_.count(id)) return std::optional<T>();  // listed before, gone now
    }
    auto items = describe_(aws::DescribeQuery{{id}, {}});
    if (!items.ok() && IsNotFound(items.status())) return std::optional<T>();
    if (!items.ok()) return items.status();
    for (auto& item : *items) {
      if (id_of_(item) != id) continue;
      if (!cluster_id.empty()) {
        // Not in the tagged answer (a shared resource): described by id from now on.
        std::lock_guard<std::mutex> lock(mu_);
        untagged_.insert(id);
      }
      return std::optional<T>(std::move(item));
    }
    return std::optional<T>();
  }

 private:
  bool Untagged(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    return untagged_.count(id) > 0;
  }

  struct Entry {
    Time requested_at{};
    std::vector<T> items;
  };

  static aws::Filter ClusterFilter(const std::string& cluster_id) {
    return aws::TagFilter(std::string(kClusterIdTagKey), cluster_id);
  }

  static std::string KeyOf(const std::vector<aws::Filter>& filters) {
    std::string key;
    for (const auto& f : filters) {
      key += f.name + "=";
      for (const auto& v : f.values) key += v + ",";
      key += ";";
    }
    return key;
  }

  // The entry of these filters, asked again unless requested at or after `since`.
  Result<Entry*> FreshLocked(const std::vector<aws::Filter>& filters, Time since, bool* asked) {
    Entry& entry = entries_[KeyOf(filters)];
    if (entry.requested_at != Time{} && entry.requested_at >= since) return &entry;
    Time requested = Now();
    auto items = describe_(aws::DescribeQuery{{}, filters});
    if (!items.ok()) return items.status();
    entry.items = std::move(items).value();
    entry.requested_at = requested;
    for (const auto& item : entry.items) seen_.insert(id_of_(item));
    if (asked) *asked = true;
    return &entry;
  }

  std::optional<T> FindIn(const Entry& entry, const std::string& id) const {
    for (const auto& item : entry.items) {
      if (id_of_(item) == id) return item;
    }
    return std::nullopt;
  }

  const Describe describe_;
  const IdOf id_of_;
  std::mutex mu_;                         // guards everything below; held during a describe
  std::map<std::string, Entry> entries_;  // by filters
  std::set<std::string> seen_;            // ids any answer listed
  std::set<std::string> untagged_;        // ids found by id without the cluster tag
  std::map<std::string, Time> touched_;
};

}  // namespace tectonic::resources
