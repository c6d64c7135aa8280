#!/usr/bin/python3
"""The playground page (GET /) in a real browser: starts $WARTA_BIN on a
free loopback port and runs tests/node/playground.mjs, which drives
Debian's chromium (/usr/bin/chromium) through playwright-core: it pastes the
seed, presses Normalize, and finds the title, the thirteen removed
duplicates and no console error. The server requires an API key
(--api-keys-file), which the page sends; once without it, the page shows
the 401. Screenshots at 1280x800 and at phone width
are left in build/test-logs/playground/.

Prints the script's "ok ..." lines (tests/run.sh counts this file as one
test). Needs `make deps` (chromium, npm ci in tests/node).
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from check_openapi import ROOT, Server


def main():
    node_dir = os.path.join(ROOT, "tests", "node")
    if not os.path.isdir(os.path.join(node_dir, "node_modules",
                                      "playwright-core")):
        print("FAIL playwright-core missing: run `make deps`")
        return 1
    if not os.access("/usr/bin/chromium", os.X_OK):
        print("FAIL /usr/bin/chromium missing: run `make deps`")
        return 1
    binary = os.environ.get("WARTA_BIN") or "build/san/warta"
    if not os.path.isabs(binary):
        binary = os.path.join(ROOT, binary)
    shared = os.environ.get("WARTA_SHARED") or os.path.join(ROOT, "../shared")
    if not os.path.isabs(shared):
        shared = os.path.join(ROOT, shared)
    seed = os.path.join(shared, "seeds", "antara-asean-2023.txt")
    with open(os.path.join(shared, "acceptance",
                           "antara-asean-2023.expected.json"),
              encoding="utf-8") as f:
        title = json.load(f)["title"]
    shots = os.path.join(ROOT, os.environ.get("TEST_LOG_DIR",
                                              "build/test-logs"), "playground")
    key = "playground-test-key"
    keys = tempfile.NamedTemporaryFile("w", prefix="warta-keys-",
                                       suffix=".txt", delete=False)
    keys.write("playground:" + hashlib.sha256(key.encode()).hexdigest()
               + "\n")
    keys.close()
    try:
        server = Server(binary, ["--api-keys-file", keys.name])
    finally:
        os.unlink(keys.name)
    try:
        r = subprocess.run(
            ["node", os.path.join(node_dir, "playground.mjs"),
             f"http://127.0.0.1:{server.port}", seed, title, shots, key],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=180)
        print(r.stdout)
    finally:
        rc = server.stop()
    log = server.log_text()
    bad = rc != 0 or "ERROR: AddressSanitizer" in log or "runtime error:" in log
    if r.returncode != 0 or bad:
        print(f"FAIL playground: script exit {r.returncode}, server exit {rc}")
        print(log[-3000:])
        return 1
    os.unlink(server.log.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
