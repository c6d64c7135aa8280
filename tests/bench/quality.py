#!/usr/bin/python3
"""make bench-quality: article-body F1 on every dataset of ../shared/bench.

    quality.py --warta BIN --bench DIR [--out DIR] [DATASET ...]

For each dataset (default: all six) the pages are gunzipped to a temporary
folder and given to `warta normalize --html --index none` (one process for
the whole dataset unless the command line would be too long; the output
lines come in input order). Each article's
"text" is the page's articleBody; a page warta rejects (a problem object
instead of an article) scores as empty. evaluate.py scores the body, and for
fundus evaluate_meta.py scores title / authors / published_at against
headline / authors / datePublished.

Beside each dataset it prints the best peer from the table "Peers and Warta
on every dataset" of DIR/README.md, read at run time so the peers' figures
live in one place, and the target: best peer + 0.02, capped at 0.97.

--out DIR keeps the predictions and the scorers' per-page JSON there and
lists the five pages with the lowest F1 of each dataset.
Standard library only (python3 of Debian 12).
"""
import argparse
import collections
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

DATASETS = ["scrapinghub", "dragnet", "cleaneval", "l3s-gn1", "cleanportaleval", "fundus"]
META_DATASET = "fundus"
PEER_SECTION = "## Peers and Warta on every dataset"
TARGET_MARGIN, TARGET_CAP = 0.02, 0.97
WORST_PAGES = 5


class BenchError(Exception):
    pass


def read_peers(readme):
    """{dataset: (best peer name, F1)} from the README's peer table, or {}."""
    try:
        with open(readme, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return {}
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith(PEER_SECTION))
    except StopIteration:
        return {}
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif rows:
            break
    if len(rows) < 3:
        return {}
    header = rows[0]
    # Every column but the dataset, "best peer" and "Warta" is a peer, so a
    # peer added to the table is picked up without a change here.
    peer_cols = [i for i, h in enumerate(header)
                 if i > 0 and h.lower() not in ("best peer", "warta")]
    peers = {}
    for row in rows[2:]:
        if not row or not row[0]:
            continue
        name = row[0].split()[0].strip("`")  # "fundus (body)" -> "fundus"
        scores = []
        for i in peer_cols:
            try:
                scores.append((float(row[i].strip("* ")), header[i]))
            except (IndexError, ValueError):
                pass
        if scores:
            f1, peer = max(scores, key=lambda s: s[0])
            peers[name] = (peer, f1)
    return peers


def gunzip_pages(html_dir, dest):
    """Writes the pages as dest/N.html; returns [(id, path)] sorted by id.

    Numbered names keep the command line short (dragnet has 1379 pages)."""
    names = sorted(n for n in os.listdir(html_dir) if n.endswith(".html.gz"))
    pages = []
    for n, name in enumerate(names):
        path = os.path.join(dest, "%d.html" % n)
        with gzip.open(os.path.join(html_dir, name), "rb") as src, open(path, "wb") as out:
            out.write(src.read())
        pages.append((name[:-len(".html.gz")], path))
    return pages


def argv_chunks(paths, fixed):
    """Splits the inputs so that no command line comes near ARG_MAX."""
    budget = os.sysconf("SC_ARG_MAX") // 4 - sum(len(a) + 1 for a in fixed)
    chunk, size = [], 0
    for p in paths:
        if chunk and size + len(p) + 1 > budget:
            yield chunk
            chunk, size = [], 0
        chunk.append(p)
        size += len(p) + 1
    if chunk:
        yield chunk


def run_warta(warta, paths):
    """Returns (output lines, stderr lines, wall seconds of the warta processes)."""
    fixed = [warta, "normalize", "--html", "--index", "none", "--log-level", "error", "--"]
    out, err, seconds = [], [], 0.0
    for chunk in argv_chunks(paths, fixed):
        t0 = time.perf_counter()
        proc = subprocess.run(fixed + chunk, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seconds += time.perf_counter() - t0
        err += proc.stderr.decode("utf-8", "replace").splitlines()
        # 1 means "an input failed", and that input has its problem line.
        if proc.returncode not in (0, 1):
            raise BenchError("warta exited with status %d: %s"
                             % (proc.returncode, " | ".join(err[-3:])))
        out += proc.stdout.decode("utf-8").splitlines()
    if len(out) != len(paths):
        raise BenchError("%d pages but %d output lines" % (len(paths), len(out)))
    return out, err, seconds


def score(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise BenchError("%s failed: %s" % (os.path.basename(cmd[1]), proc.stderr.strip()))
    # Both scorers key their figures by the prediction file's name.
    return next(iter(json.loads(proc.stdout).values()))


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)


def page_f1(p):
    prec, rec = p.get("precision") or 0.0, p.get("recall") or 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def run_dataset(name, args, tmp, keep):
    """Runs and scores one dataset; returns its result dict."""
    data = os.path.join(args.bench, name)
    truth_path = os.path.join(data, "ground-truth.json")
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    pages_dir = os.path.join(tmp, name)
    os.mkdir(pages_dir)
    pages = gunzip_pages(os.path.join(data, "html"), pages_dir)
    if {i for i, _ in pages} != set(truth):
        raise BenchError("the page ids in html/ differ from ground-truth.json")

    lines, stderr, seconds = run_warta(args.warta, [p for _, p in pages])
    body, meta, problems = {}, {}, {}
    for (page_id, _), line in zip(pages, lines):
        doc = json.loads(line)
        if "text" not in doc:
            problems[page_id] = doc
            doc = {}
        body[page_id] = {"articleBody": doc.get("text") or ""}
        meta[page_id] = {"headline": doc.get("title"), "authors": doc.get("authors") or [],
                         "datePublished": doc.get("published_at")}
    for path in [p for _, p in pages]:
        os.unlink(path)

    out = keep or tmp
    pred_path = os.path.join(out, name + ".preds.json")
    write_json(pred_path, body)
    cmd = [args.python, os.path.join(args.bench, "evaluate.py"),
           "--ground-truth", truth_path, pred_path, "--json"]
    result = {"name": name, "pages": len(pages), "seconds": seconds,
              "problems": problems, "stderr": stderr,
              "body": score(cmd + (["--per-page"] if keep else []))}
    if keep:
        write_json(os.path.join(keep, name + ".scores.json"), result["body"])
        if problems:
            write_json(os.path.join(keep, name + ".problems.json"), problems)
        if stderr:
            with open(os.path.join(keep, name + ".stderr"), "w", encoding="utf-8") as f:
                f.write("\n".join(stderr) + "\n")
    if name == META_DATASET:
        meta_path = os.path.join(out, name + ".meta.preds.json")
        write_json(meta_path, meta)
        cmd = [args.python, os.path.join(args.bench, "evaluate_meta.py"),
               "--ground-truth", truth_path, meta_path, "--json"]
        result["meta"] = score(cmd + (["--misses"] if keep else []))
        if keep:
            write_json(os.path.join(keep, name + ".meta.scores.json"), result["meta"])
    return result


def fmt_peer(name, f1, peers):
    """Best peer, its F1, the target and whether F1 meets it, or dashes."""
    if name not in peers:
        return "%-24s %5s  %6s  %s" % ("-", "-", "-", "-")
    peer, best = peers[name]
    target = min(best + TARGET_MARGIN, TARGET_CAP)
    # Compared at the printed precision, so the verdict agrees with the table.
    met = round(f1, 3) >= round(target, 3)
    return "%-24s %5.3f  %6.3f  %s" % (peer[:24], best, target, "yes" if met else "NO")


def report(results, failed, peers, keep, total):
    print("%-16s %6s %8s  %5s %5s %5s   %-24s %5s  %6s  %s"
          % ("dataset", "pages", "seconds", "F1", "P", "R", "best peer", "F1", "target", "met"))
    for r in results:
        b = r["body"]
        print("%-16s %6d %8.1f  %5.3f %5.3f %5.3f   %s"
              % (r["name"], r["pages"], r["seconds"], b["f1"], b["precision"], b["recall"],
                 fmt_peer(r["name"], b["f1"], peers)))
    for name, why in failed:
        print("%-16s FAILED: %s" % (name, why))
    if results:
        mean = sum(r["body"]["f1"] for r in results) / len(results)
        with_peer = [r["name"] for r in results if r["name"] in peers]
        peer_mean = ("%.3f" % (sum(peers[n][1] for n in with_peer) / len(with_peer))
                     if len(with_peer) == len(results) else "-")
        print("%-16s %6d %8.1f  %5.3f   (best peers' mean %s; %d of %d datasets)"
              % ("macro mean", sum(r["pages"] for r in results),
                 sum(r["seconds"] for r in results), mean, peer_mean,
                 len(results), len(DATASETS)))
    for r in results:
        if "meta" in r:
            m = r["meta"]
            print("%s metadata: headline %.3f  authors %.3f  datePublished %.3f"
                  "  (pages with the field: %d / %d / %d)"
                  % (r["name"], m["headline"]["match_rate"], m["authors"]["match_rate"],
                     m["datePublished"]["match_rate"], m["headline"]["n"],
                     m["authors"]["n"], m["datePublished"]["n"]))
    for r in results:
        if r["problems"]:
            kinds = collections.Counter(p.get("type", "?") for p in r["problems"].values())
            print("%s: %d pages rejected, scored as empty (%s)"
                  % (r["name"], len(r["problems"]),
                     ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    for r in results:
        if r["stderr"]:
            print("%s: warta logged %d error lines, the first: %s"
                  % (r["name"], len(r["stderr"]), r["stderr"][0][:200]))
    if keep:
        for r in results:
            # Rejected pages all score 0 and would fill the list; they have
            # their own file with the reason.
            worst = sorted((kv for kv in r["body"]["per_page"].items()
                            if kv[0] not in r["problems"]),
                           key=lambda kv: (page_f1(kv[1]), kv[0]))
            print("%s, lowest F1%s: %s" % (
                r["name"], " (rejected pages aside)" if r["problems"] else "",
                ", ".join("%s %.3f" % (i, page_f1(p)) for i, p in worst[:WORST_PAGES])))
        print("predictions and per-page scores in %s" % keep)
    print("whole run %.1f s" % total)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warta", required=True, help="warta binary")
    ap.add_argument("--bench", required=True, help="the shared bench folder")
    ap.add_argument("--out", default="", help="keep predictions and per-page scores here")
    ap.add_argument("--python", default=sys.executable, help="python for the scorers")
    ap.add_argument("datasets", nargs="*", default=DATASETS, help="default: all six")
    args = ap.parse_args()
    unknown = [d for d in args.datasets if d not in DATASETS]
    if unknown:
        ap.error("unknown dataset(s) %s; known: %s" % (" ".join(unknown), " ".join(DATASETS)))
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    # TemporaryDirectory cleans up on exceptions and Ctrl-C; SIGTERM is
    # turned into SystemExit so that it does too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    t0 = time.perf_counter()
    peers = read_peers(os.path.join(args.bench, "README.md"))
    print("bench-quality: %s on %s (article body: evaluate.py; %s metadata: evaluate_meta.py)"
          % (args.warta, args.bench, META_DATASET))
    results, failed = [], []
    with tempfile.TemporaryDirectory(prefix="warta-quality-") as tmp:
        for name in args.datasets:
            try:
                results.append(run_dataset(name, args, tmp, args.out))
            except (BenchError, OSError, ValueError) as e:
                failed.append((name, str(e)))
    report(results, failed, peers, args.out, time.perf_counter() - t0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
