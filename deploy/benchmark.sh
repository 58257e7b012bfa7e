#!/usr/bin/env bash
# Start-up benchmark: time from process start to /health/ready UP and resident memory (RSS), for one node and for the
# three-node federation, with the dev/test JVM flags and with production flags. Prints the figures and writes
# docs/benchmarks.md. Each node starts against an empty database (first start: migrations + reference data).
#   deploy/benchmark.sh [rounds]   (default 3 rounds per scenario; the median is reported)
source "$(dirname "$0")/lib/common.sh"

ROUNDS="${1:-3}"
PG_NAME=bench
PG_PORT="${CITYOPS_BENCH_PG_PORT:-54349}"
DEV_FLAGS="-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
PROD_FLAGS="${CITYOPS_PROD_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
WORK="$RUN_DIR/bench-nodes"

ensure_packages
for n in national provincial municipal; do
  [ -f "$ROOT/node-$n/target/node-$n.jar" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)
done
pg_start $PG_NAME "$PG_PORT"

now_ms() { date +%s%3N; }
rss_mib() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }

# run_nodes FLAGS LEVEL... : starts the nodes at once, prints "<seconds until all ready> <total RSS MiB>"
run_nodes() {
  local flags=$1; shift
  local pids=() ports=() i=0 level port t0 db
  rm -rf "$WORK"; mkdir -p "$WORK"
  t0=$(now_ms)
  for level in "$@"; do
    db="cityops_bench_$level"
    pg_psql $PG_NAME "$PG_PORT" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null
    pg_create_node_db $PG_NAME "$PG_PORT" "$db" "$db" bench-pass
    port=$((18180 + i)); i=$((i + 1)); ports+=("$port")
    local id="" parent=""
    case $level in provincial) id=140000; parent="http://127.0.0.1:18180";; municipal) id=140600; parent="http://127.0.0.1:18181";; esac
    mkdir -p "$WORK/$level"
    # shellcheck disable=SC2086
    (cd "$WORK/$level" || exit 1; env CITYOPS_NODE_ID="$id" CITYOPS_NODE_PARENT_URL="$parent" \
      CITYOPS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" CITYOPS_DB_USER="$db" CITYOPS_DB_PASSWORD=bench-pass \
      CITYOPS_KEYSTORE_PATH="$WORK/$level/ks.p12" CITYOPS_KEYSTORE_PASSWORD=bench CITYOPS_ADMIN_INITIAL_PASSWORD=Bench-2026-pass \
      java $flags -jar "$ROOT/node-$level/target/node-$level.jar" --port "$port" --nocluster > node.log 2>&1 & echo $! > pid)
    pids+=("$(cat "$WORK/$level/pid")")
  done
  local pending=1
  while [ $pending = 1 ]; do
    pending=0
    for port in "${ports[@]}"; do
      curl -fsS -m 2 "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"status":"UP"' || pending=1
    done
    [ $(( $(now_ms) - t0 )) -gt 300000 ] && { echo "timeout" >&2; break; }
    [ $pending = 1 ] && sleep 0.2
  done
  local t1 rss=0 p
  t1=$(now_ms)
  sleep 2 # let start-up settle before reading memory
  for p in "${pids[@]}"; do rss=$((rss + $(rss_mib "$p"))); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
  awk -v ms=$((t1 - t0)) -v rss=$rss 'BEGIN { printf "%.1f %d\n", ms / 1000, rss }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A RESULT
for scenario in "one-dev|$DEV_FLAGS|municipal" "three-dev|$DEV_FLAGS|national provincial municipal" \
                "one-prod|$PROD_FLAGS|municipal" "three-prod|$PROD_FLAGS|national provincial municipal"; do
  IFS='|' read -r name flags levels <<<"$scenario"
  times=(); mems=()
  for r in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2086
    read -r t m < <(run_nodes "$flags" $levels)
    log "$name round $r: ready in ${t}s, RSS ${m} MiB"
    times+=("$t"); mems+=("$m")
  done
  RESULT[$name]="$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
done
pg_stop $PG_NAME

row() { read -r t m <<<"${RESULT[$1]}"; echo "| $2 | \`$3\` | $t s | $m MiB | $4 |"; }
{
  echo "## Start-up: process start to \`/health/ready\` UP, and resident memory"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)."
  echo "Reproduce with \`deploy/benchmark.sh $ROUNDS\` (median of $ROUNDS rounds; each round starts against empty databases,"
  echo "so the time includes the Flyway migrations and the reference-data load). The machine is shared and noisy:"
  echo "compare rows of one run, not across runs."
  echo
  echo "| scenario | JVM flags | ready after | RSS (sum) | target |"
  echo "|---|---|---|---|---|"
  row one-dev "one node (municipal)" "$DEV_FLAGS" "< 25 s, < 600 MB"
  row three-dev "three nodes together" "$DEV_FLAGS" "< 90 s"
  row one-prod "one node (municipal)" "$PROD_FLAGS" "—"
  row three-prod "three nodes together" "$PROD_FLAGS" "—"
  echo
  echo "Dev flags are what deploy/federation.sh and the tests use (DESIGN.md §9 pitfall 9): small heap, serial GC, C1 only."
  echo "Production flags give the JIT and GC room; expect a longer start and a larger footprint in exchange for throughput."
} > "$WORK/startup.md"
benchmark_section startup "$WORK/startup.md"
cat "$ROOT/docs/benchmarks.md"
