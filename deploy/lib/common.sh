#!/usr/bin/env bash
# Shared helpers for deploy/federation.sh and deploy/test.sh.
# Everything runtime lives under $RUN_DIR (ignored by git): database clusters, key stores, logs, pid files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${CITYOPS_RUN_DIR:-$ROOT/.run}"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"

log()  { printf '\033[1;34m[cityops]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[cityops]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[cityops]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Install what a fresh Debian machine lacks: JDK 17, Maven, PostgreSQL 15 + PostGIS 3 (and extra packages given).
ensure_packages() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn  >/dev/null || missing+=(maven)
  [ -x "$PG_BIN/initdb" ] || missing+=("postgresql-$PG_VERSION")
  [ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ] || missing+=("postgresql-$PG_VERSION-postgis-3")
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v python3 >/dev/null || missing+=(python3-minimal)
  local p; for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The Debian package starts a system-wide cluster on 5432; we never use it, so leave it alone.
}

# PostgreSQL refuses to run as root: when we are root the private cluster runs as the 'postgres' OS user.
pg_user() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# pg_start NAME PORT : a private cluster in $RUN_DIR/NAME/pgdata listening on 127.0.0.1:PORT, socket in $RUN_DIR/NAME/sock.
pg_start() {
  local name=$1 port=$2 dir="$RUN_DIR/$1"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown "$(pg_user)" "$dir"; fi
  if [ ! -s "$dir/pgdata/PG_VERSION" ]; then
    log "initialising private PostgreSQL cluster '$name' in $dir/pgdata"
    as_pg mkdir -p "$dir/pgdata" "$dir/sock"
    as_pg chmod 700 "$dir/sock"
    as_pg "$PG_BIN/initdb" -D "$dir/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    cat <<CONF | as_pg tee -a "$dir/pgdata/postgresql.conf" >/dev/null
# cityops private cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 200
shared_buffers = 128MB
fsync = on
log_min_messages = warning
CONF
  fi
  if pg_running "$name"; then return 0; fi
  log "starting PostgreSQL '$name' on 127.0.0.1:$port"
  as_pg "$PG_BIN/pg_ctl" -D "$dir/pgdata" -l "$dir/postgresql.log" -w -t 60 start >/dev/null \
    || { tail -20 "$dir/postgresql.log" >&2; die "PostgreSQL '$name' did not start"; }
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/$1/pgdata" status >/dev/null 2>&1; }

pg_stop() {
  local name=$1
  [ -d "$RUN_DIR/$name/pgdata" ] || return 0
  if pg_running "$name"; then
    log "stopping PostgreSQL '$name'"
    as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/$name/pgdata" -m fast -w stop >/dev/null
  fi
}

# psql as the cluster superuser over the private socket.
pg_psql() {
  local name=$1 port=$2; shift 2
  as_pg "$PG_BIN/psql" -h "$RUN_DIR/$name/sock" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

# pg_create_node_db NAME PORT DB ROLE PASSWORD : idempotent; PostGIS is created by the superuser
# because it is not a trusted extension in PG 15 (DESIGN.md §9 pitfall 1).
pg_create_node_db() {
  local name=$1 port=$2 db=$3 role=$4 password=$5
  if [ "$(pg_psql "$name" "$port" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='$role'")" != 1 ]; then
    pg_psql "$name" "$port" -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password'"
  else
    pg_psql "$name" "$port" -d postgres -c "ALTER ROLE $role LOGIN PASSWORD '$password'"
  fi
  if [ "$(pg_psql "$name" "$port" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$db'")" != 1 ]; then
    pg_psql "$name" "$port" -d postgres -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8'"
  fi
  pg_psql "$name" "$port" -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis"
}

# benchmark_section NAME FILE : puts FILE's content into docs/benchmarks.md between the markers of section NAME
# (replacing what a previous run wrote there, appending the section the first time); other sections are kept.
benchmark_section() {
  python3 - "$ROOT/docs/benchmarks.md" "$1" "$2" <<'PY'
import os, re, sys
doc, name, part = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read().strip()
text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else "# Benchmarks\n"
block = f"<!-- section:{name} -->\n{part}\n<!-- /section:{name} -->"
pattern = re.compile(rf"<!-- section:{re.escape(name)} -->.*?<!-- /section:{re.escape(name)} -->", re.S)
text = pattern.sub(lambda m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
open(doc, "w", encoding="utf-8").write(text)
PY
}
