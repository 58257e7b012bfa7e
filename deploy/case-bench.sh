#!/usr/bin/env bash
# Municipal benchmark against a real node (uber-jar, fresh databases cityops_bench_locate / cityops_bench_cases of the
# test cluster): locate-to-grid with 100,000 grids (REST and the same SQL over JDBC, 2 clients), full case lifecycles
# through REST (CaseSimulator, bench mode, concurrent clients, 4,000-grid demo city) and the statistics breakdowns for
# one month of a city with 3 million cases a year (generated in SQL). Writes the "municipal" section of
# docs/benchmarks.md. Takes about 15 minutes on 2 cores.
#   deploy/case-bench.sh [lifecycle cases, default 1000] [client threads, default 8] [lookups per client, default 5000]
#   CITYOPS_TEST_PG_PORT=… selects the test cluster's port (as for deploy/test.sh); CITYOPS_BENCH_JVM_OPTS the node's
#   JVM flags (default -Xms1g -Xmx1g -XX:+UseG1GC); CITYOPS_BENCH_STAT_CASES the generated year (default 3000000).
source "$(dirname "$0")/lib/common.sh"

CASES="${1:-1000}"
THREADS="${2:-8}"
LOOKUPS="${3:-5000}"
STAT_CASES="${CITYOPS_BENCH_STAT_CASES:-3000000}"
JVM="${CITYOPS_BENCH_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
ensure_packages
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# -am builds the node uber-jars in this checkout (the benchmark runs node-*/target/node-*.jar) without installing
# anything into the local Maven repository, which other checkouts may share; only CaseBenchIT runs.
"$ROOT/deploy/test.sh" -q -pl federation-tests -am -Dit.test=CaseBenchIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dcase.bench=true -Dcase.bench.cases="$CASES" \
  -Dcase.bench.threads="$THREADS" -Dcase.bench.lookups="$LOOKUPS" -Dcase.bench.statCases="$STAT_CASES" \
  -Dnode.test.jvm="$JVM"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
part="$ROOT/federation-tests/target/case-bench.md"
args="$CASES $THREADS $LOOKUPS"
[ "$STAT_CASES" = 3000000 ] || args="$args (CITYOPS_BENCH_STAT_CASES=$STAT_CASES)"
{
  echo "## Municipal: locate, case lifecycles, statistics"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores with \`deploy/case-bench.sh $args\` (commit"
  echo "$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!docs' 2>/dev/null || echo ', with local changes')); the node, its"
  echo "database and the benchmark's clients share this machine (and whatever else runs on it: load average"
  echo "$load_before before the run, $load_after after it — on 2 cores, anything above 2 means the figures are"
  echo "inflated by other processes)."
  echo
  cat "$part"
} > "$part.section"
benchmark_section municipal "$part.section"
cat "$part.section"
