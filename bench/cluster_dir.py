"""A cluster directory for a benchmark run: N zones of us-east-1, fixtures beside it."""

import os
import subprocess

ZONES = "abcdef"
# awsim enforces AWS's default quota of 5 Elastic IPs per region, as AWS does for a new
# account, so clusters of more than 5 zones use one NAT gateway instead of one per zone.
EIP_QUOTA = 5


def nat_mode(zones):
    return "perZone" if zones <= EIP_QUOTA else "single"


def write(tectonic, path, name, zones):
    subprocess.run([tectonic, "init", "--dir", path, "--name", name,
                    "--base-domain", "example.com", "--region", "us-east-1",
                    "--ssh-key", "bench-key"], check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(path, "cluster.yaml")
    with open(config) as f:
        text = f.read()
    zone_list = ", ".join(f"us-east-1{z}" for z in ZONES[:zones])
    for old, new in (("zones: []", f"zones: [{zone_list}]"),
                     ("natGateways: perZone", f"natGateways: {nat_mode(zones)}")):
        if old not in text:
            raise RuntimeError(f"tectonic init no longer writes '{old}' in {config}")
        text = text.replace(old, new, 1)
    with open(config, "w") as f:
        f.write(text)
    for file_name, content in (("license.txt", "bench-license-0123456789abcdef\n"),
                               ("pull-secret.json", '{"auths":{"quay.io":{"auth":"YmVuY2g6eA=="}}}\n')):
        fd = os.open(os.path.join(path, file_name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(content)


# What a user already has on AWS, seeded through the admin API.
FIXTURES = {
    "hosted_zones": [{"name": "example.com"}],
    "key_pairs": [{"name": "bench-key"}],
    "images": [{"name": "Flatcar-stable-4081.2.0-hvm", "architecture": "x86_64"}],
}
