#!/usr/bin/env python3
"""Runs a list of boto3 calls in one process and prints their results as JSON.

Tests seed and inspect emulators with it: one Python start (~0.5 s) instead of one AWS CLI
start (~1.1 s) per call. Reads {"calls": [{"service", "op", "args"}...]} on stdin; a string
argument "${N:Path.To.Field}" is replaced by that field of call N's result (0-based).
Endpoint, region and credentials come from the AWS_* environment, as for the AWS CLI.
Prints [result, ...]; on an error prints {"error": {...}, "call": N} and exits 1.
"""
import json
import re
import sys

import boto3
import botocore.exceptions

REFERENCE = re.compile(r"^\$\{(\d+):([^}]*)\}$")


def lookup(results, text):
    match = REFERENCE.match(text)
    if not match:
        return text
    value = results[int(match.group(1))]
    for part in match.group(2).split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def resolve(results, value):
    if isinstance(value, str):
        return lookup(results, value)
    if isinstance(value, list):
        return [resolve(results, item) for item in value]
    if isinstance(value, dict):
        return {key: resolve(results, item) for key, item in value.items()}
    return value


def main():
    request = json.load(sys.stdin)
    session = boto3.session.Session()
    clients = {}
    results = []
    for index, call in enumerate(request["calls"]):
        service = call["service"]
        if service not in clients:
            clients[service] = session.client(service)
        try:
            result = getattr(clients[service], call["op"])(**resolve(results, call.get("args", {})))
        except botocore.exceptions.ClientError as error:
            json.dump({"error": error.response.get("Error", {}), "call": index}, sys.stdout)
            return 1
        result.pop("ResponseMetadata", None)
        results.append(result)
    json.dump(results, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
