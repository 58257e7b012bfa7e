#!/usr/bin/env bash
# Exchange benchmark and fault drill between two real nodes (provincial → national, SM2, HTTP): throughput and
# latency of signed, receipted packages against the raw BouncyCastle rates measured in the same run; then 10,000
# packages while the receiver is killed with SIGKILL three times and the database restarted once — reports sent,
# acknowledged, stored, duplicates and lost. Writes the "exchange" section of docs/benchmarks.md.
#   deploy/exchange-load.sh [bench packages, default 3000] [drill packages, default 10000]
source "$(dirname "$0")/lib/common.sh"

BENCH="${1:-3000}"
DRILL="${2:-10000}"
ensure_packages
(cd "$ROOT" && mvn -B -q -DskipTests install)
"$ROOT/deploy/test.sh" -q -pl federation-tests -Dit.test=ExchangeLoadIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dexchange.load=true -Dexchange.bench.packages="$BENCH" \
  -Dexchange.drill.packages="$DRILL" -Dnode.test.jvm="${CITYOPS_BENCH_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
part="$ROOT/federation-tests/target/exchange-load.md"
{
  echo "## Exchange"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores with \`deploy/exchange-load.sh $BENCH $DRILL\`; both nodes and"
  echo "their database share this machine."
  echo
  cat "$part"
} > "$part.section"
benchmark_section exchange "$part.section"
cat "$part.section"
