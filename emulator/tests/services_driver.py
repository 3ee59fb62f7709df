"""Drives one awsim service through boto3 (create, describe, delete) against an endpoint.

Usage: services_driver.py ENDPOINT SERVICE. Prints {"describe": <one describe answer>,
"checks": {...}} as JSON; exits non-zero when a call fails. The C++ integration test runs it
against awsim and moto and compares the describe shapes.
"""
import base64
import hashlib
import json
import sys

import boto3
from botocore.config import Config

ENDPOINT, SERVICE = sys.argv[1], sys.argv[2]
STRICT = len(sys.argv) > 3 and sys.argv[3] == "strict"  # awsim-only checks


def client(name):
    return boto3.client(name, endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        config=Config(s3={"addressing_style": "path"},
                                      retries={"max_attempts": 1}))


def code_of(fn):
    try:
        fn()
    except client("sts").exceptions.ClientError as e:
        # botocore does not parse Route 53's InvalidChangeBatch root: fall back to the status.
        return e.response["Error"]["Code"] or str(e.response["ResponseMetadata"]["HTTPStatusCode"])
    return "none"


def network(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.2.{i}.0/24",
                                 AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"]
               for i, z in ((1, "a"), (2, "b"))]
    return vpc, subnets


def image(ec2):
    return ec2.register_image(Name="awsim-test-ami", Architecture="x86_64",
                              RootDeviceName="/dev/xvda", VirtualizationType="hvm")["ImageId"]


def run_ec2():
    ec2 = client("ec2")
    checks = {}
    vpc, subnets = network(ec2)
    ami = image(ec2)
    ec2.create_key_pair(KeyName="k1")
    checks["dup_key"] = code_of(lambda: ec2.create_key_pair(KeyName="k1"))
    checks["images_self"] = len(ec2.describe_images(Owners=["self"],
                                                   Filters=[{"Name": "name", "Values": ["awsim-*"]}])["Images"])
    r = ec2.run_instances(ImageId=ami, InstanceType="m5.large", MinCount=1, MaxCount=1,
                          SubnetId=subnets[0], KeyName="k1", ClientToken="tok-1",
                          TagSpecifications=[{"ResourceType": "instance",
                                              "Tags": [{"Key": "k", "Value": "v"}]}])
    again = ec2.run_instances(ImageId=ami, InstanceType="m5.large", MinCount=1, MaxCount=1,
                              SubnetId=subnets[0], KeyName="k1", ClientToken="tok-1",
                              TagSpecifications=[{"ResourceType": "instance",
                                                  "Tags": [{"Key": "k", "Value": "v"}]}])
    iid = r["Instances"][0]["InstanceId"]
    checks["idempotent"] = again["Instances"][0]["InstanceId"] == iid
    checks["bad_profile"] = code_of(lambda: ec2.run_instances(
        ImageId=ami, InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=subnets[0],
        IamInstanceProfile={"Name": "nope"}))
    desc = ec2.describe_instances(Filters=[{"Name": "tag:k", "Values": ["v"]}])
    checks["reservations"] = len(desc["Reservations"])
    lt = ec2.create_launch_template(LaunchTemplateName="lt1", LaunchTemplateData={
        "ImageId": ami, "InstanceType": "m5.large"})["LaunchTemplate"]["LaunchTemplateId"]
    checks["lt_count"] = len(ec2.describe_launch_templates(LaunchTemplateIds=[lt])["LaunchTemplates"])
    checks["subnet_in_use"] = code_of(lambda: ec2.delete_subnet(SubnetId=subnets[0]))
    ec2.terminate_instances(InstanceIds=[iid])
    ec2.delete_launch_template(LaunchTemplateId=lt)
    ec2.delete_key_pair(KeyName="k1")
    checks["offerings"] = len(ec2.describe_instance_type_offerings(
        LocationType="availability-zone",
        Filters=[{"Name": "instance-type", "Values": ["m5.large"]}])["InstanceTypeOfferings"]) > 0
    return desc["Reservations"][0]["Instances"][0], checks


def run_elbv2():
    ec2, elb = client("ec2"), client("elbv2")
    vpc, subnets = network(ec2)
    checks = {}
    lb = elb.create_load_balancer(Name="nlb1", Type="network", Scheme="internet-facing",
                                  Subnets=subnets, Tags=[{"Key": "k", "Value": "v"}])["LoadBalancers"][0]
    tg = elb.create_target_group(Name="tg1", Protocol="TCP", Port=6443, VpcId=vpc,
                                 TargetType="instance")["TargetGroups"][0]
    listener = elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="TCP", Port=6443,
                                   DefaultActions=[{"Type": "forward",
                                                    "TargetGroupArn": tg["TargetGroupArn"]}])["Listeners"][0]
    checks["tg_in_use"] = code_of(lambda: elb.delete_target_group(TargetGroupArn=tg["TargetGroupArn"]))
    checks["vpc_dependency"] = code_of(lambda: ec2.delete_subnet(SubnetId=subnets[0]))
    checks["dns_suffix"] = lb["DNSName"].endswith(".elb.us-east-1.amazonaws.com")
    checks["zone"] = lb["CanonicalHostedZoneId"]
    checks["tags"] = elb.describe_tags(ResourceArns=[lb["LoadBalancerArn"]])["TagDescriptions"][0]["Tags"]
    desc = elb.describe_load_balancers(Names=["nlb1"])["LoadBalancers"][0]
    elb.delete_listener(ListenerArn=listener["ListenerArn"])
    elb.delete_target_group(TargetGroupArn=tg["TargetGroupArn"])
    elb.delete_load_balancer(LoadBalancerArn=lb["LoadBalancerArn"])
    return desc, checks


def run_autoscaling():
    ec2, asg = client("ec2"), client("autoscaling")
    vpc, subnets = network(ec2)
    ami = image(ec2)
    lt = ec2.create_launch_template(LaunchTemplateName="lt-asg", LaunchTemplateData={
        "ImageId": ami, "InstanceType": "m5.large"})["LaunchTemplate"]["LaunchTemplateId"]
    asg.create_auto_scaling_group(AutoScalingGroupName="g1", MinSize=0, MaxSize=3, DesiredCapacity=3,
                                  LaunchTemplate={"LaunchTemplateId": lt, "Version": "$Latest"},
                                  VPCZoneIdentifier=",".join(subnets),
                                  Tags=[{"Key": "k", "Value": "v", "PropagateAtLaunch": True,
                                         "ResourceId": "g1", "ResourceType": "auto-scaling-group"}])
    desc = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["g1"])["AutoScalingGroups"][0]
    checks = {"instances": len(desc["Instances"]),
              "zones": sorted({i["AvailabilityZone"] for i in desc["Instances"]})}
    asg.update_auto_scaling_group(AutoScalingGroupName="g1", DesiredCapacity=1)
    checks["activities"] = len(asg.describe_scaling_activities(AutoScalingGroupName="g1")["Activities"]) > 0
    asg.delete_auto_scaling_group(AutoScalingGroupName="g1", ForceDelete=True)
    return desc, checks


def run_route53():
    r53 = client("route53")
    checks = {}
    z = r53.create_hosted_zone(Name="example.com", CallerReference="ref-1")
    zid = z["HostedZone"]["Id"].split("/")[-1]
    checks["dup_ref"] = code_of(lambda: r53.create_hosted_zone(Name="example.com", CallerReference="ref-1"))
    change = {"Action": "CREATE", "ResourceRecordSet": {
        "Name": "api.example.com", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "10.0.0.1"}]}}
    c = r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [change]})
    checks["change"] = r53.get_change(Id=c["ChangeInfo"]["Id"].split("/")[-1])["ChangeInfo"]["Status"]
    checks["dup_record"] = code_of(lambda: r53.change_resource_record_sets(
        HostedZoneId=zid, ChangeBatch={"Changes": [change]}))
    checks["not_empty"] = code_of(lambda: r53.delete_hosted_zone(Id=zid))
    checks["records"] = len(r53.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"])
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zid,
                                 AddTags=[{"Key": "k", "Value": "v"}])
    checks["tags"] = r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zid)["ResourceTagSet"]["Tags"]
    desc = r53.get_hosted_zone(Id=zid)
    desc.pop("ResponseMetadata", None)
    change["Action"] = "DELETE"
    r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [change]})
    r53.delete_hosted_zone(Id=zid)
    checks["by_name"] = len(r53.list_hosted_zones_by_name(DNSName="example.com")["HostedZones"])
    return desc, checks


def run_kms():
    kms = client("kms")
    key = kms.create_key(Description="d", Tags=[{"TagKey": "k", "TagValue": "v"}])["KeyMetadata"]
    kms.create_alias(AliasName="alias/awsim-test", TargetKeyId=key["KeyId"])
    desc = kms.describe_key(KeyId="alias/awsim-test")["KeyMetadata"]
    checks = {"same": desc["KeyId"] == key["KeyId"]}
    kms.encrypt(KeyId=key["Arn"], Plaintext=b"hello")
    checks["datakey"] = len(kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")["Plaintext"])
    kms.delete_alias(AliasName="alias/awsim-test")
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    checks["pending"] = code_of(lambda: kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x"))
    return desc, checks


def run_s3():
    s3 = client("s3")
    checks = {}
    s3.create_bucket(Bucket="awsim-test-bucket")
    s3.put_bucket_tagging(Bucket="awsim-test-bucket", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    s3.put_bucket_encryption(Bucket="awsim-test-bucket", ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket="awsim-test-bucket", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True})
    for i in range(3):
        s3.put_object(Bucket="awsim-test-bucket", Key=f"dir/o{i}", Body=b"data",
                      Metadata={"m": "1"})
    head = s3.head_object(Bucket="awsim-test-bucket", Key="dir/o0")
    checks["meta"] = head["Metadata"]
    checks["length"] = head["ContentLength"]
    checks["get"] = s3.get_object(Bucket="awsim-test-bucket", Key="dir/o1")["Body"].read().decode()
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="awsim-test-bucket",
                                                              PaginationConfig={"PageSize": 2}))
    checks["pages"] = len(pages)
    checks["not_empty"] = code_of(lambda: s3.delete_bucket(Bucket="awsim-test-bucket"))
    desc = s3.list_objects_v2(Bucket="awsim-test-bucket", MaxKeys=1)
    desc.pop("ResponseMetadata", None)
    s3.delete_objects(Bucket="awsim-test-bucket", Delete={"Objects": [{"Key": "dir/o0"}, {"Key": "dir/o1"}]})
    s3.delete_object(Bucket="awsim-test-bucket", Key="dir/o2")
    s3.delete_bucket(Bucket="awsim-test-bucket")
    return desc, checks


def run_tagging():
    ec2, tagging = client("ec2"), client("resourcegroupstaggingapi")
    for i in range(3):
        ec2.create_vpc(CidrBlock=f"10.{i}.0.0/16",
                       TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "cluster", "Value": "c1"}]}])
    client("kms").create_key(Tags=[{"TagKey": "cluster", "TagValue": "c1"}])
    arns = []
    for page in tagging.get_paginator("get_resources").paginate(
            TagFilters=[{"Key": "cluster", "Values": ["c1"]}], ResourcesPerPage=2):
        arns += [m["ResourceARN"] for m in page["ResourceTagMappingList"]]
    vpcs = tagging.get_resources(ResourceTypeFilters=["ec2:vpc"])["ResourceTagMappingList"]
    checks = {"total": len(arns), "vpcs": len(vpcs)}
    if STRICT:
        q = client("service-quotas").get_service_quota(ServiceCode="vpc", QuotaCode="L-F678F1CE")
        checks["quota"] = q["Quota"]["Value"]
    return vpcs[0], checks


desc, checks = globals()["run_" + SERVICE]()
print(json.dumps({"describe": desc, "checks": checks}, default=str))
