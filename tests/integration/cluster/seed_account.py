#!/usr/bin/env python3
"""Seeds an emulated AWS account for the cluster tests, in one boto3 run, and prints the ids
it made as JSON on stdout.

    seed_account.py --domain example.com --key-name demo-key [--decoys] [--existing-vpc CIDR]

Always: the public hosted zone, the EC2 key pair and a Flatcar-named AMI (what a user already
has). --decoys: an unrelated VPC with a subnet, attached internet gateway, EIP + NAT gateway
and a security group, plus an IAM role, none with cluster tags (destroy must leave them).
--existing-vpc: the user's VPC with an attached internet gateway and a tag of the user's own,
for existing-VPC mode.
"""
import argparse
import json
import sys

import boto3


def seed_user(ec2, r53, domain, key_name):
    zone = r53.create_hosted_zone(Name=domain, CallerReference="cluster-test-public")
    ec2.create_key_pair(KeyName=key_name)
    image = ec2.register_image(
        Name="Flatcar-stable-4081.2.0-hvm", Architecture="x86_64", RootDeviceName="/dev/xvda",
        VirtualizationType="hvm",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}}])
    return {"zone_id": zone["HostedZone"]["Id"].split("/")[-1], "ami_id": image["ImageId"]}


def name_tag(name):
    return [{"Key": "Name", "Value": name}, {"Key": "owner", "Value": "someone-else"}]


def vpc_with_gateway(ec2, cidr, name):
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[
        {"ResourceType": "vpc", "Tags": name_tag(name)}])["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway(TagSpecifications=[
        {"ResourceType": "internet-gateway", "Tags": name_tag(name)}])[
            "InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    return vpc, igw


def seed_decoys(ec2, iam):
    vpc, igw = vpc_with_gateway(ec2, "192.168.0.0/16", "decoy")
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="192.168.1.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=[
        {"ResourceType": "elastic-ip", "Tags": name_tag("decoy")}])["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=eip, TagSpecifications=[
        {"ResourceType": "natgateway", "Tags": name_tag("decoy")}])["NatGateway"]["NatGatewayId"]
    sg = ec2.create_security_group(GroupName="decoy", Description="not the cluster's",
                                   VpcId=vpc, TagSpecifications=[
                                       {"ResourceType": "security-group",
                                        "Tags": name_tag("decoy")}])["GroupId"]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
        "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="decoy-role", AssumeRolePolicyDocument=json.dumps(trust),
                    Tags=name_tag("decoy"))
    return {"vpc": vpc, "igw": igw, "subnet": subnet, "nat": nat, "sg": sg,
            "role": "decoy-role"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", required=True)
    parser.add_argument("--key-name", required=True)
    parser.add_argument("--decoys", action="store_true")
    parser.add_argument("--existing-vpc", metavar="CIDR")
    args = parser.parse_args()
    ec2 = boto3.client("ec2")
    out = seed_user(ec2, boto3.client("route53"), args.domain, args.key_name)
    if args.decoys:
        out["decoys"] = seed_decoys(ec2, boto3.client("iam"))
    if args.existing_vpc:
        vpc, igw = vpc_with_gateway(ec2, args.existing_vpc, "users-vpc")
        # A VPC fit for a cluster resolves names: DNS support (default) and hostnames.
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        out["existing_vpc"] = {"vpc": vpc, "igw": igw}
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
