#!/usr/bin/env python3
"""What AWS holds for one tectonic cluster, as boto3 sees it: the independent judge of the
cluster tests. Prints one JSON document on stdout; the gtest asserts on it.

    inspect_cluster.py --cluster-id UUID --name demo --domain example.com [--probe kind:id ...]

Membership is decided here from the tags each describe returns (tectonicClusterID=<uuid> or
kubernetes.io/cluster/<uuid>), never from server-side tag filters, which emulators may ignore.
Every tagged item carries "key" (its tectonic.io/resource tag) and "tags". Deleted, terminated
and pending-deletion things are left out: they are gone. --probe reports whether an untagged
thing (a decoy, a borrowed VPC) still exists, with its tags: kinds vpc, igw, nat, sg, subnet,
role, default-vpc (id ignored).
"""
import argparse
import base64
import hashlib
import json
import sys

import boto3
from botocore.exceptions import ClientError

RESOURCE_TAG = "tectonic.io/resource"
CLUSTER_TAG = "tectonicClusterID"


def tag_map(tags):
    return {t["Key"]: t["Value"] for t in (tags or [])}


class Judge:
    def __init__(self, cluster_id, name, domain):
        self.cluster_id = cluster_id
        self.name = name
        self.domain = domain.rstrip(".")
        self.ec2 = boto3.client("ec2")
        self.elb = boto3.client("elbv2")
        self.asg = boto3.client("autoscaling")
        self.iam = boto3.client("iam")
        self.s3 = boto3.client("s3")
        self.kms = boto3.client("kms")
        self.r53 = boto3.client("route53")

    def ours(self, tags):
        return (tags.get(CLUSTER_TAG) == self.cluster_id
                or f"kubernetes.io/cluster/{self.cluster_id}" in tags)

    def item(self, tags, **fields):
        fields["key"] = tags.get(RESOURCE_TAG, "")
        fields["tags"] = tags
        return fields

    # ---- EC2 --------------------------------------------------------------------------

    def vpcs(self):
        out = []
        for v in self.ec2.describe_vpcs()["Vpcs"]:
            tags = tag_map(v.get("Tags"))
            if not self.ours(tags):
                continue
            attr = self.ec2.describe_vpc_attribute
            support = attr(VpcId=v["VpcId"], Attribute="enableDnsSupport")
            hostnames = attr(VpcId=v["VpcId"], Attribute="enableDnsHostnames")
            out.append(self.item(tags, id=v["VpcId"], cidr=v["CidrBlock"],
                                 dns_support=support["EnableDnsSupport"]["Value"],
                                 dns_hostnames=hostnames["EnableDnsHostnames"]["Value"]))
        return out

    def subnets(self):
        out = []
        for s in self.ec2.describe_subnets()["Subnets"]:
            tags = tag_map(s.get("Tags"))
            if self.ours(tags):
                out.append(self.item(tags, id=s["SubnetId"], vpc_id=s["VpcId"],
                                     cidr=s["CidrBlock"], zone=s["AvailabilityZone"],
                                     public_ip=s.get("MapPublicIpOnLaunch", False)))
        return out

    def igws(self):
        out = []
        for g in self.ec2.describe_internet_gateways()["InternetGateways"]:
            tags = tag_map(g.get("Tags"))
            if self.ours(tags):
                out.append(self.item(tags, id=g["InternetGatewayId"],
                                     vpcs=[a["VpcId"] for a in g.get("Attachments", [])]))
        return out

    def nats(self):
        out = []
        for n in self.ec2.describe_nat_gateways()["NatGateways"]:
            tags = tag_map(n.get("Tags"))
            if not self.ours(tags) or n["State"] in ("deleted", "deleting", "failed"):
                continue
            out.append(self.item(tags, id=n["NatGatewayId"], subnet_id=n["SubnetId"],
                                 vpc_id=n["VpcId"], state=n["State"],
                                 allocation_ids=[a.get("AllocationId", "")
                                                 for a in n.get("NatGatewayAddresses", [])]))
        return out

    def eips(self):
        out = []
        for a in self.ec2.describe_addresses()["Addresses"]:
            tags = tag_map(a.get("Tags"))
            if self.ours(tags):
                out.append(self.item(tags, id=a["AllocationId"], public_ip=a.get("PublicIp", "")))
        return out

    def route_tables(self):
        out = []
        for t in self.ec2.describe_route_tables()["RouteTables"]:
            tags = tag_map(t.get("Tags"))
            if not self.ours(tags):
                continue
            routes = [{"destination": r.get("DestinationCidrBlock", ""),
                       "gateway_id": r.get("GatewayId", ""),
                       "nat_gateway_id": r.get("NatGatewayId", ""),
                       "state": r.get("State", "")} for r in t.get("Routes", [])]
            subnets = [a["SubnetId"] for a in t.get("Associations", []) if a.get("SubnetId")]
            out.append(self.item(tags, id=t["RouteTableId"], vpc_id=t["VpcId"], routes=routes,
                                 subnets=subnets))
        return out

    def security_groups(self):
        out = []
        for g in self.ec2.describe_security_groups()["SecurityGroups"]:
            tags = tag_map(g.get("Tags"))
            if not self.ours(tags):
                continue
            ingress = []
            for p in g.get("IpPermissions", []):
                ingress.append({"protocol": p["IpProtocol"],
                                "from_port": p.get("FromPort", -1),
                                "to_port": p.get("ToPort", -1),
                                "cidrs": sorted(r["CidrIp"] for r in p.get("IpRanges", [])),
                                "groups": sorted(u["GroupId"]
                                                 for u in p.get("UserIdGroupPairs", []))})
            out.append(self.item(tags, id=g["GroupId"], name=g["GroupName"], vpc_id=g["VpcId"],
                                 ingress=ingress))
        return out

    def launch_templates(self):
        out = []
        for t in self.ec2.describe_launch_templates()["LaunchTemplates"]:
            tags = tag_map(t.get("Tags"))
            if not self.ours(tags):
                continue
            version = self.ec2.describe_launch_template_versions(
                LaunchTemplateId=t["LaunchTemplateId"],
                Versions=["$Default"])["LaunchTemplateVersions"][0]
            data = version["LaunchTemplateData"]
            user_data = base64.b64decode(data.get("UserData", "")).decode()
            instance_tags = {}
            for spec in data.get("TagSpecifications", []):
                if spec.get("ResourceType") == "instance":
                    instance_tags = tag_map(spec.get("Tags"))
            out.append(self.item(
                tags, id=t["LaunchTemplateId"], name=t["LaunchTemplateName"],
                latest_version=t.get("LatestVersionNumber", 0),
                image_id=data.get("ImageId", ""),
                security_group_ids=data.get("SecurityGroupIds", []),
                profile_arn=data.get("IamInstanceProfile", {}).get("Arn", ""),
                http_tokens=data.get("MetadataOptions", {}).get("HttpTokens", ""),
                user_data=user_data, instance_tags=instance_tags))
        return out

    def instances(self):
        out = []
        for r in self.ec2.describe_instances()["Reservations"]:
            for i in r["Instances"]:
                tags = tag_map(i.get("Tags"))
                if not self.ours(tags) or i["State"]["Name"] in ("terminated", "shutting-down"):
                    continue
                out.append(self.item(tags, id=i["InstanceId"], state=i["State"]["Name"],
                                     subnet_id=i.get("SubnetId", ""),
                                     private_ip=i.get("PrivateIpAddress", ""),
                                     profile_arn=i.get("IamInstanceProfile", {}).get("Arn", "")))
        return out

    def volumes(self):
        out = []
        for v in self.ec2.describe_volumes()["Volumes"]:
            tags = tag_map(v.get("Tags"))
            if self.ours(tags):
                out.append(self.item(tags, id=v["VolumeId"], state=v["State"]))
        return out

    # ---- Load balancing and scaling ---------------------------------------------------

    def elb_tags(self, arns):
        tags = {}
        for i in range(0, len(arns), 20):
            for d in self.elb.describe_tags(ResourceArns=arns[i:i + 20])["TagDescriptions"]:
                tags[d["ResourceArn"]] = tag_map(d.get("Tags"))
        return tags

    def load_balancing(self):
        lbs = self.elb.describe_load_balancers()["LoadBalancers"]
        lb_tags = self.elb_tags([lb["LoadBalancerArn"] for lb in lbs])
        out_lbs, listeners = [], []
        for lb in lbs:
            tags = lb_tags.get(lb["LoadBalancerArn"], {})
            if not self.ours(tags):
                continue
            out_lbs.append(self.item(
                tags, arn=lb["LoadBalancerArn"], name=lb["LoadBalancerName"],
                type=lb["Type"], scheme=lb["Scheme"], state=lb["State"]["Code"],
                dns_name=lb["DNSName"], zone_id=lb["CanonicalHostedZoneId"],
                subnets=sorted(z["SubnetId"] for z in lb.get("AvailabilityZones", []))))
            for li in self.elb.describe_listeners(
                    LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
                listeners.append({
                    "arn": li["ListenerArn"], "lb_arn": lb["LoadBalancerArn"],
                    "port": li["Port"], "protocol": li["Protocol"],
                    "target_group_arns": [a.get("TargetGroupArn", "")
                                          for a in li.get("DefaultActions", [])]})
        tgs = self.elb.describe_target_groups()["TargetGroups"]
        tg_tags = self.elb_tags([tg["TargetGroupArn"] for tg in tgs])
        out_tgs = []
        for tg in tgs:
            tags = tg_tags.get(tg["TargetGroupArn"], {})
            if self.ours(tags):
                out_tgs.append(self.item(
                    tags, arn=tg["TargetGroupArn"], name=tg["TargetGroupName"],
                    protocol=tg["Protocol"], port=tg["Port"], vpc_id=tg.get("VpcId", ""),
                    target_type=tg.get("TargetType", ""),
                    health_check_port=str(tg.get("HealthCheckPort", ""))))
        return out_lbs, out_tgs, listeners

    def groups(self):
        out = []
        for g in self.asg.describe_auto_scaling_groups()["AutoScalingGroups"]:
            tags = {t["Key"]: t["Value"] for t in g.get("Tags", [])}
            if not self.ours(tags):
                continue
            lt = g.get("LaunchTemplate", {})
            out.append(self.item(
                tags, name=g["AutoScalingGroupName"],
                launch_template_id=lt.get("LaunchTemplateId", ""),
                launch_template_version=lt.get("Version", ""),
                min_size=g["MinSize"], max_size=g["MaxSize"],
                desired_capacity=g["DesiredCapacity"],
                subnets=sorted(s for s in g.get("VPCZoneIdentifier", "").split(",") if s),
                target_group_arns=sorted(g.get("TargetGroupARNs", [])),
                instances=len(g.get("Instances", []))))
        return out

    # ---- IAM, S3, KMS -----------------------------------------------------------------

    def iam_roles(self):
        out = []
        for page in self.iam.get_paginator("list_roles").paginate():
            for role in page["Roles"]:
                name = role["RoleName"]
                tags = tag_map(self.iam.list_role_tags(RoleName=name)["Tags"])
                if not self.ours(tags):
                    continue
                policies = {}
                for policy in self.iam.list_role_policies(RoleName=name)["PolicyNames"]:
                    doc = self.iam.get_role_policy(RoleName=name, PolicyName=policy)
                    policies[policy] = doc["PolicyDocument"]
                out.append(self.item(tags, name=name, arn=role["Arn"],
                                     trust=role.get("AssumeRolePolicyDocument", {}),
                                     policies=policies))
        return out

    def iam_profiles(self):
        out = []
        for page in self.iam.get_paginator("list_instance_profiles").paginate():
            for p in page["InstanceProfiles"]:
                tags = tag_map(p.get("Tags"))
                if not tags:
                    name = p["InstanceProfileName"]
                    tags = tag_map(self.iam.list_instance_profile_tags(
                        InstanceProfileName=name)["Tags"])
                if self.ours(tags):
                    out.append(self.item(tags, name=p["InstanceProfileName"], arn=p["Arn"],
                                         roles=[r["RoleName"] for r in p.get("Roles", [])]))
        return out

    def buckets(self):
        out = []
        for b in self.s3.list_buckets().get("Buckets", []):
            name = b["Name"]
            try:
                tags = tag_map(self.s3.get_bucket_tagging(Bucket=name)["TagSet"])
            except ClientError:
                continue
            if not self.ours(tags):
                continue
            rules = self.s3.get_bucket_encryption(Bucket=name)[
                "ServerSideEncryptionConfiguration"]["Rules"]
            sse = rules[0]["ApplyServerSideEncryptionByDefault"] if rules else {}
            block = self.s3.get_public_access_block(Bucket=name)[
                "PublicAccessBlockConfiguration"]
            objects = {}
            for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=name):
                for o in page.get("Contents", []):
                    body = self.s3.get_object(Bucket=name, Key=o["Key"])
                    digest = hashlib.sha512(body["Body"].read()).hexdigest()
                    objects[o["Key"]] = {"size": o["Size"], "sha512": digest,
                                         "sse": body.get("ServerSideEncryption", "")}
            out.append(self.item(tags, name=name, sse_algorithm=sse.get("SSEAlgorithm", ""),
                                 kms_key=sse.get("KMSMasterKeyID", ""),
                                 public_access_block=block, objects=objects))
        return out

    def kms_keys(self):
        aliases = {}
        for page in self.kms.get_paginator("list_aliases").paginate():
            for a in page["Aliases"]:
                if a.get("TargetKeyId"):
                    aliases.setdefault(a["TargetKeyId"], []).append(a["AliasName"])
        out = []
        for page in self.kms.get_paginator("list_keys").paginate():
            for k in page["Keys"]:
                meta = self.kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]
                if meta["KeyState"] in ("PendingDeletion", "Disabled"):
                    continue
                raw = self.kms.list_resource_tags(KeyId=k["KeyId"]).get("Tags", [])
                tags = {t["TagKey"]: t["TagValue"] for t in raw}
                if self.ours(tags):
                    out.append(self.item(tags, id=meta["KeyId"], arn=meta["Arn"],
                                         state=meta["KeyState"],
                                         aliases=aliases.get(meta["KeyId"], [])))
        return out

    # ---- Route 53 -----------------------------------------------------------------------

    def records(self, zone_id, names=None):
        out = []
        for page in self.r53.get_paginator("list_resource_record_sets").paginate(
                HostedZoneId=zone_id):
            for r in page["ResourceRecordSets"]:
                name = r["Name"].rstrip(".")
                if r["Type"] in ("SOA", "NS") or (names is not None and name not in names):
                    continue
                alias = r.get("AliasTarget", {})
                out.append({"name": name, "type": r["Type"],
                            "values": [v["Value"] for v in r.get("ResourceRecords", [])],
                            "alias_dns_name": alias.get("DNSName", "").rstrip("."),
                            "alias_zone_id": alias.get("HostedZoneId", "")})
        return out

    def route53(self):
        private, public = [], []
        cluster_names = {f"{self.name}-api.{self.domain}", f"{self.name}.{self.domain}"}
        for page in self.r53.get_paginator("list_hosted_zones").paginate():
            for z in page["HostedZones"]:
                zone_id = z["Id"].split("/")[-1]
                if z.get("Config", {}).get("PrivateZone"):
                    raw = self.r53.list_tags_for_resource(ResourceType="hostedzone",
                                                          ResourceId=zone_id)
                    tags = tag_map(raw["ResourceTagSet"].get("Tags"))
                    if not self.ours(tags):
                        continue
                    vpcs = [v["VPCId"] for v in self.r53.get_hosted_zone(Id=zone_id).get(
                        "VPCs", [])]
                    private.append(self.item(tags, id=zone_id, name=z["Name"].rstrip("."),
                                             vpcs=vpcs, records=self.records(zone_id)))
                elif z["Name"].rstrip(".") == self.domain:
                    for r in self.records(zone_id, cluster_names):
                        r["zone_id"] = zone_id
                        public.append(r)
        return private, public

    # ---- Probes of untagged things --------------------------------------------------------

    def probe(self, spec):
        kind, _, ident = spec.partition(":")
        try:
            if kind == "vpc":
                found = self.ec2.describe_vpcs(VpcIds=[ident])["Vpcs"]
            elif kind == "default-vpc":
                found = [v for v in self.ec2.describe_vpcs()["Vpcs"] if v.get("IsDefault")]
            elif kind == "igw":
                found = self.ec2.describe_internet_gateways(
                    InternetGatewayIds=[ident])["InternetGateways"]
            elif kind == "subnet":
                found = self.ec2.describe_subnets(SubnetIds=[ident])["Subnets"]
            elif kind == "sg":
                found = self.ec2.describe_security_groups(GroupIds=[ident])["SecurityGroups"]
            elif kind == "nat":
                found = [n for n in self.ec2.describe_nat_gateways(
                    NatGatewayIds=[ident])["NatGateways"] if n["State"] not in ("deleted",
                                                                                 "deleting")]
            elif kind == "role":
                role = self.iam.get_role(RoleName=ident)["Role"]
                role["Tags"] = self.iam.list_role_tags(RoleName=ident)["Tags"]
                found = [role]
            else:
                return {"exists": False, "error": f"unknown probe kind {kind}"}
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            if "NotFound" in code or code == "NoSuchEntity":
                return {"exists": False}
            raise
        if not found:
            return {"exists": False}
        extra = {}
        if kind == "igw":
            extra["vpcs"] = [a["VpcId"] for a in found[0].get("Attachments", [])]
        return {"exists": True, "tags": tag_map(found[0].get("Tags")), **extra}

    def report(self, probes):
        lbs, tgs, listeners = self.load_balancing()
        private_zones, public_records = self.route53()
        return {
            "vpcs": self.vpcs(), "subnets": self.subnets(), "igws": self.igws(),
            "nats": self.nats(), "eips": self.eips(), "route_tables": self.route_tables(),
            "security_groups": self.security_groups(),
            "launch_templates": self.launch_templates(), "instances": self.instances(),
            "volumes": self.volumes(), "load_balancers": lbs, "target_groups": tgs,
            "listeners": listeners, "auto_scaling_groups": self.groups(),
            "iam_roles": self.iam_roles(), "instance_profiles": self.iam_profiles(),
            "buckets": self.buckets(), "kms_keys": self.kms_keys(),
            "private_zones": private_zones, "public_records": public_records,
            "probes": {p: self.probe(p) for p in probes},
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster-id", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--probe", action="append", default=[])
    args = parser.parse_args()
    judge = Judge(args.cluster_id, args.name, args.domain)
    json.dump(judge.report(args.probe), sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
