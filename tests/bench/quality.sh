#!/bin/sh
# make bench-quality: article-body F1 on the ScrapingHub benchmark.
#
#   sh tests/bench/quality.sh WARTA_BIN BENCH_DIR
#
# Runs one `warta normalize --html --index none` process over every page
# (pages are gunzipped to a temp folder first; the order of the inputs is
# the order of the output lines), keeps each article's "text" field as the
# page's articleBody, and prints the scorer's F1, precision and recall.
# A page warta rejects (a problem instead of an article) scores as empty.
set -eu
bin=${1:?usage: quality.sh WARTA_BIN BENCH_DIR}
bench=${2:?usage: quality.sh WARTA_BIN BENCH_DIR}
python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

: > "$tmp/ids"
for f in "$bench"/scrapinghub/html/*.html.gz; do
    id=$(basename "$f" .html.gz)
    gzip -dc "$f" > "$tmp/$id.html"
    echo "$id" >> "$tmp/ids"
done

# One process, many inputs: xargs would split the list, so pass it whole.
set --
while read -r id; do set -- "$@" "$tmp/$id.html"; done < "$tmp/ids"
"$bin" normalize --html --index none --log-level error "$@" > "$tmp/out.ndjson" || true

"$python" - "$tmp/ids" "$tmp/out.ndjson" "$tmp/pred.json" <<'PY'
import json, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
if len(lines) != len(ids):
    sys.exit("quality.sh: %d pages but %d output lines" % (len(ids), len(lines)))
pred = {}
for page_id, line in zip(ids, lines):
    doc = json.loads(line)
    pred[page_id] = {"articleBody": doc.get("text") or ""}
json.dump(pred, open(sys.argv[3], "w"), ensure_ascii=False)
PY

"$python" "$bench/evaluate.py" "$tmp/pred.json" --json > "$tmp/score.json"
"$python" - "$tmp/score.json" <<'PY'
import json, sys
s = next(iter(json.load(open(sys.argv[1])).values()))
print("bench-quality (ScrapingHub article body, %d pages)" % s.get("pages", 181))
print("  F1        %.3f ± %.3f" % (s["f1"], s["f1_std"]))
print("  precision %.3f ± %.3f" % (s["precision"], s["precision_std"]))
print("  recall    %.3f ± %.3f" % (s["recall"], s["recall_std"]))
print("  accuracy  %.3f" % s["accuracy"])
PY
