#!/usr/bin/env python3
"""Signs requests with botocore, the reference SigV4 implementation, for sigv4_test.

Input: a JSON-lines file (argv[1]); each line is one request:
  {"method", "url", "headers": [[name, value], ...], "body" (utf-8 text), "region",
   "service", "s3": bool, "access_key", "secret_key", "token", "timestamp": "YYYYmmddTHHMMSSZ"}
Output: one JSON line per request on stdout: {"authorization": "..."}.
The credentials are fixed test values from the test itself, never real ones.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(req):
    fixed = datetime.datetime.strptime(req["timestamp"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: fixed
    creds = Credentials(req["access_key"], req["secret_key"], req["token"] or None)
    auth_class = botocore.auth.S3SigV4Auth if req["s3"] else botocore.auth.SigV4Auth
    signer = auth_class(creds, req["service"], req["region"])
    request = AWSRequest(method=req["method"], url=req["url"],
                         data=req["body"].encode("utf-8"))
    for name, value in req["headers"]:
        request.headers[name] = value
    signer.add_auth(request)
    return request.headers["Authorization"]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                print(json.dumps({"authorization": sign(json.loads(line))}))


if __name__ == "__main__":
    main()
