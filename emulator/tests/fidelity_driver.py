"""Checks awsim's paging, target health and console output, S3 and IAM action names under
--enforce-iam, and throttling buckets on the emulator clock, through boto3 and the admin API,
in one process.

Usage: fidelity_driver.py ENDPOINT [POLICY_JSON] (awsim started with --enforce-iam; POLICY_JSON
is the output of `tectonic policy`, for the iam:PassRole checks). Prints {"checks": {...}} as
JSON for the C++ test to assert on; exits non-zero when an unexpected call fails.
"""
import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
ADMIN = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")


def client(name, keys=ADMIN, validate=True):
    return boto3.client(name, endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id=keys[0], aws_secret_access_key=keys[1],
                        config=Config(s3={"addressing_style": "path"},
                                      retries={"max_attempts": 1},
                                      parameter_validation=validate))


def admin(what, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(ENDPOINT + "/_awsim/" + what, data=data,
                                 method="GET" if body is None else "POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as response:
        return json.load(response)


def code_of(fn):
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return "none"


def page_sizes(paginator, key, **kwargs):
    """Sizes of each page and whether the union is exactly the unpaged listing."""
    sizes, seen = [], []
    for page in paginator.paginate(**kwargs):
        sizes.append(len(page[key]))
        seen.extend(json.dumps(item, sort_keys=True, default=str) for item in page[key])
    return sizes, len(seen) == len(set(seen))


def paging(checks):
    ec2, elb, asg, iam = client("ec2"), client("elbv2"), client("autoscaling"), client("iam")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{i}.0/24",
                                 AvailabilityZone="us-east-1" + "abc"[i % 3])["Subnet"]["SubnetId"]
               for i in range(12)]
    sizes, unique = page_sizes(ec2.get_paginator("describe_subnets"), "Subnets",
                               Filters=[{"Name": "vpc-id", "Values": [vpc]}],
                               PaginationConfig={"PageSize": 5})
    checks["subnet_pages"], checks["subnet_unique"] = sizes, unique
    unchecked = client("ec2", validate=False)  # botocore itself refuses MaxResults < 5
    checks["subnet_small_page"] = code_of(lambda: unchecked.describe_subnets(MaxResults=3))
    checks["subnet_bad_token"] = code_of(lambda: ec2.describe_subnets(MaxResults=5,
                                                                      NextToken="forged"))
    subnet_token = ec2.describe_subnets(MaxResults=5)["NextToken"]
    checks["token_of_other_operation"] = code_of(lambda: ec2.describe_security_groups(
        MaxResults=5, NextToken=subnet_token))
    for i in range(6):
        ec2.create_security_group(GroupName=f"g{i}", Description="d", VpcId=vpc)
    checks["sg_pages"], _ = page_sizes(ec2.get_paginator("describe_security_groups"),
                                       "SecurityGroups",
                                       Filters=[{"Name": "vpc-id", "Values": [vpc]}],
                                       PaginationConfig={"PageSize": 5})
    ami = ec2.register_image(Name="fidelity-ami", Architecture="x86_64",
                             RootDeviceName="/dev/xvda", VirtualizationType="hvm")["ImageId"]
    ec2.run_instances(ImageId=ami, InstanceType="m5.large", MinCount=7, MaxCount=7,
                      SubnetId=subnets[0])
    pages = list(ec2.get_paginator("describe_instances").paginate(
        PaginationConfig={"PageSize": 5}))
    checks["instance_pages"] = [sum(len(r["Instances"]) for r in p["Reservations"])
                                for p in pages]
    some = pages[0]["Reservations"][0]["Instances"][0]["InstanceId"]
    checks["instance_ids_and_max"] = code_of(lambda: ec2.describe_instances(
        InstanceIds=[some], MaxResults=5))
    for i in range(3):
        ec2.create_launch_template(LaunchTemplateName=f"lt{i}", LaunchTemplateData={
            "ImageId": ami, "InstanceType": "m5.large"})
    checks["lt_pages"], _ = page_sizes(ec2.get_paginator("describe_launch_templates"),
                                       "LaunchTemplates", PaginationConfig={"PageSize": 2})

    for i in range(3):
        elb.create_load_balancer(Name=f"nlb{i}", Type="network", Subnets=subnets[:2])
        elb.create_target_group(Name=f"tg{i}", Protocol="TCP", Port=443, VpcId=vpc)
    checks["lb_pages"], checks["lb_unique"] = page_sizes(
        elb.get_paginator("describe_load_balancers"), "LoadBalancers",
        PaginationConfig={"PageSize": 2})
    checks["tg_pages"], _ = page_sizes(elb.get_paginator("describe_target_groups"),
                                       "TargetGroups", PaginationConfig={"PageSize": 2})
    checks["lb_bad_marker"] = code_of(lambda: elb.describe_load_balancers(Marker="forged"))

    for i in range(3):
        asg.create_auto_scaling_group(AutoScalingGroupName=f"asg{i}", MinSize=0, MaxSize=1,
                                      DesiredCapacity=0,
                                      LaunchTemplate={"LaunchTemplateName": "lt0"},
                                      VPCZoneIdentifier=subnets[0])
    checks["asg_pages"], _ = page_sizes(asg.get_paginator("describe_auto_scaling_groups"),
                                        "AutoScalingGroups", PaginationConfig={"PageSize": 2})
    checks["asg_bad_token"] = code_of(lambda: asg.describe_auto_scaling_groups(
        NextToken="forged"))

    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
        "Action": "sts:AssumeRole"}]})
    for i in range(3):
        iam.create_role(RoleName=f"app-{i}", AssumeRolePolicyDocument=trust,
                        Tags=[{"Key": "n", "Value": str(i)}])
        iam.create_instance_profile(InstanceProfileName=f"app-{i}")
        iam.add_role_to_instance_profile(InstanceProfileName=f"app-{i}", RoleName=f"app-{i}")
    checks["role_pages"], _ = page_sizes(iam.get_paginator("list_roles"), "Roles",
                                         PaginationConfig={"PageSize": 2})
    checks["profile_pages"], _ = page_sizes(iam.get_paginator("list_instance_profiles"),
                                            "InstanceProfiles", PaginationConfig={"PageSize": 2})
    checks["profiles_for_role"] = [p["InstanceProfileName"] for p in
                                   iam.list_instance_profiles_for_role(
                                       RoleName="app-1")["InstanceProfiles"]]
    checks["role_tags"] = iam.get_role(RoleName="app-2")["Role"].get("Tags")
    checks["iam_bad_marker"] = code_of(lambda: iam.list_roles(Marker="forged"))
    kms = client("kms")
    for i in range(3):
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/fidelity-{i}", TargetKeyId=key)
    checks["kms_key_pages"], _ = page_sizes(kms.get_paginator("list_keys"), "Keys",
                                            PaginationConfig={"PageSize": 2})
    checks["kms_alias_pages"], _ = page_sizes(kms.get_paginator("list_aliases"), "Aliases",
                                              PaginationConfig={"PageSize": 2})
    checks["kms_bad_marker"] = code_of(lambda: kms.list_keys(Marker="forged"))
    # A form body above 8 KiB (httplib's own form limit): AWS takes 10 KiB role policies.
    big = policy([f"ec2:Describe{i:05d}" for i in range(300)])
    iam.put_role_policy(RoleName="app-0", PolicyName="big", PolicyDocument=json.dumps(big))
    checks["big_policy_actions"] = len(iam.get_role_policy(
        RoleName="app-0", PolicyName="big")["PolicyDocument"]["Statement"][0]["Action"])


S3_INSTALLER_ACTIONS = ["s3:CreateBucket", "s3:PutEncryptionConfiguration",
                        "s3:PutBucketPublicAccessBlock", "s3:PutBucketTagging",
                        "s3:GetBucketTagging", "s3:PutObject", "s3:GetObject", "s3:ListBucket",
                        "s3:DeleteObject", "s3:DeleteBucket", "s3:ListAllMyBuckets"]


def policy(actions, resource="*"):
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}]}


def enforcement(checks):
    s3_keys = ("AKIAS3USER0000000001", "s3-user-secret")
    wrong_keys = ("AKIAS3WRONGNAMES0001", "s3-wrong-secret")
    iam_keys = ("AKIAIAMSCOPED0000001", "iam-scoped-secret")
    # The operation name where the IAM action is named otherwise: must not be enough.
    wrong = [a for a in S3_INSTALLER_ACTIONS if a != "s3:PutEncryptionConfiguration"]
    admin("seed", {"users": [
        {"name": "s3user", "access_key": s3_keys[0], "secret_key": s3_keys[1],
         "policies": [{"name": "p", "document": policy(S3_INSTALLER_ACTIONS)}]},
        {"name": "wrongnames", "access_key": wrong_keys[0], "secret_key": wrong_keys[1],
         "policies": [{"name": "p", "document": policy(wrong + ["s3:PutBucketEncryption"])}]},
        {"name": "iamscoped", "access_key": iam_keys[0], "secret_key": iam_keys[1],
         "policies": [{"name": "p", "document": policy(
             ["iam:GetRole", "iam:ListRoles", "iam:SimulatePrincipalPolicy"],
             ["arn:aws:iam::*:role/app-*", "arn:aws:iam::*:user/*"])}]}]})
    s3 = client("s3", s3_keys)
    steps = [
        lambda: s3.create_bucket(Bucket="fidelity-bucket"),
        lambda: s3.put_bucket_encryption(Bucket="fidelity-bucket",
                                         ServerSideEncryptionConfiguration={"Rules": [{
                                             "ApplyServerSideEncryptionByDefault": {
                                                 "SSEAlgorithm": "AES256"}}]}),
        lambda: s3.put_public_access_block(Bucket="fidelity-bucket",
                                           PublicAccessBlockConfiguration={
                                               "BlockPublicAcls": True, "IgnorePublicAcls": True,
                                               "BlockPublicPolicy": True,
                                               "RestrictPublicBuckets": True}),
        lambda: s3.put_bucket_tagging(Bucket="fidelity-bucket",
                                      Tagging={"TagSet": [{"Key": "k", "Value": "v"}]}),
        lambda: s3.get_bucket_tagging(Bucket="fidelity-bucket"),
        lambda: s3.head_bucket(Bucket="fidelity-bucket"),
        lambda: s3.put_object(Bucket="fidelity-bucket", Key="a", Body=b"data"),
        lambda: s3.head_object(Bucket="fidelity-bucket", Key="a"),
        lambda: s3.get_object(Bucket="fidelity-bucket", Key="a")["Body"].read(),
        lambda: s3.list_objects_v2(Bucket="fidelity-bucket"),
        lambda: s3.list_buckets(),
        lambda: s3.delete_objects(Bucket="fidelity-bucket",
                                  Delete={"Objects": [{"Key": "a"}]}),
        lambda: s3.delete_bucket(Bucket="fidelity-bucket"),
    ]
    checks["s3_installer_actions"] = [code_of(step) for step in steps]
    wrong_s3 = client("s3", wrong_keys)
    wrong_s3.create_bucket(Bucket="fidelity-wrong")
    checks["s3_operation_name_denied"] = code_of(lambda: wrong_s3.put_bucket_encryption(
        Bucket="fidelity-wrong", ServerSideEncryptionConfiguration={"Rules": [{
            "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}))

    scoped = client("iam", iam_keys)
    checks["iam_role_in_scope"] = code_of(lambda: scoped.get_role(RoleName="app-0"))
    checks["iam_role_out_of_scope"] = code_of(lambda: scoped.get_role(RoleName="other"))
    checks["iam_list_roles"] = code_of(lambda: scoped.list_roles())
    sim = client("iam").simulate_principal_policy(
        PolicySourceArn="arn:aws:iam::123456789012:user/iamscoped", ActionNames=["iam:GetRole"],
        ResourceArns=["arn:aws:iam::123456789012:role/app-9",
                      "arn:aws:iam::123456789012:role/other"])
    checks["iam_simulated"] = [r["EvalDecision"] for r in sim["EvaluationResults"]]


def error_of(fn):
    """[code, message] of a refused call, or ["none", ""]."""
    try:
        fn()
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"].get("Message", "")]
    return ["none", ""]


def pass_role(checks, policy_path):
    """iam:PassRole where AWS checks it: RunInstances with an instance profile and
    CreateAutoScalingGroup with a template naming one; not CreateLaunchTemplate. A user holding
    `tectonic policy` passes; the same policy without iam:PassRole is refused."""
    with open(policy_path) as f:
        granted = json.load(f)
    without = json.loads(json.dumps(granted))
    for st in without["Statement"]:
        actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
        st["Action"] = [a for a in actions if a != "iam:PassRole"]
    without["Statement"] = [st for st in without["Statement"] if st["Action"]]
    full_keys = ("AKIAPASSROLEFULL0001", "pass-role-full-secret")
    none_keys = ("AKIAPASSROLENONE0001", "pass-role-none-secret")
    admin("seed", {"users": [
        {"name": "tectonic-policy", "access_key": full_keys[0], "secret_key": full_keys[1],
         "policies": [{"name": "tectonic", "document": granted}]},
        {"name": "no-pass-role", "access_key": none_keys[0], "secret_key": none_keys[1],
         "policies": [{"name": "tectonic", "document": without}]}]})
    ami = admin("seed", {"images": [{"name": "Flatcar-stable-4081.3.0-hvm"}]})["images"][0]
    ec2, iam = client("ec2"), client("iam")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.0.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
        "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="pr-node-role", AssumeRolePolicyDocument=json.dumps(trust))
    iam.create_instance_profile(InstanceProfileName="pr-node-profile")
    iam.add_role_to_instance_profile(InstanceProfileName="pr-node-profile",
                                     RoleName="pr-node-role")
    admin("clock", {"advance_seconds": 300})  # past IAM propagation to EC2
    profile = {"Name": "pr-node-profile"}
    for who, keys in (("without", none_keys), ("granted", full_keys)):
        user_ec2, user_asg = client("ec2", keys), client("autoscaling", keys)
        lt_name = "pr-lt-" + who
        checks[f"pr_{who}_create_template"] = error_of(lambda: user_ec2.create_launch_template(
            LaunchTemplateName=lt_name, LaunchTemplateData={
                "ImageId": ami, "InstanceType": "m5.large", "IamInstanceProfile": profile}))
        checks[f"pr_{who}_run_instances"] = error_of(lambda: user_ec2.run_instances(
            ImageId=ami, InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=subnet,
            IamInstanceProfile=profile))
        checks[f"pr_{who}_run_without_profile"] = error_of(lambda: user_ec2.run_instances(
            ImageId=ami, InstanceType="m5.large", MinCount=1, MaxCount=1, SubnetId=subnet))
        checks[f"pr_{who}_create_group"] = error_of(lambda: user_asg.create_auto_scaling_group(
            AutoScalingGroupName="pr-asg-" + who, MinSize=1, MaxSize=1, DesiredCapacity=1,
            LaunchTemplate={"LaunchTemplateName": lt_name}, VPCZoneIdentifier=subnet))
        checks[f"pr_{who}_groups"] = len(client("autoscaling").describe_auto_scaling_groups(
            AutoScalingGroupNames=["pr-asg-" + who])["AutoScalingGroups"])
        checks[f"pr_{who}_template_id"] = client("ec2").describe_launch_templates(
            LaunchTemplateNames=[lt_name])["LaunchTemplates"][0]["LaunchTemplateId"]
    with_profile = ec2.describe_instances(Filters=[
        {"Name": "iam-instance-profile.arn", "Values": [
            iam.get_instance_profile(InstanceProfileName="pr-node-profile")[
                "InstanceProfile"]["Arn"]]},
        {"Name": "subnet-id", "Values": [subnet]}])
    # RunInstances by the granted user and its group's instance: nothing from the refused calls.
    checks["pr_instances_with_profile"] = sum(len(r["Instances"])
                                              for r in with_profile["Reservations"])


def throttling(checks):
    """Route 53's bucket (5, refilling 5/s) on the emulator clock, slowed 100x by the scale."""
    r53 = client("route53")
    admin("config", {"throttle": True, "time_scale": 0.01})
    burst = [code_of(r53.list_hosted_zones) for _ in range(6)]
    checks["burst"] = burst
    admin("clock", {"advance_seconds": 10})  # 10 s x 0.01 x 5/s = half a token
    checks["after_10s"] = code_of(r53.list_hosted_zones)
    admin("clock", {"advance_seconds": 12})  # now more than one token
    checks["after_22s"] = [code_of(r53.list_hosted_zones), code_of(r53.list_hosted_zones)]
    admin("config", {"throttle": False, "time_scale": 1})


def latency_override(checks):
    """POST /_awsim/config {"latency_seconds": {...}} changes one figure and keeps the others."""
    before = admin("latency")["seconds"]
    try:
        checks["latency_override_error"] = admin(
            "config", {"latency_seconds": {"nlb_active": 42.5}}).get("error")
    except urllib.error.HTTPError as error:
        checks["latency_override_error"] = error.read().decode()
    after = admin("latency")["seconds"]
    checks["latency_override"] = after.get("nlb_active")
    checks["latency_others_kept"] = {k: v for k, v in after.items() if k != "nlb_active"} == {
        k: v for k, v in before.items() if k != "nlb_active"}


def target_health(checks):
    """DescribeTargetHealth of ASG-registered instance targets on the emulator clock, the admin
    hook that fails a node's health checks, and GetConsoleOutput."""
    ec2, elb, asg = client("ec2"), client("elbv2"), client("autoscaling")
    admin("config", {"latency_seconds": {"target_healthy": 90}})
    ami = admin("seed", {"images": [{"name": "Flatcar-stable-4081.2.0-hvm"}]})["images"][0]
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    zone_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.0.0/24",
                               AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    zone_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24",
                               AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    lb = elb.create_load_balancer(Name="th-lb", Type="network", Subnets=[zone_a],
                                  Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name="th-tg", Protocol="TCP", Port=443, VpcId=vpc,
                                 TargetType="instance", HealthCheckPort="6443")
    tg = tg["TargetGroups"][0]["TargetGroupArn"]
    ec2.create_launch_template(LaunchTemplateName="th-lt", LaunchTemplateData={
        "ImageId": ami, "InstanceType": "m5.large"})
    asg.create_auto_scaling_group(AutoScalingGroupName="th-asg", MinSize=2, MaxSize=2,
                                  DesiredCapacity=2, LaunchTemplate={"LaunchTemplateName": "th-lt"},
                                  VPCZoneIdentifier=zone_a + "," + zone_b, TargetGroupARNs=[tg])
    ids = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["th-asg"])[
        "AutoScalingGroups"][0]["Instances"]
    zone_of = {i["InstanceId"]: i["AvailabilityZone"] for i in ids}

    def health():
        out = {}
        for d in elb.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"]:
            h = d["TargetHealth"]
            out[zone_of[d["Target"]["Id"]]] = [h["State"], h.get("Reason", ""),
                                               d["HealthCheckPort"], d["Target"]["Port"]]
        return out

    checks["th_no_listener"] = health()
    elb.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=443,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    checks["th_registered"] = health()
    admin("clock", {"advance_seconds": 91})
    checks["th_after_latency"] = health()
    in_a = next(i for i, z in zone_of.items() if z == "us-east-1a")
    admin("target_health", {"instance_id": in_a, "failing": True,
                            "console": ["hook line for the test"]})
    checks["th_failing"] = health()
    console = ec2.get_console_output(InstanceId=in_a)
    text = console["Output"]  # botocore decodes the base64 wire value
    checks["console_lines"] = [line for line in text.splitlines()
                               if "login:" in line or "status=1/FAILURE" in line or "hook" in line]
    checks["console_timestamp"] = bool(console.get("Timestamp"))
    admin("target_health", {"instance_id": in_a, "failing": False})
    checks["th_recovered"] = health()[("us-east-1a")][0]
    other = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1,
                              SubnetId=zone_a)["Instances"][0]["InstanceId"]
    listed = elb.describe_target_health(TargetGroupArn=tg, Targets=[{"Id": other}])
    checks["th_not_registered"] = listed["TargetHealthDescriptions"][0]["TargetHealth"]["Reason"]
    checks["th_invalid_target"] = code_of(lambda: elb.describe_target_health(
        TargetGroupArn=tg, Targets=[{"Id": "i-00000000000000000"}]))
    checks["th_no_group"] = code_of(lambda: elb.describe_target_health(
        TargetGroupArn=tg.replace("th-tg", "nope")))
    checks["console_unknown"] = code_of(lambda: ec2.get_console_output(
        InstanceId="i-00000000000000000"))
    admin("config", {"latency_seconds": {"target_healthy": 0}})


def main():
    checks = {}
    paging(checks)
    target_health(checks)
    enforcement(checks)
    if len(sys.argv) > 2:
        pass_role(checks, sys.argv[2])
    throttling(checks)
    latency_override(checks)
    json.dump({"checks": checks}, sys.stdout, default=str)


if __name__ == "__main__":
    main()
