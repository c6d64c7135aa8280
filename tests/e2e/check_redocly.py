#!/usr/bin/python3
"""Lints openapi.yaml with Redocly's recommended rules (@redocly/cli, pinned
in tests/node/package-lock.json and installed by `make deps` with npm ci).

The config is tests/node/redocly.yaml; the findings accepted on purpose,
each with its reason, are in tests/node/.redocly.lint-ignore.yaml. Any
other error or warning fails. Redocly's telemetry and update check are
switched off: the test talks to nothing.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
NODE_DIR = os.path.join(ROOT, "tests", "node")


def main():
    redocly = os.path.join(NODE_DIR, "node_modules", ".bin", "redocly")
    if not os.path.exists(redocly):
        print(f"FAIL {redocly} missing: run `make deps` (npm ci in "
              f"tests/node)")
        return 1
    env = dict(os.environ, REDOCLY_TELEMETRY="off",
               REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_COLOR="1")
    r = subprocess.run(
        [redocly, "lint", "--config", os.path.join(NODE_DIR, "redocly.yaml"),
         "--format", "stylish", "openapi.yaml"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=120)
    out = r.stdout
    print(out)
    problems = [line for line in out.splitlines()
                if " error " in line or " warning " in line]
    if r.returncode != 0 or problems:
        print(f"FAIL redocly lint: exit {r.returncode}, "
              f"{len(problems)} finding(s)")
        return 1
    print("ok redocly: openapi.yaml passes the recommended rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
