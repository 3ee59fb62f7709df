#!/usr/bin/env python3
"""Counts every kind of resource an install makes, account wide, through boto3 (never
tectonic's client): a duplicate that lost its tags still counts, so comparing with a clean
install's counts catches it, and comparing with the counts before the install catches leftovers.

    count_kinds.py            -> {"vpcs": n, "subnets": n, ...} for the region of the environment

Credentials, region and endpoint come from the environment (AWS_ENDPOINT_URL, AWS_* keys).
"""
import json
import sys

import boto3


def pages(client, op, key, **kwargs):
    for page in client.get_paginator(op).paginate(**kwargs):
        yield from page.get(key, [])


def main():
    ec2 = boto3.client("ec2")
    elb = boto3.client("elbv2")
    asg = boto3.client("autoscaling")
    iam = boto3.client("iam")
    kms = boto3.client("kms")
    s3 = boto3.client("s3")
    r53 = boto3.client("route53")
    c = {}
    c["vpcs"] = len(list(pages(ec2, "describe_vpcs", "Vpcs")))
    c["subnets"] = len(list(pages(ec2, "describe_subnets", "Subnets")))
    c["internet_gateways"] = len(list(pages(ec2, "describe_internet_gateways", "InternetGateways")))
    c["route_tables"] = len(list(pages(ec2, "describe_route_tables", "RouteTables")))
    c["nat_gateways"] = sum(1 for n in pages(ec2, "describe_nat_gateways", "NatGateways")
                            if n["State"] not in ("deleted", "deleting", "failed"))
    c["elastic_ips"] = len(ec2.describe_addresses()["Addresses"])
    c["security_groups"] = len(list(pages(ec2, "describe_security_groups", "SecurityGroups")))
    c["instances"] = sum(1 for r in pages(ec2, "describe_instances", "Reservations")
                         for i in r["Instances"]
                         if i["State"]["Name"] not in ("terminated", "shutting-down"))
    c["launch_templates"] = len(list(pages(ec2, "describe_launch_templates", "LaunchTemplates")))
    c["key_pairs"] = len(ec2.describe_key_pairs()["KeyPairs"])
    c["load_balancers"] = len(list(pages(elb, "describe_load_balancers", "LoadBalancers")))
    c["target_groups"] = len(list(pages(elb, "describe_target_groups", "TargetGroups")))
    lbs = [lb["LoadBalancerArn"] for lb in pages(elb, "describe_load_balancers", "LoadBalancers")]
    c["listeners"] = sum(len(elb.describe_listeners(LoadBalancerArn=a)["Listeners"]) for a in lbs)
    c["auto_scaling_groups"] = len(list(pages(asg, "describe_auto_scaling_groups",
                                              "AutoScalingGroups")))
    c["iam_roles"] = len(list(pages(iam, "list_roles", "Roles")))
    c["instance_profiles"] = len(list(pages(iam, "list_instance_profiles", "InstanceProfiles")))
    keys = [k["KeyId"] for k in pages(kms, "list_keys", "Keys")]
    c["kms_keys"] = sum(1 for k in keys
                        if kms.describe_key(KeyId=k)["KeyMetadata"]["KeyState"] != "PendingDeletion")
    c["kms_aliases"] = sum(1 for a in pages(kms, "list_aliases", "Aliases")
                           if not a["AliasName"].startswith("alias/aws/"))
    c["buckets"] = len(s3.list_buckets().get("Buckets", []))
    zones = list(pages(r53, "list_hosted_zones", "HostedZones"))
    c["hosted_zones"] = len(zones)
    c["records"] = sum(1 for z in zones
                       for r in pages(r53, "list_resource_record_sets", "ResourceRecordSets",
                                      HostedZoneId=z["Id"])
                       if r["Type"] not in ("NS", "SOA"))
    json.dump(c, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
