"""Seeds moto with what a tectonic user already has, through boto3 (the independent client).

  seed.py --ec2 URL --route53 URL --dir CLUSTER_DIR... [--policy FILE --user NAME[:DROPPED]...]
          [--enforce] [--start-recording]

Creates the public hosted zone example.com (at the Route53 endpoint), the EC2 key pair demo-key
and a Flatcar-named AMI, and writes cluster.yaml, license.txt and pull-secret.json into each
CLUSTER_DIR.
With --user, creates an IAM user whose only (inline) policy is the JSON of `tectonic policy`
(--policy FILE) minus the action DROPPED, and an access key; the moto-only adjustments allow
nothing beyond the policy's actions (see moto_policy). Then --enforce turns on moto's checks
(POST /moto-api/reset-auth 0: what INITIAL_NO_AUTH_ACTION_COUNT sets, without counting our own
seeding calls), and --start-recording starts moto's request recording (to the file named by
MOTO_RECORDER_FILEPATH in moto's environment), so it holds only what tectonic sends. With
--enforce, also a user "auditor" allowed everything, for the judge.
Prints JSON: {"ami": ..., "users": {name: {"key": ..., "secret": ...}}}.
"""
import argparse
import json
import os
import sys
import urllib.request

import boto3

ADMIN = dict(region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
             aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

# moto names some actions differently from IAM: it builds "<signing name>:<operation>" for
# Query and JSON APIs, and its own table for S3. For moto to judge the same permissions, each
# moto name is granted only when the IAM action it stands for is in the policy.
MOTO_NAMES = {
    "tag:GetResources": "tagging:GetResources",  # IAM prefix "tag", signing name "tagging"
    "s3:ListBucket": "s3:HeadBucket",            # IAM authorises HeadBucket as s3:ListBucket
}

CLUSTER_YAML = """name: demo
baseDomain: example.com
aws:
  region: us-east-1
  zones: [us-east-1a, us-east-1b, us-east-1c]
  sshKeyName: demo-key
  amiId: "{ami}"
networking:
  podCidr: 10.2.0.0/16
  serviceCidr: 10.3.0.0/16
nodes:
  masters: {{count: 3, instanceType: m5.large, rootVolumeGiB: 30}}
  workers: {{count: 3, instanceType: m5.large, rootVolumeGiB: 30}}
  etcd: {{count: 3, instanceType: m5.large, rootVolumeGiB: 30}}
tectonic:
  license: license.txt
  pullSecret: pull-secret.json
  adminEmail: admin@example.com
"""


def moto_policy(policy, dropped):
    """The policy as moto can judge it: same actions (minus dropped), moto's names added."""
    policy = json.loads(json.dumps(policy))
    have = set()
    for statement in policy["Statement"]:
        statement["Action"] = [a for a in statement["Action"] if a != dropped]
        have.update(statement["Action"])
        # moto authorises non-S3 calls against resource "*" (or a role's ARN once it exists),
        # so an ARN-pattern Resource (our iam statement) would never match a Create call.
        if statement["Resource"] != "*":
            statement["Resource"] = "*"
    aliases = sorted(moto for real, moto in MOTO_NAMES.items() if real in have)
    if aliases:
        policy["Statement"].append(
            {"Sid": "MotoNames", "Effect": "Allow", "Action": aliases, "Resource": "*"})
    return policy


def post(url, body):
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=10).read()


def write(path, content, mode=0o600):
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "w") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ec2", required=True)
    parser.add_argument("--route53", required=True)
    parser.add_argument("--dir", action="append", required=True)
    parser.add_argument("--policy")
    parser.add_argument("--user", action="append", default=[])
    parser.add_argument("--enforce", action="store_true")
    parser.add_argument("--start-recording", action="store_true")
    args = parser.parse_args()

    boto3.client("route53", endpoint_url=args.route53, **ADMIN).create_hosted_zone(
        Name="example.com", CallerReference="iam-test")
    ec2 = boto3.client("ec2", endpoint_url=args.ec2, **ADMIN)
    ec2.create_key_pair(KeyName="demo-key")
    ami = ec2.register_image(
        Name="Flatcar-stable-4081.2.0-hvm", Architecture="x86_64", RootDeviceName="/dev/xvda",
        VirtualizationType="hvm",
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}}])["ImageId"]

    for d in args.dir:
        os.makedirs(d, mode=0o700, exist_ok=True)
        write(os.path.join(d, "cluster.yaml"), CLUSTER_YAML.format(ami=ami), 0o644)
        write(os.path.join(d, "license.txt"), "iam-test-license-0123456789abcdef\n")
        write(os.path.join(d, "pull-secret.json"),
              '{"auths": {"quay.io": {"auth": "aWFtOnRlc3Q="}}}\n')

    users = {}
    if args.user:
        with open(args.policy) as f:
            policy = json.load(f)
        iam = boto3.client("iam", endpoint_url=args.ec2, **ADMIN)
        for spec in args.user:
            name, _, dropped = spec.partition(":")
            iam.create_user(UserName=name)
            iam.put_user_policy(UserName=name, PolicyName="tectonic",
                                PolicyDocument=json.dumps(moto_policy(policy, dropped)))
            key = iam.create_access_key(UserName=name)["AccessKey"]
            users[name] = {"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    if args.enforce:
        # The judge's identity once moto checks every request (moto knows no other keys then).
        iam = boto3.client("iam", endpoint_url=args.ec2, **ADMIN)
        iam.create_user(UserName="auditor")
        iam.put_user_policy(UserName="auditor", PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="auditor")["AccessKey"]
        users["auditor"] = {"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    if args.start_recording:
        post(args.ec2 + "/moto-api/recorder/start-recording", b"")
    if args.enforce:
        post(args.ec2 + "/moto-api/reset-auth", b"0")
    json.dump({"ami": ami, "users": users}, sys.stdout)


if __name__ == "__main__":
    main()
