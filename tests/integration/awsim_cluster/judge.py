#!/usr/bin/env python3
"""The independent judge of an install against awsim: boto3 (never tectonic's client) says
what exists for a cluster, and awsim's call log says what was called.

    judge.py URL CLUSTER_ID CLUSTER_NAME BASE_DOMAIN [--calls-since N]

Prints one JSON object:
  keys        {"<resource type> <graph key>": count} of live resources tagged with the cluster
  duplicates  the entries of `keys` whose count is above one
  leftovers   everything of the cluster that still exists (tagged resources, IAM roles and
              instance profiles, buckets, records in the public zone, live Auto Scaling groups)
  mutating    with --calls-since: the mutating calls logged from entry N on ("service:Op")
  calls       the number of log entries (a mark for the next --calls-since)
  codes       {"<error code>": count} over the whole log (which faults the run met)
  callers     {"<caller ARN>": {"mutating": n, "all": n}} over the whole log
Credentials and the endpoint come from the environment (AWS_ENDPOINT_URL, AWS_* keys).
"""
import argparse
import collections
import json
import sys
import urllib.request

import boto3

READ_PREFIXES = ("Describe", "List", "Get", "Head", "Simulate")
# Reads whose names do not say so: KMS data-key operations change nothing.
READ_OPS = {"Encrypt", "GenerateDataKey", "Decrypt"}


def mutating(call):
    op = call["operation"]
    return not op.startswith(READ_PREFIXES) and op not in READ_OPS


def pages(client, op, key, **kwargs):
    for page in client.get_paginator(op).paginate(**kwargs):
        yield from page.get(key, [])


def tag_value(tags, key):
    for t in tags or []:
        if t["Key"] == key:
            return t["Value"]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("cluster_id")
    ap.add_argument("cluster_name")
    ap.add_argument("base_domain")
    ap.add_argument("--calls-since", type=int, default=-1)
    a = ap.parse_args()

    tagging = boto3.client("resourcegroupstaggingapi")
    keys = collections.Counter()
    leftovers = []
    for r in pages(tagging, "get_resources", "ResourceTagMappingList",
                   TagFilters=[{"Key": "tectonicClusterID", "Values": [a.cluster_id]}]):
        arn, tags = r["ResourceARN"], r["Tags"]
        leftovers.append(arn)
        if tag_value(tags, "aws:autoscaling:groupName"):
            continue  # Auto Scaling's instances share their group's tags
        service, rest = arn.split(":")[2], arn.split(":")[5]
        kind = "s3:bucket" if service == "s3" else service + ":" + rest.split("/")[0]
        keys[kind + " " + str(tag_value(tags, "tectonic.io/resource"))] += 1

    iam = boto3.client("iam")
    prefix = a.cluster_name + "-"
    for role in pages(iam, "list_roles", "Roles"):
        if role["RoleName"].startswith(prefix):
            leftovers.append(role["Arn"])
            tags = iam.get_role(RoleName=role["RoleName"])["Role"].get("Tags", [])
            keys["iam:role " + str(tag_value(tags, "tectonic.io/resource"))] += 1
    for profile in pages(iam, "list_instance_profiles", "InstanceProfiles"):
        if profile["InstanceProfileName"].startswith(prefix):
            leftovers.append(profile["Arn"])

    s3 = boto3.client("s3")
    for bucket in s3.list_buckets().get("Buckets", []):
        if bucket["Name"].startswith(a.cluster_name + "-tectonic-"):
            leftovers.append("arn:aws:s3:::" + bucket["Name"])

    asg = boto3.client("autoscaling")
    for group in pages(asg, "describe_auto_scaling_groups", "AutoScalingGroups"):
        if tag_value(group.get("Tags"), "tectonicClusterID") == a.cluster_id:
            leftovers.append(group["AutoScalingGroupARN"])

    route53 = boto3.client("route53")
    zones = route53.list_hosted_zones_by_name(DNSName=a.base_domain)["HostedZones"]
    for zone in zones:
        if zone["Name"] != a.base_domain + "." or zone["Config"].get("PrivateZone"):
            continue
        for record in pages(route53, "list_resource_record_sets", "ResourceRecordSets",
                            HostedZoneId=zone["Id"]):
            if record["Type"] not in ("NS", "SOA"):
                leftovers.append("record " + record["Name"] + " " + record["Type"])

    out = {
        "keys": dict(sorted(keys.items())),
        "duplicates": sorted(k for k, n in keys.items() if n > 1),
        "leftovers": sorted(set(leftovers)),
    }
    with urllib.request.urlopen(a.url + "/_awsim/calls") as response:
        log = json.load(response)
    out["calls"] = len(log)
    out["codes"] = dict(collections.Counter(c["code"] for c in log if c["code"]))
    callers = collections.defaultdict(lambda: {"mutating": 0, "all": 0})
    for c in log:
        callers[c["caller"]]["all"] += 1
        callers[c["caller"]]["mutating"] += int(mutating(c))
    out["callers"] = callers
    if a.calls_since >= 0:
        out["mutating"] = [c["service"] + ":" + c["operation"] for c in log[a.calls_since:]
                           if mutating(c)]
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
