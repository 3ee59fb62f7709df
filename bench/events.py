"""Reading `tectonic --output json` events: phase spans and where a run lost time."""

import datetime
import json


def _seconds(iso):
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def parse(text):
    """Events in order, each with "t" (epoch seconds) added; non-JSON lines are skipped."""
    events = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "time" in event:
            event["t"] = _seconds(event["time"])
            events.append(event)
    return events


def phase_span(events, phase):
    """(start, end) epoch seconds of a phase, or None when it did not both start and end."""
    start = end = None
    for e in events:
        if e.get("key") == phase and e["type"] == "phase_started" and start is None:
            start = e["t"]
        if e.get("key") == phase and e["type"] == "phase_done":
            end = e["t"]
    return (start, end) if start is not None and end is not None else None


def node_times(events, done_type):
    """key -> (first node_started, last done_type) epoch seconds."""
    started, done = {}, {}
    for e in events:
        if e["type"] == "node_started":
            started.setdefault(e["key"], e["t"])
        elif e["type"] == done_type:
            done[e["key"]] = e["t"]
    return {k: (started[k], done[k]) for k in done if k in started}


def count(events, event_type):
    return sum(1 for e in events if e["type"] == event_type)


def actual_chain(times, preds):
    """The chain that decided the makespan: from the node done last, back through the
    predecessor that finished last, while that predecessor has times.
    Returns [(key, start, done, slack)] where slack = start - predecessor's done."""
    if not times:
        return []
    key = max(times, key=lambda k: times[k][1])
    chain = []
    while key is not None:
        start, done = times[key]
        before = [p for p in preds.get(key, []) if p in times]
        prev = max(before, key=lambda p: times[p][1]) if before else None
        slack = start - times[prev][1] if prev else 0.0
        chain.append((key, start, done, slack))
        key = prev
    chain.reverse()
    return chain
