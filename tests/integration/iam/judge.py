"""Judges, independently of tectonic's own AWS client, what a tectonic run did.

  judge.py calls --record FILE --policy FILE --recording FILE
      Every operation tectonic recorded (--record-calls) is a real operation of its service
      (botocore's service models), its IAM action (derived here, not from operations.def) is
      in the policy (`tectonic policy`), and the record agrees with moto's own recording of
      the requests it received. Prints the policy actions no call exercised, as information.
  judge.py clean --ec2 URL --route53 URL --dir CLUSTER_DIR...
      Nothing the clusters owned is left (boto3, credentials from the environment; the cluster
      ids come from each directory's metadata.json).
Exit status 0 when the judgement holds, 1 otherwise, with every finding on stdout.
"""
import argparse
import base64
import json
import os
import re
import sys
import urllib.parse

import boto3
import botocore.session

# tectonic's service id -> (botocore service name, IAM action prefix).
SERVICES = {
    "ec2": ("ec2", "ec2"),
    "elasticloadbalancing": ("elbv2", "elasticloadbalancing"),
    "autoscaling": ("autoscaling", "autoscaling"),
    "iam": ("iam", "iam"),
    "sts": ("sts", "sts"),
    "route53": ("route53", "route53"),
    "kms": ("kms", "kms"),
    "s3": ("s3", "s3"),
    "tagging": ("resourcegroupstaggingapi", "tag"),
    "servicequotas": ("service-quotas", "servicequotas"),
}
# Where the IAM action is not "<prefix>:<Operation>" (the S3 API reference, per operation).
S3_ACTIONS = {
    "HeadBucket": "s3:ListBucket",
    "ListObjects": "s3:ListBucket",
    "ListObjectsV2": "s3:ListBucket",
    "HeadObject": "s3:GetObject",
    "DeleteObjects": "s3:DeleteObject",
    "ListBuckets": "s3:ListAllMyBuckets",
    "PutBucketEncryption": "s3:PutEncryptionConfiguration",
    "GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "PutPublicAccessBlock": "s3:PutBucketPublicAccessBlock",
    "GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
}
# Actions AWS checks behind a call, besides the call's own (from each service's authorization
# reference): tags given at creation, roles passed to instances, keys S3 encrypts with, ...
IMPLIED = {
    "ec2:RunInstances": ["iam:PassRole", "ec2:CreateTags"],
    "autoscaling:CreateAutoScalingGroup": [
        "autoscaling:CreateOrUpdateTags", "iam:PassRole", "iam:CreateServiceLinkedRole"],
    "elasticloadbalancing:CreateLoadBalancer": [
        "elasticloadbalancing:AddTags", "iam:CreateServiceLinkedRole"],
    "elasticloadbalancing:CreateTargetGroup": ["elasticloadbalancing:AddTags"],
    "elasticloadbalancing:CreateListener": ["elasticloadbalancing:AddTags"],
    "iam:CreateRole": ["iam:TagRole"],
    "iam:CreateInstanceProfile": ["iam:TagInstanceProfile"],
    "iam:AddRoleToInstanceProfile": ["iam:PassRole"],
    "kms:CreateKey": ["kms:TagResource"],
    "s3:PutObject": ["kms:GenerateDataKey"],  # the bucket encrypts with the cluster's KMS key
    "route53:CreateHostedZone": ["ec2:DescribeVpcs", "route53:AssociateVPCWithHostedZone"],
}
EC2_TAGGED_CREATES = re.compile(r"^ec2:(Create(?!Tags|Route$)\w+|AllocateAddress)$")
SIGNING_TO_SERVICE = {"elasticloadbalancing": "elasticloadbalancing", "tagging": "tagging"}


def iam_action(service, operation):
    if service == "s3" and operation in S3_ACTIONS:
        return S3_ACTIONS[operation]
    return SERVICES[service][1] + ":" + operation


class RestMatcher:
    """Finds the REST operation of a request from botocore's method + requestUri templates."""

    def __init__(self, model):
        self.routes = []
        for name in model.operation_names:
            http = model.operation_model(name).http
            path, _, query = http["requestUri"].partition("?")
            pattern = ""
            for piece in re.split(r"(\{[^}]+\})", path):
                if piece.startswith("{"):
                    pattern += ".+" if piece.endswith("+}") else "[^/]+"
                else:
                    pattern += re.escape(piece)
            keys = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
            keys.pop("x-id", None)
            headers = []
            shape = model.operation_model(name).input_shape
            for member in shape.required_members if shape else []:
                location = shape.members[member].serialization.get("location")
                where = shape.members[member].serialization.get("name", member)
                if location == "querystring":
                    keys[where] = ""
                elif location == "header":
                    headers.append(where.lower())
            self.routes.append(
                (http["method"], re.compile("^" + pattern + "/?$"), keys, headers, name))

    def match(self, method, path, query, headers):
        best = None
        for route_method, pattern, keys, needed_headers, name in self.routes:
            if route_method != method or not pattern.match(path):
                continue
            if any(k not in query or (v and query[k] != v) for k, v in keys.items()):
                continue
            if any(h not in headers for h in needed_headers):
                continue
            score = (len(keys), len(pattern.pattern))
            if best is None or score > best[0]:
                best = (score, name)
        return best[1] if best else None


def recorded_entries(path):
    """moto's recording: JSON objects, one a line, except that moto's threads may append two
    to one line (its recorder writes an entry and its newline separately)."""
    with open(path) as f:
        text = f.read()
    decoder = json.JSONDecoder()
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        entry, at = decoder.raw_decode(text, at)
        yield entry


def received_operations(recording_path):
    """(service, operation) of every request moto recorded, from the wire alone."""
    session = botocore.session.get_session()
    matchers = {}
    seen = set()
    for entry in recorded_entries(recording_path):
        headers = {k.lower(): v for k, v in entry["headers"].items()}
        scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/",
                          headers.get("authorization", ""))
        if not scope:
            continue
        signing = scope.group(1)
        service = SIGNING_TO_SERVICE.get(signing, signing)
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode("utf-8", "replace")
        url = urllib.parse.urlsplit(entry["url"])
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if "x-amz-target" in headers:
            operation = headers["x-amz-target"].split(".")[-1]
        elif service in ("s3", "route53"):
            if service not in matchers:
                matchers[service] = RestMatcher(session.get_service_model(SERVICES[service][0]))
            path = urllib.parse.unquote(url.path)
            operation = matchers[service].match(entry["method"], path, query, headers)
            operation = operation or "?" + entry["method"] + " " + url.path
        else:
            form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            operation = form.get("Action") or query.get("Action") or "?"
        seen.add((service, operation))
    return seen


def judge_calls(args):
    findings = []
    with open(args.policy) as f:
        policy = json.load(f)
    allowed = {a for st in policy["Statement"] if st["Effect"] == "Allow" for a in st["Action"]}
    recorded = {}
    with open(args.record) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or ":" not in fields[0]:
                findings.append("malformed record line: " + line.strip())
                continue
            service, _, operation = fields[0].partition(":")
            recorded.setdefault((service, operation), set()).add(fields[2])
            if fields[1].split(",")[0] != iam_action(service, operation):
                findings.append(f"{fields[0]}: operations.def names IAM action {fields[1]}, "
                                f"AWS authorises it as {iam_action(service, operation)}")
    session = botocore.session.get_session()
    needed = set()
    for service, operation in sorted(recorded):
        if service not in SERVICES:
            findings.append(f"{service}:{operation}: unknown service")
            continue
        model = session.get_service_model(SERVICES[service][0])
        if operation not in model.operation_names:
            findings.append(f"{service}:{operation}: no such operation in botocore's model")
        action = iam_action(service, operation)
        implied = IMPLIED.get(action, [])
        if EC2_TAGGED_CREATES.match(action):
            implied = implied + ["ec2:CreateTags"]
        for a in [action] + implied:
            needed.add(a)
            if a not in allowed:
                findings.append(f"{service}:{operation} needs {a}, missing from tectonic policy")
    received = received_operations(args.recording)
    for service, operation in sorted(received - set(recorded)):
        findings.append(f"moto received {service}:{operation}, which --record-calls missed")
    for service, operation in sorted(set(recorded) - received):
        findings.append(f"--record-calls lists {service}:{operation}, which moto never received")
    print(f"{len(recorded)} distinct operations recorded, {len(received)} received by moto, "
          f"{len(needed)} IAM actions needed (with those AWS checks behind them), "
          f"{len(allowed)} in tectonic policy")
    unused = sorted(allowed - needed)
    print(f"policy actions not exercised against moto ({len(unused)}; information): "
          + " ".join(unused))
    return findings


def tags_of(resource, key="Tags"):
    return {t["Key"]: t["Value"] for t in resource.get(key) or []}


def judge_clean(args):
    findings = []
    ids = []
    for d in args.dir:
        with open(os.path.join(d, "metadata.json")) as f:
            meta = json.load(f)
        # A clean destroy retires the id into the "destroyed" history.
        ids.append(meta.get("clusterID") or meta["destroyed"][-1]["clusterID"])
    kw = {"region_name": "us-east-1", "endpoint_url": args.ec2}

    def owned(resource, key="Tags"):
        return tags_of(resource, key).get("tectonicClusterID") in ids

    ec2 = boto3.client("ec2", **kw)
    for call, field, state in [
            ("describe_vpcs", "Vpcs", None), ("describe_subnets", "Subnets", None),
            ("describe_internet_gateways", "InternetGateways", None),
            ("describe_route_tables", "RouteTables", None),
            ("describe_security_groups", "SecurityGroups", None),
            ("describe_addresses", "Addresses", None),
            ("describe_nat_gateways", "NatGateways", "State"),
            ("describe_launch_templates", "LaunchTemplates", None)]:
        for r in getattr(ec2, call)()[field]:
            if owned(r) and (state is None or r[state] not in ("deleted", "deleting")):
                findings.append(f"ec2 {field}: {json.dumps(r, default=str)[:160]}")
    for reservation in ec2.describe_instances()["Reservations"]:
        for i in reservation["Instances"]:
            if owned(i) and i["State"]["Name"] not in ("terminated", "shutting-down"):
                findings.append(f"ec2 instance {i['InstanceId']} is {i['State']['Name']}")
    elbv2 = boto3.client("elbv2", **kw)
    findings += [f"load balancer {lb['LoadBalancerName']}"
                 for lb in elbv2.describe_load_balancers()["LoadBalancers"]]
    findings += [f"target group {tg['TargetGroupName']}"
                 for tg in elbv2.describe_target_groups()["TargetGroups"]]
    asg = boto3.client("autoscaling", **kw)
    findings += [f"auto scaling group {g['AutoScalingGroupName']}"
                 for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]]
    iam = boto3.client("iam", **kw)
    findings += [f"iam role {r['RoleName']}" for r in iam.list_roles()["Roles"]
                 if r["RoleName"].startswith("demo-")]
    findings += [f"instance profile {p['InstanceProfileName']}"
                 for p in iam.list_instance_profiles()["InstanceProfiles"]
                 if p["InstanceProfileName"].startswith("demo-")]
    kms = boto3.client("kms", **kw)
    findings += [f"kms alias {a['AliasName']}" for a in kms.list_aliases()["Aliases"]
                 if a["AliasName"].startswith("alias/tectonic/")]
    for key in kms.list_keys()["Keys"]:
        tags = kms.list_resource_tags(KeyId=key["KeyId"])["Tags"]
        if owned({"Tags": [{"Key": t["TagKey"], "Value": t["TagValue"]} for t in tags]}):
            state = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"]
            if state != "PendingDeletion":
                findings.append(f"kms key {key['KeyId']} is {state}")
    s3 = boto3.client("s3", **kw)
    findings += [f"s3 bucket {b['Name']}" for b in s3.list_buckets()["Buckets"]]
    tagging = boto3.client("resourcegroupstaggingapi", **kw)
    # Terminated instances, deleted NAT gateways and keys pending deletion keep their tags for a
    # while (in AWS as in moto): their states are judged above.
    judged = re.compile(r":(instance|natgateway|key)/")
    findings += [f"tagged {m['ResourceARN']}" for m in tagging.get_resources(
        TagFilters=[{"Key": "tectonicClusterID", "Values": ids}])["ResourceTagMappingList"]
        if not judged.search(m["ResourceARN"])]
    route53 = boto3.client("route53", region_name="us-east-1", endpoint_url=args.route53)
    for zone in route53.list_hosted_zones()["HostedZones"]:
        if zone["Name"] != "example.com.":
            findings.append(f"hosted zone {zone['Name']}")
            continue
        for rr in route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]:
            if rr["Type"] not in ("NS", "SOA"):
                findings.append(f"record {rr['Name']} {rr['Type']} in example.com")
    print(f"clusters {' '.join(ids)}: {len(findings)} resources left")
    return findings


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    calls = sub.add_parser("calls")
    calls.add_argument("--record", required=True)
    calls.add_argument("--policy", required=True)
    calls.add_argument("--recording", required=True)
    clean = sub.add_parser("clean")
    clean.add_argument("--ec2", required=True)
    clean.add_argument("--route53", required=True)
    clean.add_argument("--dir", action="append", required=True)
    args = parser.parse_args()
    findings = judge_calls(args) if args.command == "calls" else judge_clean(args)
    for finding in findings:
        print("FINDING: " + finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
