"""What AWS holds for a `--via cloudformation` cluster, read with boto3 in one run (the
emulator's environment comes from the caller). Prints one JSON object."""
import json
import sys

import boto3
from botocore.exceptions import ClientError

bucket, stack_name = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3")
cfn = boto3.client("cloudformation")
kms = boto3.client("kms")
ec2 = boto3.client("ec2")
r53 = boto3.client("route53")

out = {"stacks": [], "bucket": None, "objects": [], "aliases": []}
for s in cfn.describe_stacks().get("Stacks", []):
    if s["StackName"] == stack_name and s["StackStatus"] != "DELETE_COMPLETE":
        out["stacks"].append({"status": s["StackStatus"],
                              "tags": {t["Key"]: t["Value"] for t in s.get("Tags", [])}})
try:
    enc = s3.get_bucket_encryption(Bucket=bucket)
    rule = enc["ServerSideEncryptionConfiguration"]["Rules"][0]
    out["bucket"] = rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
    out["objects"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
except ClientError:
    pass
out["aliases"] = [a["AliasName"] for a in kms.list_aliases()["Aliases"]
                  if a["AliasName"].startswith("alias/tectonic/")]
out["key_pairs"] = [k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]]
out["zones"] = [z["Name"] for z in r53.list_hosted_zones()["HostedZones"]]
out["default_vpcs"] = len([v for v in ec2.describe_vpcs()["Vpcs"] if v.get("IsDefault")])
out["vpcs"] = len(ec2.describe_vpcs()["Vpcs"])
print(json.dumps(out))
