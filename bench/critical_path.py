"""Critical-path lower bounds of a tectonic graph under awsim's latency table.

A node's weight is the time awsim makes a caller wait for that kind to become usable (create)
or gone (delete); synchronous calls weigh 0, so the bound is a true lower bound: no schedule
can finish the graph sooner, whatever its concurrency.
"""

# Which of awsim's transitions (GET /_awsim/latency "seconds") a node of each kind must sit
# through before its dependants may start. Kinds not listed answer synchronously.
CREATE_TRANSITIONS = {
    "ec2.vpc": ["vpc_available"],
    "ec2.nat_gateway": ["nat_available"],
    "elbv2.load_balancer": ["nlb_active"],
    "ec2.instance": ["instance_running"],
    # tectonic waits for every instance of the group to be InService.
    "autoscaling.group": ["instance_running", "asg_inservice"],
    "route53.record": ["route53_insync"],
    "route53.private_zone": ["route53_insync"],
    # RunInstances refuses a profile younger than this (awsim ec2_compute).
    "iam.instance_profile": ["iam_propagation"],
}

# Deleting: what blocks the deletion of the nodes a node depends on.
DELETE_TRANSITIONS = {
    "ec2.nat_gateway": ["nat_deleted"],
    "ec2.instance": ["instance_terminated"],
    # ForceDelete removes the group at once, but its instances keep the subnets and security
    # groups in use (DependencyViolation) until they are terminated.
    "autoscaling.group": ["instance_terminated"],
}


def weights(nodes, latency_seconds, transitions):
    """Seconds per node key (unscaled AWS time)."""
    out = {}
    for node in nodes:
        keys = transitions.get(node["kind"], [])
        missing = [k for k in keys if k not in latency_seconds]
        if missing:
            raise ValueError(f"awsim's latency table has no {', '.join(missing)} "
                             f"(needed for {node['kind']})")
        out[node["key"]] = sum(latency_seconds[k] for k in keys)
    return out


def _longest_path(order, preds, weight):
    finish, via = {}, {}
    for key in order:
        start, best = 0.0, None
        for p in preds[key]:
            if finish[p] > start or best is None and finish[p] == start:
                start, best = finish[p], p
        finish[key] = start + weight[key]
        via[key] = best
    end = max(finish, key=finish.get)
    path = [end]
    while via[path[-1]] is not None:
        path.append(via[path[-1]])
    path.reverse()
    return finish[end], path


def _topological(nodes, preds):
    order, state = [], {}

    def visit(key):
        if state.get(key) == "done":
            return
        if state.get(key) == "open":
            raise ValueError(f"the plan has a cycle through {key}")
        state[key] = "open"
        for p in preds[key]:
            visit(p)
        state[key] = "done"
        order.append(key)

    for node in nodes:
        visit(node["key"])
    return order


def create_bound(nodes, latency_seconds):
    """(seconds, [keys]) of the longest weighted dependency chain."""
    preds = {n["key"]: list(n["deps"]) for n in nodes}
    _check_deps(preds)
    weight = weights(nodes, latency_seconds, CREATE_TRANSITIONS)
    return _longest_path(_topological(nodes, preds), preds, weight)


def destroy_bound(nodes, latency_seconds):
    """The same on the reverse graph: a node is deleted after everything that depends on it."""
    preds = {n["key"]: [] for n in nodes}
    for n in nodes:
        for dep in n["deps"]:
            preds[dep].append(n["key"])
    _check_deps({n["key"]: list(n["deps"]) for n in nodes})
    weight = weights(nodes, latency_seconds, DELETE_TRANSITIONS)
    reversed_nodes = [{"key": k} for k in preds]
    return _longest_path(_topological(reversed_nodes, preds), preds, weight)


def _check_deps(preds):
    for key, deps in preds.items():
        for dep in deps:
            if dep not in preds:
                raise ValueError(f"node {key} depends on {dep}, which is not in the plan")
