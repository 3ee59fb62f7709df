"""One awsim process for one benchmark run: start on a free port, admin API, stop."""

import json
import os
import select
import subprocess
import time
import urllib.error
import urllib.request


class Awsim:
    def __init__(self, binary, time_scale, throttle, seed, log_path):
        args = [binary, "serve", "--port", "0", "--latency", "realistic",
                "--time-scale", str(time_scale), "--seed", str(seed)]
        if throttle:
            args.append("--throttle")
        self._log = open(log_path, "wb")
        self._proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log)
        self.endpoint = self._read_endpoint(deadline_s=15)

    def _read_endpoint(self, deadline_s):
        deadline = time.monotonic() + deadline_s
        line = b""
        fd = self._proc.stdout.fileno()
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or self._proc.poll() is not None:
                self.stop()
                raise RuntimeError("awsim did not print its endpoint within "
                                   f"{deadline_s} s (see {self._log.name})")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1)
                if not chunk:
                    continue
                line += chunk
        url = line.decode().strip()
        if not url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"awsim printed {url!r}, not its endpoint")
        return url

    def admin(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.endpoint}/_awsim/{path}", data=data,
                                     method="GET" if body is None else "POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace").strip()
            raise RuntimeError(f"awsim /_awsim/{path}: HTTP {e.code}: {detail}") from None

    def stop(self):
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()
