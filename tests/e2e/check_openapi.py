#!/usr/bin/python3
"""Validates REAL responses of the warta binary against openapi.yaml.

Starts $WARTA_BIN (default build/san/warta) on a free loopback port, sends
a set of requests (the seed article in every format and input kind, each
error case), and checks every response: its status is documented for the
route, its Content-Type is one the response declares, its required headers
are present and its body validates against the declared schema (JSON
Schema 2020-12). Also checks that the Problem `type` enum is exactly the
slug table of handlers/util/err.c. Exits non-zero on any mismatch.

Prints one "ok ..." line per valid response (tests/run.sh counts them).
Only talks to 127.0.0.1; uses only Debian packages (python3-yaml,
python3-jsonschema).
"""
import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
JSON_TYPES = ("application/json", "application/problem+json",
              "application/ld+json")


class Checker:
    def __init__(self, spec):
        self.spec = spec
        self.failures = []
        self.checked = 0
        self.slugs_seen = set()

    def fail(self, name, msg):
        self.failures.append(f"{name}: {msg}")
        print(f"FAIL {name}: {msg}")

    def resolve(self, obj):
        """Follows a local $ref (#/a/b) to the object it names."""
        seen = 0
        while isinstance(obj, dict) and "$ref" in obj and seen < 32:
            ref = obj["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"non-local $ref {ref}")
            obj = self.spec
            for part in ref[2:].split("/"):
                obj = obj[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
        return obj

    def validate(self, schema, instance):
        """Errors of instance against schema; nested #/components refs
        resolve because the components ride along in the root schema."""
        root = dict(schema)
        root["components"] = self.spec["components"]
        v = jsonschema.Draft202012Validator(root)
        return sorted(v.iter_errors(instance), key=lambda e: list(e.path))

    def operation_response(self, method, path, status):
        """(response object, why-not) for this route and status."""
        paths = self.spec["paths"]
        if path not in paths:
            if status != 404:
                return None, f"undocumented path answered {status}, not 404"
            return self.resolve({"$ref": "#/components/responses/NotFound"}), None
        item = paths[path]
        op = item.get(method.lower())
        if op is None and method == "HEAD":
            op = item.get("get")
        if op is None:
            if status != 405:
                return None, (f"{method} is not documented on {path} but "
                              f"answered {status}, not 405")
            return self.resolve(
                {"$ref": "#/components/responses/MethodNotAllowed"}), None
        resp = op["responses"].get(str(status))
        if resp is None:
            return None, f"status {status} is not documented for {method} {path}"
        return self.resolve(resp), None

    def check(self, name, method, url, status, headers, body, expect=None):
        path = url.split("?", 1)[0]
        if expect is not None and status != expect:
            self.fail(name, f"status {status}, the case expects {expect}; "
                            f"body {body[:300]!r}")
            return
        resp, why = self.operation_response(method, path, status)
        if resp is None:
            self.fail(name, why)
            return
        if headers.get("content-encoding") == "gzip":
            try:
                body = gzip.decompress(body)
            except (OSError, EOFError) as e:
                self.fail(name, f"Content-Encoding gzip, but: {e}")
                return
        for hname, hdef in (resp.get("headers") or {}).items():
            hdef = self.resolve(hdef)
            value = headers.get(hname.lower())
            if value is None:
                if hdef.get("required"):
                    self.fail(name, f"required header {hname} missing")
                    return
                continue
            errs = self.validate(hdef.get("schema", {}), value)
            if errs:
                self.fail(name, f"header {hname}: {errs[0].message}")
                return
        if status == 304:
            # Headers only: no body to validate.
            if body:
                self.fail(name, f"304 with a {len(body)}-byte body")
                return
            self.checked += 1
            print(f"ok {name}: {method} {url} -> 304")
            return
        ctype = headers.get("content-type", "")
        media = ctype.split(";", 1)[0].strip().lower()
        content = resp.get("content") or {}
        if status == 204 and not content and not body:
            self.checked += 1
            print(f"ok {name}: {method} {url} -> 204 (no content)")
            return
        if media not in content:
            self.fail(name, f"Content-Type {ctype!r} is not declared for "
                            f"{status} (declared: {', '.join(content)})")
            return
        schema = content[media].get("schema", {})
        if media == "application/x-ndjson":
            # NDJSON: every line against the schema of its content.
            line_schema = schema.get("contentSchema")
            if not body.endswith(b"\n") or line_schema is None:
                self.fail(name, "NDJSON body without a final newline or "
                                "a contentSchema for its lines")
                return
            i = 0
            for i, line in enumerate(body.split(b"\n")[:-1], 1):
                try:
                    instance = json.loads(line)
                except ValueError as e:
                    self.fail(name, f"result line {i} is not JSON ({e})")
                    return
                errs = self.validate(line_schema, instance)
                if errs:
                    self.fail(name, f"result line {i}: "
                                    f"{errs[0].message[:300]}")
                    return
                if isinstance(instance, dict) and "line" in instance:
                    self.slugs_seen.add(instance.get("type"))
            self.checked += 1
            print(f"ok {name}: {method} {url} -> {status} {media} "
                  f"({i} lines)")
            return
        if media in JSON_TYPES:
            try:
                instance = json.loads(body)
            except ValueError as e:
                self.fail(name, f"body is not JSON ({e}): {body[:200]!r}")
                return
        else:
            try:
                instance = body.decode("utf-8")
            except UnicodeDecodeError as e:
                self.fail(name, f"body is not UTF-8: {e}")
                return
        errs = self.validate(schema, instance)
        if errs:
            e = errs[0]
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            self.fail(name, f"{media} body at {where}: {e.message[:300]}"
                            f" ({len(errs)} error(s))")
            return
        self.checked += 1
        if media == "application/problem+json":
            self.slugs_seen.add(instance.get("type"))
        print(f"ok {name}: {method} {url} -> {status} {media}")


def check_slugs(checker):
    """ProblemType must list exactly the slugs of err.c's table, and each
    (slug, status) row must fit the Problem schema of its status."""
    src = open(os.path.join(ROOT, "handlers/util/err.c"),
               encoding="utf-8").read()
    rows = re.findall(r'\[WARTA_[A-Z_]+\]\s*=\s*\{\s*"([a-z-]+)"\s*,\s*'
                      r'"[^"]*"\s*,\s*(\d+)\s*\}', src)
    rows = [(slug, int(st)) for slug, st in rows if slug != "ok"]
    if not rows:
        checker.fail("slugs", "no rows parsed from handlers/util/err.c")
        return
    enum = set(checker.spec["components"]["schemas"]["ProblemType"]["enum"])
    table = {slug for slug, _ in rows}
    if enum != table:
        checker.fail("slugs", f"ProblemType enum differs from err.c: missing "
                              f"{sorted(table - enum)}, extra "
                              f"{sorted(enum - table)}")
        return
    schemas = checker.spec["components"]["schemas"]
    for slug, status in rows:
        sch = schemas.get(f"Problem{status}")
        if sch is None:
            checker.fail("slugs", f"no Problem{status} schema for {slug}")
            continue
        sample = {"type": slug, "title": "t", "status": status, "detail": "d"}
        if checker.validate(sch, sample):
            checker.fail("slugs", f"Problem{status} rejects {slug}")
    if not checker.failures:
        checker.checked += 1
        print(f"ok slugs: {len(rows)} err.c slugs match ProblemType")


def self_test(checker, article):
    """The schema must not be vacuous: a stray key, a missing key and a
    wrong type in a real article must each be rejected."""
    schema = {"$ref": "#/components/schemas/Article"}
    if checker.validate(schema, article):
        return  # reported by the response check itself
    broken = [("stray key", dict(article, colour="red")),
              ("missing key", {k: v for k, v in article.items()
                               if k != "title"}),
              ("wrong type", dict(article, paragraphs="one string")),
              ("stray nested key",
               dict(article, source=dict(article["source"], extra=1)))]
    for what, doc in broken:
        if not checker.validate(schema, doc):
            checker.fail("self-test", f"Article schema accepts a {what}")
            return
    checker.checked += 1
    print("ok self-test: Article schema rejects stray, missing and "
          "mistyped keys")


def check_refs(checker):
    """Every $ref in the document names something that exists (Debian 12
    has no OpenAPI validator package; this is the part that breaks)."""
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(checker.spec)
    for ref in sorted(set(refs)):
        try:
            checker.resolve({"$ref": ref})
        except (KeyError, ValueError, TypeError) as e:
            checker.fail("refs", f"{ref} does not resolve ({e})")
            return
    if checker.spec.get("openapi", "").startswith("3.1"):
        checker.checked += 1
        print(f"ok refs: {len(set(refs))} $refs resolve in an OpenAPI 3.1 "
              f"document")
    else:
        checker.fail("refs", "openapi.yaml is not OpenAPI 3.1")


def design_keys(text):
    """The native article's keys as DESIGN.md lists them: the top-level
    backticked names, and those one level inside a {...} or [{...}] that
    follows a key. Parenthesised asides are skipped."""
    sec = text.split("## The native article", 1)[1].split("\n## ", 1)[0]
    sec = sec.split("\n", 1)[1]
    sec = sec.split("`../shared/acceptance", 1)[0]  # the next paragraph
    top, nested = [], {}
    depth_paren = 0
    stack = []  # open brackets
    last_key = None
    i = 0
    cur_obj = None
    while i < len(sec):
        c = sec[i]
        if c == "`":
            j = sec.index("`", i + 1)
            tok = sec[i + 1:j]
            i = j + 1
            if depth_paren or not re.fullmatch(r"[a-z_]+", tok):
                continue
            if not stack:
                top.append(tok)
                last_key = tok
            elif stack == ["{"] and cur_obj:
                nested.setdefault(cur_obj, []).append(tok)
            elif stack == ["[", "{"] and cur_obj:
                nested.setdefault(cur_obj + "[]", []).append(tok)
            continue
        if c == "(":
            depth_paren += 1
        elif c == ")":
            depth_paren -= 1
        elif c in "{[" and not depth_paren:
            if not stack:
                cur_obj = last_key
            stack.append(c)
        elif c in "}]" and not depth_paren:
            stack.pop()
        i += 1
    return top, nested


def check_design(checker, shared):
    """Article in openapi.yaml has exactly the keys DESIGN.md names."""
    path = os.path.join(shared, "DESIGN.md")
    if not os.path.exists(path):
        checker.fail("design", f"{path} missing")
        return
    with open(path, encoding="utf-8") as f:
        top, nested = design_keys(f.read())
    article = checker.resolve({"$ref": "#/components/schemas/Article"})
    if set(article["required"]) != set(top):
        checker.fail("design", f"Article keys differ from DESIGN.md: missing "
                               f"{sorted(set(top) - set(article['required']))}"
                               f", extra "
                               f"{sorted(set(article['required']) - set(top))}")
        return
    for key, names in nested.items():
        prop = checker.resolve(article["properties"][key.rstrip("[]")])
        if key.endswith("[]"):
            prop = checker.resolve(prop["items"])
        if set(prop.get("required", [])) != set(names):
            checker.fail("design", f"{key} keys {sorted(prop.get('required', []))}"
                                   f" differ from DESIGN.md {sorted(names)}")
            return
    checker.checked += 1
    print(f"ok design: Article has the {len(top)} keys of DESIGN.md "
          f"({len(nested)} nested objects checked)")


class Upstream(BaseHTTPRequestHandler):
    """A loopback page server for the URL cases: an article, a slow page,
    an oversize page and an upstream error."""
    article = b""

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/broken":
            self.send_response(500)
            self.end_headers()
            return
        body = (b"<html><body>" + b"<p>x</p>" * 20000 + b"</body></html>"
                if self.path == "/big" else self.article)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the fetcher gave up first: that is the point


def start_upstream(article_html):
    Upstream.article = article_html.encode("utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


class Server:
    def __init__(self, binary, args):
        self.log = tempfile.NamedTemporaryFile(
            prefix="warta-openapi-", suffix=".log", delete=False)
        env = dict(os.environ)
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
        cmd = [binary, "serve", "--port", "0", "--bind", "127.0.0.1",
               "--index", "memory"] + args
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log,
                                     env=env)
        self.port = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for line in open(self.log.name, encoding="utf-8",
                             errors="replace"):
                if '"event":"listening"' in line and line.endswith("\n"):
                    self.port = json.loads(line)["port"]
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("server did not start:\n" + self.log_text())

    def log_text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def request(self, method, url, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            # http.client adds no Content-Type of its own: a case without
            # one really sends none.
            conn.request(method, url, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            hdrs = {k.lower(): v for k, v in r.getheaders()}
            return r.status, hdrs, data
        finally:
            conn.close()


def cases(seed, up):
    text = {"Content-Type": "text/plain"}
    js = {"Content-Type": "application/json"}
    nd = {"Content-Type": "application/x-ndjson"}
    html_page = ("<!doctype html><html><head><title>Jalur sepeda baru"
                 "</title></head><body><article><h1>Jalur sepeda baru</h1>"
                 + "".join(f"<p>{p}</p>" for p in seed.split("\n")[4:9])
                 + "</article></body></html>")
    big = "x" * 70000
    complex_page = "<html><body>" + "<p>a</p>" * 1500 + "</body></html>"

    def q(path):
        return "%2F%2F127.0.0.1%3A" + str(up) + path

    return [
        # name, method, url, headers, body, expected status (None: any
        # documented one)
        ("seed-text-native", "POST", "/v1/normalize?format=native", text,
         seed, 200),
        ("seed-json-native", "POST", "/v1/normalize", js,
         json.dumps({"text": seed, "options": {"format": "native"}}), 200),
        ("seed-json-explain", "POST", "/v1/normalize", js,
         json.dumps({"text": seed, "options": {"explain": True,
                                               "remember": False}}), 200),
        ("seed-text-explain-query", "POST",
         "/v1/normalize?explain=true&remember=false&lang=id", text, seed,
         200),
        ("seed-ninjs", "POST", "/v1/normalize?format=ninjs", text, seed, 200),
        ("seed-jsonld", "POST", "/v1/normalize?format=jsonld", text, seed,
         200),
        ("seed-text-out", "POST", "/v1/normalize?format=text", text, seed,
         200),
        ("seed-latin1", "POST", "/v1/normalize",
         {"Content-Type": "text/plain; charset=iso-8859-1"},
         seed.encode("latin-1", "replace"), 200),
        ("html-raw", "POST", "/v1/normalize",
         {"Content-Type": "text/html; charset=utf-8"}, html_page, 200),
        ("html-json", "POST", "/v1/normalize", js,
         json.dumps({"html": html_page, "base_url": "https://example.org/a"}),
         200),
        ("invalid-utf8-text", "POST", "/v1/normalize", text,
         seed.encode() + b"\n\nHarga \xff\xfe naik.", 200),
        ("healthz", "GET", "/healthz", None, None, 200),
        ("readyz", "GET", "/readyz", None, None, 200),
        ("metrics", "GET", "/metrics", None, None, 200),
        ("openapi", "GET", "/openapi.yaml", None, None, 200),
        # errors
        ("empty-body", "POST", "/v1/normalize", text, b"", 400),
        ("broken-json", "POST", "/v1/normalize", js, '{"text": "a"', 400),
        ("json-wrong-type", "POST", "/v1/normalize", js, '{"text": 5}', 400),
        ("json-array", "POST", "/v1/normalize", js, "[]", 400),
        ("json-two-inputs", "POST", "/v1/normalize", js,
         '{"text":"a","url":"b"}', 400),
        ("json-unknown-member", "POST", "/v1/normalize", js,
         '{"text":"a","colour":1}', 400),
        ("json-invalid-utf8", "POST", "/v1/normalize", js,
         b'{"text":"a \xff b"}', 400),
        ("json-too-deep", "POST", "/v1/normalize", js,
         '{"text":"a","options":' + "[" * 40 + "]" * 40 + "}", 400),
        ("format-xml", "POST", "/v1/normalize?format=xml", text, seed, 400),
        ("unknown-option", "POST", "/v1/normalize?colour=red", text, seed,
         400),
        ("get-without-url", "GET", "/v1/normalize", None, None, 400),
        ("url-get", "GET", "/v1/normalize?url=http%3A" + q("%2Farticle.html"),
         None, None, 200),
        ("url-json", "POST", "/v1/normalize?explain=true", js,
         json.dumps({"url": f"http://127.0.0.1:{up}/article.html"}), 200),
        ("url-blocked", "GET",
         "/v1/normalize?url=http%3A%2F%2F127.0.0.2%3A1%2Fa", None, None,
         403),
        ("url-upstream-error", "GET",
         "/v1/normalize?url=http%3A" + q("%2Fbroken"), None, None, 502),
        ("url-too-large", "GET", "/v1/normalize?url=http%3A" + q("%2Fbig"),
         None, None, 502),
        ("url-timeout", "GET", "/v1/normalize?url=http%3A" + q("%2Fslow"),
         None, None, 504),
        ("url-bad-scheme", "GET",
         "/v1/normalize?url=ftp%3A" + q("%2Fa"), None, None, None),
        ("too-complex", "POST", "/v1/normalize", {"Content-Type": "text/html"},
         complex_page, 422),
        ("pdf", "POST", "/v1/normalize", {"Content-Type": "application/pdf"},
         b"%PDF-1.4", 415),
        ("no-content-type", "POST", "/v1/normalize", {}, seed, 415),
        ("accept-excludes-format", "POST", "/v1/normalize",
         {"Content-Type": "text/plain", "Accept": "text/html"}, seed, 406),
        ("unknown-charset", "POST", "/v1/normalize",
         {"Content-Type": "text/plain; charset=klingon"}, seed, 415),
        ("too-large", "POST", "/v1/normalize", text, big, 413),
        ("empty-html", "POST", "/v1/normalize", {"Content-Type": "text/html"},
         "<html><body><nav>Home</nav></body></html>", None),
        ("unknown-route", "GET", "/v1/nothing", None, None, 404),
        ("delete-normalize", "DELETE", "/v1/normalize", None, None, 405),
        ("post-healthz", "POST", "/healthz", text, "x", 405),
        ("head-healthz", "HEAD", "/healthz", None, None, 200),
        # compression and validators
        ("seed-gzip", "POST", "/v1/normalize",
         {"Content-Type": "text/plain", "Accept-Encoding": "gzip"}, seed,
         200),
        ("playground", "GET", "/", None, None, 200),
        ("playground-gzip", "GET", "/", {"Accept-Encoding": "gzip"}, None,
         200),
        ("playground-304", "GET", "/", {"If-None-Match": "*"}, None, 304),
        ("openapi-304", "GET", "/openapi.yaml", {"If-None-Match": "*"}, None,
         304),
        # the batch
        ("batch", "POST", "/v1/normalize/batch", nd,
         "\n".join([json.dumps({"text": seed}),
                    json.dumps({"text": seed, "options": {"format": "text"}}),
                    json.dumps({"html": html_page,
                                "options": {"format": "ninjs"}}),
                    json.dumps({"url": f"http://127.0.0.1:{up}/article.html",
                                "options": {"format": "jsonld"}}),
                    "", "{not json", json.dumps({"url": "ftp://x/"}),
                    json.dumps({"text": seed})]), 200),
        ("batch-gzip", "POST", "/v1/normalize/batch?explain=true",
         dict(nd, **{"Accept-Encoding": "gzip"}),
         json.dumps({"text": seed}) + "\n", 200),
        ("batch-wrong-type", "POST", "/v1/normalize/batch", js,
         json.dumps({"text": seed}), 415),
        ("batch-not-acceptable", "POST", "/v1/normalize/batch",
         dict(nd, Accept="application/json"), json.dumps({"text": seed}),
         406),
        ("batch-empty", "POST", "/v1/normalize/batch", nd, "\n\n", 400),
        ("batch-too-many-lines", "POST", "/v1/normalize/batch", nd,
         (json.dumps({"text": "a"}) + "\n") * 9, 413),
        ("batch-too-large", "POST", "/v1/normalize/batch", nd, big, 413),
        ("batch-get", "GET", "/v1/normalize/batch", None, None, 405),
    ]


# Slugs no request can reach on purpose: a 500 is a bug.
UNREACHABLE_SLUGS = {"internal-error"}


def check_overload(checker, server, up):
    """--fetch-concurrency 1: a second fetch while a slow one runs is 503
    overloaded."""
    slow = threading.Thread(target=server.request, args=(
        "GET", f"/v1/normalize?url=http%3A%2F%2F127.0.0.1%3A{up}%2Fslow"))
    slow.start()
    time.sleep(0.3)
    url = f"/v1/normalize?url=http%3A%2F%2F127.0.0.1%3A{up}%2Farticle.html"
    try:
        status, hdrs, data = server.request("GET", url)
        checker.check("overloaded", "GET", url, status, hdrs, data, 503)
    except (OSError, http.client.HTTPException) as e:
        checker.fail("overloaded", f"no HTTP exchange: {e}")
    slow.join()


def check_index_down(checker, binary, seed):
    """An unreachable Redis index: /readyz is 503 index-unavailable and
    articles are still normalized."""
    with socket.socket() as sk:  # a port nobody listens on
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
    server = Server(binary, ["--index", f"redis://127.0.0.1:{port}/0"])
    try:
        for name, method, url, headers, body, expect in [
                ("index-down-readyz", "GET", "/readyz", None, None, 503),
                ("index-down-normalize", "POST", "/v1/normalize",
                 {"Content-Type": "text/plain"}, seed.encode(), None)]:
            status, hdrs, data = server.request(method, url, headers, body)
            checker.check(name, method, url, status, hdrs, data, expect)
    finally:
        rc = server.stop()
    if rc != 0:
        checker.fail("index-down", f"server exit status {rc} after SIGTERM")


def check_access(checker, binary):
    """API keys, a rate limit and CORS on: 401 and 429 with their
    headers, the open routes without a key, a preflight 204."""
    import hashlib
    keys = tempfile.NamedTemporaryFile("w", prefix="warta-keys-",
                                       delete=False)
    keys.write("# NAME:SHA256HEX\ndesk:" +
               hashlib.sha256(b"desk-key").hexdigest() + "\n")
    keys.close()
    server = Server(binary, ["--api-keys-file", keys.name,
                             "--rate-limit", "1", "--rate-burst", "1",
                             "--cors-origin", "https://desk.example.com"])
    key = {"Authorization": "Bearer desk-key",
           "Content-Type": "text/plain"}
    try:
        for name, method, url, headers, body, expect in [
                ("no-key", "POST", "/v1/normalize",
                 {"Content-Type": "text/plain"}, b"x", 401),
                ("wrong-key", "GET", "/v1/normalize?url=x",
                 {"X-API-Key": "nope"}, None, 401),
                ("keyed-healthz", "GET", "/healthz", None, None, 200),
                ("keyed-readyz", "GET", "/readyz", None, None, 200),
                ("keyed-metrics", "GET", "/metrics", None, None, 200),
                ("keyed-openapi", "GET", "/openapi.yaml", None, None, 200),
                ("preflight", "OPTIONS", "/v1/normalize",
                 {"Origin": "https://desk.example.com",
                  "Access-Control-Request-Method": "POST"}, None, 204),
                ("keyed-first", "POST", "/v1/normalize", key, b"", 400),
                ("keyed-second", "POST", "/v1/normalize", key, b"", 429)]:
            status, hdrs, data = server.request(method, url, headers, body)
            checker.check(name, method, url, status, hdrs, data, expect)
    finally:
        rc = server.stop()
        os.unlink(keys.name)
    if rc != 0:
        checker.fail("access", f"server exit status {rc} after SIGTERM")


def check_coverage(checker):
    """Like yyjson's test_err_code.c: every problem type is reached by
    some request, apart from the ones no request can reach."""
    enum = set(checker.spec["components"]["schemas"]["ProblemType"]["enum"])
    missing = sorted(enum - checker.slugs_seen - UNREACHABLE_SLUGS)
    if missing:
        checker.fail("coverage", f"no case reaches {', '.join(missing)}")
    else:
        checker.checked += 1
        print(f"ok coverage: {len(checker.slugs_seen)} problem types reached"
              f" (not reachable by design: "
              f"{', '.join(sorted(UNREACHABLE_SLUGS))})")


def main():
    spec_path = os.path.join(ROOT, "openapi.yaml")
    with open(spec_path, "rb") as f:
        spec_bytes = f.read()
    spec = yaml.safe_load(spec_bytes)
    checker = Checker(spec)
    check_refs(checker)
    check_slugs(checker)

    binary = os.environ.get("WARTA_BIN") or "build/san/warta"
    if not os.path.isabs(binary) and not os.path.exists(binary):
        binary = os.path.join(ROOT, binary)
    shared = os.environ.get("WARTA_SHARED") or os.path.join(ROOT, "../shared")
    if not os.path.isabs(shared) and not os.path.isdir(shared):
        shared = os.path.join(ROOT, shared)
    check_design(checker, shared)
    with open(os.path.join(shared, "seeds/antara-asean-2023.txt"),
              encoding="utf-8") as f:
        seed = f.read()

    html_page = ("<!doctype html><html><head><title>Sekjen ASEAN</title>"
                 "</head><body><nav><a href='/'>Beranda</a></nav><article>"
                 + "".join(f"<p>{p}</p>" for p in seed.split("\n") if p)
                 + "</article></body></html>")
    upstream = start_upstream(html_page)
    server = Server(binary, [
        "--max-body", "65536", "--max-json-depth", "16",
        "--max-html-nodes", "1000",
        "--fetch-allow-cidr", "127.0.0.1/32", "--fetch-timeout", "1s",
        "--fetch-max-bytes", "64KiB", "--fetch-concurrency", "1",
        "--batch-max-lines", "8"])
    try:
        for name, method, url, headers, body, expect in cases(
                seed, upstream.server_address[1]):
            if isinstance(body, str):
                body = body.encode("utf-8")
            try:
                status, hdrs, data = server.request(method, url, headers, body)
            except (OSError, http.client.HTTPException) as e:
                checker.fail(name, f"no HTTP exchange: {e}")
                continue
            if method == "HEAD":
                # No body to validate; status and headers still count.
                if status != 200 or "x-request-id" not in hdrs:
                    checker.fail(name, f"HEAD answered {status}")
                else:
                    checker.checked += 1
                    print(f"ok {name}: HEAD {url} -> {status}")
                continue
            checker.check(name, method, url, status, hdrs, data, expect)
            if name == "openapi" and status == 200 and data != spec_bytes:
                checker.fail(name, "GET /openapi.yaml differs from "
                                   "openapi.yaml: the binary is stale")
            if name == "seed-text-native" and status == 200:
                self_test(checker, json.loads(data))
        check_overload(checker, server, upstream.server_address[1])
    finally:
        rc = server.stop()
    try:
        check_index_down(checker, binary, seed)
        check_access(checker, binary)
    finally:
        upstream.shutdown()
    check_coverage(checker)
    log = server.log_text()
    if rc != 0:
        checker.fail("server", f"exit status {rc} after SIGTERM")
    if ("ERROR: AddressSanitizer" in log or "ERROR: LeakSanitizer" in log
            or "runtime error:" in log):
        checker.fail("server", "sanitizer report in the server log")
    if checker.failures:
        print(f"server log {server.log.name}:\n{log[-4000:]}")
        print(f"check_openapi: {len(checker.failures)} failure(s), "
              f"{checker.checked} valid")
        return 1
    os.unlink(server.log.name)
    print(f"check_openapi: {checker.checked} responses valid against "
          f"openapi.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
