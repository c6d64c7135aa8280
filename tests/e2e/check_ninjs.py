#!/usr/bin/python3
"""Validates real `--format ninjs` output against the IPTC ninjs 2.1 schema.

Runs `$WARTA_BIN normalize --format ninjs --index none SEED` on the seed
article and validates the result against ninjs-schema_2.1.json, read from
$WARTA_SHARED/schemas/ninjs (never copied into the repo, so a schema update
there is what we test against). The schema's `format` keywords are checked
too: python3-jsonschema skips `date-time` and `uri` without optional
modules, so both are checked here with RFC 3339 / RFC 3986 shapes.

It also checks that ninjs and JSON-LD say the same as the native article
for the same input (title, body, language, people), so a format cannot
silently drop what the pipeline found, and validates the ninjs of a few
real HTML pages from $WARTA_SHARED/bench/scrapinghub/html (images, links
and dates from markup reach more of the schema than plain text does).

Prints one "ok ..." line per passed check; exits non-zero on the first
failure with the reason. Needs /usr/bin/python3 with python3-jsonschema.
"""
import glob
import gzip
import json
import os
import tempfile
import re
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("WARTA_BIN", os.path.join(ROOT, "build/san/warta"))
SHARED = os.environ.get("WARTA_SHARED", os.path.join(ROOT, "..", "shared"))
SCHEMA_DIR = os.path.join(SHARED, "schemas", "ninjs")
SEED = os.path.join(SHARED, "seeds", "antara-asean-2023.txt")
HTML_DIR = os.path.join(SHARED, "bench", "scrapinghub", "html")
HTML_PAGES = 8

# RFC 3339 date-time (section 5.6), the meaning of JSON Schema "date-time".
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# An absolute URI: a scheme, then no spaces or control characters.
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]*$")


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def run(fmt):
    cmd = [BIN, "normalize", "--format", fmt, "--index", "none", SEED]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        fail("%s: %s" % (" ".join(cmd), e))
    if p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                   p.stderr.decode("utf-8", "replace")[-2000:]))
    lines = p.stdout.decode("utf-8").splitlines()
    if len(lines) != 1:
        fail("--format %s printed %d lines, expected one article" % (fmt, len(lines)))
    return json.loads(lines[0])


def validator():
    with open(os.path.join(SCHEMA_DIR, "ninjs-schema_2.1.json"), encoding="utf-8") as f:
        schema = json.load(f)
    store = {}
    # The schema refers to GeoJSON by URL; resolve it from the local copy
    # so the check never touches the network.
    with open(os.path.join(SCHEMA_DIR, "GeoJSON-schema.json"), encoding="utf-8") as f:
        geo = json.load(f)
    store[geo["$id"]] = geo
    store[schema["$id"].rstrip("#")] = schema
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time")
    def _date_time(value):
        return not isinstance(value, str) or bool(DATE_TIME.match(value))

    @checker.checks("uri")
    def _uri(value):
        return not isinstance(value, str) or bool(URI.match(value))

    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, resolver=resolver, format_checker=checker)


def check_html_pages(v):
    pages = sorted(glob.glob(os.path.join(HTML_DIR, "*.html.gz")))[:HTML_PAGES]
    if not pages:
        print("ok no HTML pages in %s; HTML check skipped" % HTML_DIR)
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for gz in pages:
            path = os.path.join(tmp, os.path.basename(gz)[:-3])
            with gzip.open(gz, "rb") as src, open(path, "wb") as dst:
                dst.write(src.read())
            paths.append(path)
        cmd = [BIN, "normalize", "--html", "--format", "ninjs", "--index", "none"] + paths
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as e:
            fail("%s: %s" % (cmd[0], e))
        # 1 = some input had no article (its line is a problem object).
        if p.returncode not in (0, 1):
            fail("normalize --html exited %d: %s" % (
                p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
        lines = p.stdout.decode("utf-8").splitlines()
        if len(lines) != len(paths):
            fail("normalize --html printed %d lines for %d pages" % (len(lines), len(paths)))
    valid = 0
    for path, line in zip(paths, lines):
        doc = json.loads(line)
        if "uri" not in doc and "status" in doc:
            continue  # a problem object: nothing to validate
        errors = list(v.iter_errors(doc))
        if errors:
            for e in errors[:10]:
                print("  at /%s: %s" % ("/".join(str(x) for x in e.absolute_path), e.message))
            fail("ninjs of %s is not valid ninjs 2.1" % os.path.basename(path))
        valid += 1
    print("ok ninjs of %d/%d HTML pages validates (the others had no article)"
          % (valid, len(paths)))


def by_role(items, role):
    for it in items or []:
        if it.get("role") == role:
            return it.get("value")
    return None


def main():
    if not os.path.isfile(SEED):
        fail("seed missing: " + SEED)
    v = validator()
    ninjs = run("ninjs")
    errors = sorted(v.iter_errors(ninjs), key=lambda e: list(e.absolute_path))
    if errors:
        for e in errors[:10]:
            print("  at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message))
        fail("ninjs output of the seed is not valid ninjs 2.1 (%d errors)" % len(errors))
    print("ok ninjs output of the seed validates against ninjs-schema_2.1.json")
    check_html_pages(v)

    native = run("native")
    checks = [
        ("uri", ninjs.get("uri", "").startswith("urn:warta:"), ninjs.get("uri")),
        ("type", ninjs.get("type") == "text", ninjs.get("type")),
        ("headline", by_role(ninjs.get("headlines"), "main") == native["title"],
         (by_role(ninjs.get("headlines"), "main"), native["title"])),
        ("body", by_role(ninjs.get("bodies"), "main") == native["text"],
         "bodies[main] differs from the native text"),
        ("language", ninjs.get("language") == native["language"],
         (ninjs.get("language"), native["language"])),
        ("people", [p["name"] for p in ninjs.get("people", []) if p.get("rel") == "author"]
         == native["authors"], (ninjs.get("people"), native["authors"])),
        ("located", ninjs.get("located") == native["dateline"]["location"],
         (ninjs.get("located"), native["dateline"]["location"])),
    ]
    if native["published_at"] and DATE_TIME.match(native["published_at"]):
        checks.append(("firstcreated", ninjs.get("firstcreated") == native["published_at"],
                       (ninjs.get("firstcreated"), native["published_at"])))
    for name, good, got in checks:
        if not good:
            fail("ninjs %s does not match the native article: %r" % (name, got))
        print("ok ninjs %s matches the native article" % name)

    ld = run("jsonld")
    ld_checks = [
        ("@type", ld.get("@type") == "NewsArticle", ld.get("@type")),
        ("headline", ld.get("headline") == native["title"], ld.get("headline")),
        ("articleBody", ld.get("articleBody") == native["text"], "articleBody differs"),
        ("author", [a["name"] for a in ld.get("author", [])] == native["authors"],
         ld.get("author")),
        ("no nulls", all(val is not None for val in ld.values()), ld),
    ]
    for name, good, got in ld_checks:
        if not good:
            fail("jsonld %s does not match the native article: %r" % (name, got))
        print("ok jsonld %s matches the native article" % name)


if __name__ == "__main__":
    main()
