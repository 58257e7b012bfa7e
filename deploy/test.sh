#!/usr/bin/env bash
# Runs every test: unit tests, Arquillian ITs of each node on Payara Micro + PostGIS, the federation smoke test and
# the database-outage test. Starts its own private PostgreSQL cluster (.run/test, port 54339) with fresh databases.
source "$(dirname "$0")/lib/common.sh"

PG_NAME=test
PG_PORT="${CITYOPS_TEST_PG_PORT:-54339}"
PASSWORD=cityops-test

ensure_packages chromium chromium-driver fonts-wqy-microhei  # ConsoleIT: the web console in headless Chromium
pg_start $PG_NAME "$PG_PORT"
for db in it_national it_provincial it_municipal fed_national fed_provincial fed_municipal reftest \
    fed_national_p256 fed_provincial_p256 sup_national sup_provincial sup_municipal cmp_national cmp_provincial \
    cmp_municipal bench_locate bench_cases rep_national rep_provincial rep_municipal console_national \
    console_provincial console_municipal; do
  pg_psql $PG_NAME "$PG_PORT" -d postgres -c "DROP DATABASE IF EXISTS cityops_$db WITH (FORCE)"
  pg_create_node_db $PG_NAME "$PG_PORT" "cityops_$db" "cityops_$db" "$PASSWORD"
done

cd "$ROOT"
exec mvn -B verify \
  -Dit.db.port="$PG_PORT" -Dit.db.password="$PASSWORD" \
  -DCITYOPS_TEST_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/cityops_reftest" \
  -DCITYOPS_TEST_DB_USER=cityops_reftest -DCITYOPS_TEST_DB_PASSWORD="$PASSWORD" \
  -Dit.pg.control="$ROOT/deploy/lib/pgctl.sh $PG_NAME $PG_PORT" \
  "$@"
