"""Formatting benchmark results: the console table and the markdown results file."""

import json


def json_line(text):
    """The last line of text that parses as a JSON object."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON object in tectonic's output")


def _ratio(r):
    if r["makespan"] is None or r["bound"] <= 0:
        return None
    return r["makespan"] / r["bound"]


def _fmt(v, spec=".2f", none="-"):
    return none if v is None else format(v, spec)


def progress_line(result, op):
    r = result[op]
    calls, throttled, _ = r["calls"]
    return (f"{result['zones']} zone(s), throttle {'on ' if result['throttle'] else 'off'} "
            f"{op:<7} rc {r['rc']}: makespan {_fmt(r['makespan'], '.1f')} s, bound "
            f"{r['bound']:.1f} s, ratio {_fmt(_ratio(r))}, wall {r['wall']:.1f} s, "
            f"{calls} calls ({throttled} throttled), {r['retries']} retries")


COLUMNS = ["zones", "throttle", "op", "rc", "makespan s", "bound s", "ratio", "target",
           "wall s", "calls", "throttled", "retries"]


def rows(results):
    out = []
    for res in results:
        for op in ("create", "destroy"):
            r = res[op]
            calls, throttled, _ = r["calls"]
            target = ("<= 1.25" if res["throttle"] else "<= 1.10") if op == "create" else "-"
            out.append([str(res["zones"]), "on" if res["throttle"] else "off", op, str(r["rc"]),
                        _fmt(r["makespan"], ".1f"), f"{r['bound']:.1f}", _fmt(_ratio(r)),
                        target, f"{r['wall']:.1f}", str(calls), str(throttled),
                        str(r["retries"])])
    return out


def table(results):
    body = rows(results)
    widths = [max(len(c), *(len(row[i]) for row in body)) for i, c in enumerate(COLUMNS)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(COLUMNS)] + [line(row) for row in body])


def chain_markdown(res, op):
    r = res[op]
    if not r["chain"] or r["phase_start"] is None:
        return ""
    scale = res["scale"]
    out = [f"\n#### {res['zones']} zone(s), throttle {'on' if res['throttle'] else 'off'}, "
           f"{op}: the chain that set the makespan\n",
           "| node | start s | done s | took s | awsim wait s | started late by s |",
           "|---|---:|---:|---:|---:|---:|"]
    took_total = wait_total = late_total = 0.0
    for key, start, done, slack in r["chain"]:
        took, wait = done - start, r["weights"].get(key, 0.0) / scale
        took_total, wait_total, late_total = took_total + took, wait_total + wait, late_total + slack
        out.append(f"| {key} | {start - r['phase_start']:.1f} | {done - r['phase_start']:.1f} | "
                   f"{took:.1f} | {wait:.1f} | {slack:.1f} |")
    out.append(f"| **total** | | | {took_total:.1f} | {wait_total:.1f} | {late_total:.1f} |")
    out.append(f"\nBound path ({r['bound_aws']:.0f} s of AWS time): "
               + " -> ".join(r["bound_path"]))
    if r["failed"]:
        out.append(f"\nFailed nodes: {', '.join(r['failed'])}")
    return "\n".join(out) + "\n"


def markdown(results, args, started):
    head = [f"# Makespan benchmark, {started:%Y-%m-%d %H:%M} UTC\n",
            f"`bench/makespan --time-scale {args.time_scale:g} --zones "
            f"{','.join(map(str, args.zones))} --throttle {args.throttle} --seed {args.seed}` "
            f"(build dir `{args.build_dir}`). Seconds are wall seconds; AWS time is "
            f"{args.time_scale:g}x longer. makespan = the apply (or destroy) phase from the "
            f"NDJSON events; wall = the whole command (validate, preflight, assets; sweep).\n",
            "| " + " | ".join(COLUMNS) + " |",
            "|" + "---|" * len(COLUMNS)]
    head += ["| " + " | ".join(row) + " |" for row in rows(results)]
    head.append("\nNAT gateways: " + ", ".join(f"{r['zones']} zone(s) {r['nat']}"
                                                for r in results if not r["throttle"]) + ".\n")
    body = [chain_markdown(res, op) for res in results for op in ("create", "destroy")]
    return "\n".join(head) + "\n".join(b for b in body if b)
