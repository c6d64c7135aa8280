#!/usr/bin/env bash
# make test-container: builds the images, runs the stack of
# docker/docker-compose.yml under podman (nginx, two Warta replicas, one
# Redis) and checks it through nginx. Traffic stays on this machine: the
# containers talk inside a podman network this script creates, the host
# reaches nginx (and one standalone container) on 127.0.0.1 only.
#
# The stack is started with `podman run`, one call per compose service
# with the same image, command, environment and volumes (podman-compose
# is not in Debian 12's podman, and a script shows each step when one
# fails). Everything is removed on exit, also on failure or Ctrl-C.
#
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/podman-env.sh"
cd "$repo"
SHARED=${WARTA_SHARED:-${SHARED:-../shared}}

t0=$(date +%s)
pass=0
fail=0
ok() { echo "ok    $1"; pass=$((pass + 1)); }
bad() { echo "FAIL  $1${2:+: $2}"; fail=$((fail + 1)); }
finish() {
    echo "test-container: $(($(date +%s) - t0)) s"
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}

P=warta-ct-$$
octet=$((($$ % 200) + 20))
net=$P-net
subnet=10.213.$octet.0/24
nginx_ip=10.213.$octet.10
tmp=$(mktemp -d)
containers=("$P-nginx" "$P-warta-1" "$P-warta-2" "$P-redis" "$P-ro")
volumes=("$P-redis-data" "$P-w1" "$P-w2" "$P-ro-data")

cleanup() {
    if [ "$fail" -gt 0 ] && [ -d "$tmp" ]; then
        for c in "${containers[@]}"; do
            podman logs "$c" >"$tmp/$c.log" 2>&1 || true
        done
        mkdir -p build/test-logs/container
        cp "$tmp"/*.log "$tmp/podman.err" build/test-logs/container/ 2>/dev/null || true
        echo "test-container: container logs in build/test-logs/container/"
    fi
    podman rm -f -t 0 "${containers[@]}" >/dev/null 2>&1
    podman volume rm -f "${volumes[@]}" >/dev/null 2>&1
    podman network rm -f "$net" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'bad interrupted; finish' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- images -----------------------------------------------------------------
if ! bash tests/container/build.sh --stack; then
    bad "images build"
    finish
fi
ok "images build (warta, test redis, test nginx)"

size=$(podman image inspect warta:latest --format '{{.Size}}')
[ "$size" -lt 200000000 ] && ok "warta:latest is $((size / 1000000)) MB (< 200 MB)" ||
    bad "warta:latest size" "$size bytes"
user=$(podman image inspect warta:latest --format '{{.Config.User}}')
uid=$(podman run --rm --entrypoint /usr/bin/id warta:latest -u 2>/dev/null)
[ "$user" = "warta:warta" ] && [ "$uid" = 10001 ] && ok "runs as non-root (uid $uid)" ||
    bad "non-root" "User '$user', uid '$uid'"
hc=$(podman image inspect warta:latest --format '{{.Config.Healthcheck.Test}}' 2>/dev/null)
case "$hc" in
*warta*healthcheck*) ok "HEALTHCHECK is warta healthcheck (/healthz)" ;;
*) bad "HEALTHCHECK" "'$hc'" ;;
esac

# ---- articles ---------------------------------------------------------------
body() {
    cat <<TXT
$1

JAKARTA (ANTARA) - Badan Penanggulangan Bencana Daerah (BPBD) DKI Jakarta mencatat sebanyak 47 rukun tetangga (RT) di wilayah Jakarta Timur dan Jakarta Selatan terendam banjir pada Senin pagi setelah hujan deras mengguyur ibu kota sejak Minggu malam.

Kepala Pelaksana BPBD DKI Jakarta Isnawa Adji mengatakan ketinggian air di permukiman warga bervariasi antara 30 sentimeter hingga 1,2 meter. Genangan paling parah terjadi di Kelurahan Kampung Melayu, Bidara Cina dan Cawang yang berada di bantaran Sungai Ciliwung.

Menurut dia, sebanyak 312 warga $2 mengungsi ke masjid, sekolah dan balai warga terdekat. BPBD bersama Dinas Sosial telah mendirikan dapur umum dan menyalurkan makanan siap saji, selimut serta air bersih kepada para pengungsi.

Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan hujan dengan intensitas sedang hingga lebat masih akan turun di Jabodetabek hingga tiga hari ke depan. Warga yang tinggal di bantaran sungai diminta tetap waspada dan segera melapor ke nomor darurat $3.
TXT
}
body "Banjir rendam 47 RT di Jakarta Timur dan Selatan" "terpaksa" 112 >"$tmp/a.txt"
body "Puluhan RT di Jakarta terendam, ratusan warga mengungsi" "harus" 112 >"$tmp/a2.txt"
body "Banjir kembali rendam permukiman di Jakarta" "terpaksa" 113 >"$tmp/c.txt"
body "Hujan deras, warga Jakarta kembali mengungsi" "harus" 113 >"$tmp/c2.txt"

# POST FILE through a base URL; prints the status, saves body and headers.
post() { # base file out [curl args...]; $QS is appended to the path
    local base=$1 file=$2 out=$3
    shift 3
    curl -s -m 40 -o "$out" -D "$out.h" -w '%{http_code}' -H 'Content-Type: text/plain' \
        --data-binary @"$file" "$@" "$base/v1/normalize${QS:-}" 2>/dev/null
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@" 2>/dev/null; }
header() { tr -d '\r' <"$1.h" | sed -n "s/^$2: //Ip" | tail -n1; }
wait_for() { # seconds command...
    local n=$1
    shift
    for _ in $(seq $((n * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    return 1
}

# ---- one container, read-only root ------------------------------------------
ro_port=$(free_port)
podman volume create "$P-ro-data" >/dev/null
podman run -d --name "$P-ro" --read-only -v "$P-ro-data:/var/lib/warta" \
    -p "127.0.0.1:$ro_port:8080" warta:latest >/dev/null 2>>"$tmp/podman.err"
if wait_for 30 curl -sf "http://127.0.0.1:$ro_port/readyz"; then
    s1=$(post "http://127.0.0.1:$ro_port" "$tmp/a.txt" "$tmp/ro1")
    s2=$(post "http://127.0.0.1:$ro_port" "$tmp/a2.txt" "$tmp/ro2")
    near=$(json "$tmp/ro2" "len(d['dedupe']['near_duplicates'])")
    if [ "$s1" = 200 ] && [ "$s2" = 200 ] && [ "${near:-0}" -ge 1 ] &&
        ! podman exec "$P-ro" sh -c 'echo x >/usr/local/bin/x' 2>/dev/null; then
        ok "read-only root filesystem: serves, SQLite index on the volume, / not writable"
    else
        bad "read-only root" "statuses $s1 $s2, near duplicates '${near}'"
    fi
    podman healthcheck run "$P-ro" >/dev/null 2>&1 && ok "podman healthcheck run: healthy" ||
        bad "podman healthcheck run"
else
    bad "read-only container did not become ready" "$(tail -n 3 "$tmp/podman.err")"
fi
podman rm -f -t 0 "$P-ro" >/dev/null 2>&1

# ---- the stack --------------------------------------------------------------
compose=docker/docker-compose.yml
# The compose file's own settings, so this test runs what it describes.
redis_cmd=$(python3 -c 'import sys,yaml; print(" ".join(yaml.safe_load(open(sys.argv[1]))["services"]["redis"]["command"]))' $compose)
mapfile -t warta_env < <(python3 -c '
import sys, yaml
env = yaml.safe_load(open(sys.argv[1]))["services"]["warta-1"]["environment"]
for k, v in env.items():
    if k != "WARTA_TRUSTED_PROXY":  # the address nginx has in this network
        print(f"{k}={v}")' $compose)
env_args=()
for e in "${warta_env[@]}"; do env_args+=(-e "$e"); done

podman network create --subnet "$subnet" "$net" >/dev/null || { bad "network create"; finish; }
for v in "$P-redis-data" "$P-w1" "$P-w2"; do podman volume create "$v" >/dev/null; done
# The Debian package's redis-server has protected mode on without a config
# file; the official image turns it off. Same otherwise.
# shellcheck disable=SC2086
podman run -d --name "$P-redis" --network "$net" --network-alias redis \
    -v "$P-redis-data:/data" warta-test-redis:latest $redis_cmd --protected-mode no \
    >/dev/null 2>>"$tmp/podman.err"
start_warta() { # n
    podman run -d --name "$P-warta-$1" --network "$net" --network-alias "warta-$1" \
        --read-only -v "$P-w$1:/var/lib/warta" "${env_args[@]}" \
        -e "WARTA_TRUSTED_PROXY=$nginx_ip/32" warta:latest >/dev/null 2>>"$tmp/podman.err"
}
start_warta 1
start_warta 2
port=$(free_port)
podman run -d --name "$P-nginx" --network "$net" --ip "$nginx_ip" \
    -v "$repo/docker/nginx.conf:/etc/nginx/nginx.conf:ro" \
    -p "127.0.0.1:$port:80" warta-test-nginx:latest >/dev/null 2>>"$tmp/podman.err"
base=http://127.0.0.1:$port

if wait_for 60 curl -sf "$base/readyz"; then
    ok "stack up: nginx answers /readyz (both replicas see Redis)"
else
    bad "stack did not become ready" "$(podman ps -a --filter name=$P --format '{{.Names}} {{.Status}}' | tr '\n' ';')"
    finish
fi

# Seed: normalized through nginx as the acceptance file says.
st=$(post "$base" "$SHARED/seeds/antara-asean-2023.txt" "$tmp/seed")
want=$(json "$SHARED/acceptance/antara-asean-2023.expected.json" "d['title']")
got=$(json "$tmp/seed" "d['title']")
[ "$st" = 200 ] && [ -n "$want" ] && [ "$got" = "$want" ] &&
    ok "seed normalized through nginx (title '$got')" || bad "seed" "status $st, title '$got'"

# Which replica logged a request id (the access line is flushed within 1 s).
replica_of() {
    for _ in $(seq 30); do
        for n in 1 2; do
            podman logs "$P-warta-$n" 2>&1 | grep -q "\"request_id\":\"$1\"" && { echo "$n"; return; }
        done
        sleep 0.2
    done
}

# Near duplicate across replicas: A remembered by one, A2 asked on the other.
post "$base" "$tmp/a.txt" "$tmp/a" -H "X-Request-Id: ct-a-$$" >/dev/null
first=$(replica_of "ct-a-$$")
aid=$(json "$tmp/a" "d['id']")
other=""
for i in 1 2 3 4 5 6; do
    QS=?remember=false post "$base" "$tmp/a2.txt" "$tmp/a2" -H "X-Request-Id: ct-a2-$$-$i" >/dev/null
    r=$(replica_of "ct-a2-$$-$i")
    if [ -n "$r" ] && [ "$r" != "$first" ]; then other=$r; break; fi
done
near_ids=$(json "$tmp/a2" "' '.join(x['id'] for x in d['dedupe']['near_duplicates'])")
if [ -n "$first" ] && [ -n "$other" ] && [ -n "$aid" ] && [[ " $near_ids " == *" $aid "* ]]; then
    ok "posted to warta-$first, reported as a near duplicate by warta-$other"
else
    bad "near duplicate across replicas" "first '$first', other '$other', id '$aid', near '$near_ids'"
fi

# Request ids: nginx makes one when the client sends none, and the id the
# client sees is the one in the replica's log (and in nginx's).
post "$base" "$tmp/a2.txt" "$tmp/rid" >/dev/null
rid=$(header "$tmp/rid" X-Request-Id)
n=$( [ -n "$rid" ] && replica_of "$rid")
if [ -n "$rid" ] && [ -n "$n" ] && podman logs "$P-nginx" 2>/dev/null | grep -q "\"request_id\":\"$rid\""; then
    ok "request id $rid seen by the client is in warta-$n's log and nginx's"
else
    bad "request id" "client saw '$rid', replica '$n'"
fi
QS=?remember=false post "$base" "$tmp/a2.txt" "$tmp/rid2" -H "X-Request-Id: ct-own-$$" >/dev/null
[ "$(header "$tmp/rid2" X-Request-Id)" = "ct-own-$$" ] && [ -n "$(replica_of "ct-own-$$")" ] &&
    ok "a client's own X-Request-Id passes through" || bad "own request id"

# Client address: nginx appends the address it saw to X-Forwarded-For, the
# replica trusts only nginx, so a forged entry never becomes the client.
QS=?remember=false post "$base" "$tmp/a2.txt" "$tmp/xff" -H "X-Request-Id: ct-xff-$$" \
    -H "X-Forwarded-For: 198.51.100.77" >/dev/null
n=$(replica_of "ct-xff-$$")
logged=$(podman logs "$P-warta-${n:-1}" 2>&1 | grep "\"request_id\":\"ct-xff-$$\"" |
    python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["client"])' 2>/dev/null)
seen=$(podman logs "$P-nginx" 2>/dev/null | grep "\"request_id\":\"ct-xff-$$\"" |
    python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["remote_addr"])' 2>/dev/null)
if [ -n "$seen" ] && [ "$logged" = "$seen" ]; then
    ok "client address in the replica's log ($logged) is the one nginx saw; forged X-Forwarded-For ignored"
else
    bad "client address" "replica logged '$logged', nginx saw '$seen'"
fi

# Stopping one replica under load: every request still answered 200
# (nginx retries what the stopping replica refuses), and the replica
# drains and exits 0.
: >"$tmp/load"
n_load=600
seq $n_load | xargs -P 4 -I{} sh -c \
    'curl -s -m 40 -o /dev/null -w "%{http_code}\n" -H "Content-Type: text/plain" --data-binary @"$1" "$2/v1/normalize?remember=false" >>"$3"' \
    _ "$tmp/a2.txt" "$base" "$tmp/load" &
load_pid=$!
# Stop once the load is well under way, and check it was still running
# when the replica had gone: otherwise the check proves nothing.
load_count_ge() { [ "$(wc -l <"$tmp/load")" -ge "$1" ]; }
wait_for 60 load_count_ge 60
before=$(wc -l <"$tmp/load")
stop_start=$(date +%s)
podman stop -t 40 "$P-warta-1" >/dev/null 2>&1
stop_secs=$(($(date +%s) - stop_start))
after=$(wc -l <"$tmp/load")
wait "$load_pid"
total=$(wc -l <"$tmp/load")
good=$(grep -c '^200$' "$tmp/load")
if [ "$total" = $n_load ] && [ "$good" = $n_load ] && [ "$after" -lt $n_load ]; then
    ok "warta-1 stopped mid-load (after $before answers, load still running when it had gone): $good of $n_load answered 200"
else
    bad "stop under load" "$good of $total answered 200 ($before before the stop, $after when it ended): $(sort "$tmp/load" | uniq -c | tr '\n' ' ')"
fi
code=$(podman inspect "$P-warta-1" --format '{{.State.ExitCode}}')
log1=$(podman logs "$P-warta-1" 2>&1)
if [ "$code" = 0 ] && grep -q '"event":"draining"' <<<"$log1" && grep -q '"event":"stopped"' <<<"$log1"; then
    ok "podman stop: warta-1 drained and exited 0 in ${stop_secs}s"
else
    bad "podman stop" "exit code '$code' after ${stop_secs}s"
fi
podman start "$P-warta-1" >/dev/null 2>>"$tmp/podman.err"

# The index survives a Redis restart (append-only file on the volume).
post "$base" "$tmp/c.txt" "$tmp/c" >/dev/null
cid=$(json "$tmp/c" "d['id']")
podman restart -t 20 "$P-redis" >/dev/null 2>>"$tmp/podman.err"
if wait_for 60 curl -sf "$base/readyz"; then
    QS=?remember=false post "$base" "$tmp/c2.txt" "$tmp/c2" >/dev/null
    near_ids=$(json "$tmp/c2" "' '.join(x['id'] for x in d['dedupe']['near_duplicates'])")
    [ -n "$cid" ] && [[ " $near_ids " == *" $cid "* ]] &&
        ok "the index survived a Redis restart" || bad "Redis restart" "id '$cid', near '$near_ids'"
else
    bad "Redis restart: not ready again within 60 s"
fi

finish
