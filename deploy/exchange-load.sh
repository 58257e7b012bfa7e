#!/usr/bin/env bash
# Exchange benchmark and fault drill between two real nodes (provincial → national, HTTP batch binding): throughput,
# latency and time per stage (crypto / database / HTTP) of signed, receipted packages — small pings for a P-256 and an
# SM2 federation, then case.batch packages (1,000 case records each, SM2) — against the raw BouncyCastle rates
# measured in the same run; then 10,000 packages while the receiver is killed with SIGKILL three times and the
# database restarted once — reports sent, acknowledged, stored, duplicates and lost. Writes the "exchange" section of
# docs/benchmarks.md. The PostgreSQL port of deploy/test.sh can be moved with CITYOPS_TEST_PG_PORT.
#   deploy/exchange-load.sh [bench packages, default 5000] [drill packages, default 10000]
#                           [case.batch packages, default 300] [records per case.batch, default 1000]
source "$(dirname "$0")/lib/common.sh"

BENCH="${1:-5000}"
DRILL="${2:-10000}"
CASES="${3:-300}"
RECORDS="${4:-1000}"
ensure_packages
(cd "$ROOT" && mvn -B -q -DskipTests install)
"$ROOT/deploy/test.sh" -q -pl federation-tests -Dit.test=ExchangeLoadIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dexchange.load=true -Dexchange.bench.packages="$BENCH" \
  -Dexchange.drill.packages="$DRILL" -Dexchange.case.packages="$CASES" -Dexchange.case.records="$RECORDS" -Dnode.test.jvm="${CITYOPS_BENCH_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
part="$ROOT/federation-tests/target/exchange-load.md"
{
  echo "## Exchange"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores with \`deploy/exchange-load.sh $BENCH $DRILL $CASES $RECORDS\`; both nodes and"
  echo "their database share this machine."
  echo
  cat "$part"
} > "$part.section"
benchmark_section exchange "$part.section"
cat "$part.section"
