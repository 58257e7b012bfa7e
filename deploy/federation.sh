#!/usr/bin/env bash
# Start/stop the demo federation: national (8081), 山西省 provincial (8082), 朔州市 municipal (8083),
# each a Payara Micro process with its own PostgreSQL/PostGIS database in a private cluster under .run/.
#   deploy/federation.sh up | down | status | logs [national|provincial|municipal]
source "$(dirname "$0")/lib/common.sh"

FED_DIR="$RUN_DIR/federation"
PG_NAME=federation
PG_PORT="${CITYOPS_FED_PG_PORT:-54329}"
JVM_OPTS="${CITYOPS_JVM_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
DEMO_PASSWORD="${CITYOPS_DEMO_PASSWORD:-Demo-2026-cityops}"

# name:port:node id:display name:parent name
NODES=("national:8081:100000:住房和城乡建设部 国家平台:"
       "provincial:8082:140000:山西省 省级平台:national"
       "municipal:8083:140600:朔州市 市级平台:provincial")

field() { echo "$1" | cut -d: -f"$2"; }
node_port() { local n; for n in "${NODES[@]}"; do [ "$(field "$n" 1)" = "$1" ] && field "$n" 2; done; }
jar_of() { echo "$ROOT/node-$1/target/node-$1.jar"; }

secret() { # secret NAME : a random secret generated once and kept in .run/federation/secrets.env (mode 600)
  local file="$FED_DIR/secrets.env" key=$1
  mkdir -p "$FED_DIR"; touch "$file"; chmod 600 "$file"
  if ! grep -q "^$key=" "$file"; then echo "$key=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >> "$file"; fi
  grep "^$key=" "$file" | cut -d= -f2
}

build_if_needed() {
  local missing=0 n
  for n in national provincial municipal; do [ -f "$(jar_of $n)" ] || missing=1; done
  if [ $missing = 1 ] || [ "${1:-}" = "--build" ]; then
    log "building the node WARs and uber-jars (mvn -DskipTests install)"
    (cd "$ROOT" && mvn -B -q -DskipTests install)
  fi
}

healthy() { curl -fsS -m 3 "http://127.0.0.1:$1/health/ready" 2>/dev/null | grep -q '"status":"UP"'; }
running() { [ -f "$FED_DIR/$1/pid" ] && kill -0 "$(cat "$FED_DIR/$1/pid")" 2>/dev/null; }

pki() { "$ROOT/deploy/pki.sh" "$@"; }

# Federation PKI (SM2 root held for the national operators under .run/federation/ca) and each node's exchange key
# and certificate, created once — exactly the onboarding steps of docs/operators/*.md.
enrol_node() {
  local name=$1 id=$2 dir="$FED_DIR/$1"
  export CITYOPS_CA_PASSWORD; CITYOPS_CA_PASSWORD="$(secret CA)"
  [ -f "$FED_DIR/ca/root.pem" ] || pki init-root --ca-dir "$FED_DIR/ca" --alg sm2 >/dev/null
  [ -f "$dir/keys/exchange-cert.pem" ] && return 0
  log "enrolling $name ($id) in the federation PKI"
  CITYOPS_KEYSTORE_PASSWORD="$(secret "KS_$name")" pki node-key --keystore "$dir/keys/node-keystore.p12" \
    --node "$id" --alg sm2 --csr-out "$dir/keys/exchange.csr" >/dev/null
  pki issue --ca-dir "$FED_DIR/ca" --csr "$dir/keys/exchange.csr" --node "$id" --out "$dir/keys/exchange-cert.pem" >/dev/null
  CITYOPS_KEYSTORE_PASSWORD="$(secret "KS_$name")" pki install-cert --keystore "$dir/keys/node-keystore.p12" \
    --cert "$dir/keys/exchange-cert.pem" --root "$FED_DIR/ca/root.pem" >/dev/null
}

admin_token() {
  curl -fsS -m 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}\"}" \
    "http://127.0.0.1:$1/api/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# The national operators enter the provincial and municipal nodes in the directory; the signed directory then
# travels down to them by itself.
register_nodes() {
  local token n name port id display body
  token=$(admin_token 8081)
  for n in "${NODES[@]:1}"; do
    name=$(field "$n" 1); port=$(field "$n" 2); id=$(field "$n" 3); display=$(field "$n" 4)
    if curl -fsS -m 30 -H "Authorization: Bearer $token" http://127.0.0.1:8081/api/exchange/directory \
        | grep -q "\"nodeId\":\"$id\""; then continue; fi
    body=$(python3 -c 'import json,sys; print(json.dumps({"nodeId":sys.argv[1],"name":sys.argv[2],
      "baseUrl":sys.argv[3],"transport":"HTTP","certificatePem":open(sys.argv[4]).read()}))' \
      "$id" "$display" "http://127.0.0.1:$port" "$FED_DIR/$name/keys/exchange-cert.pem")
    curl -fsS -m 30 -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "$body" http://127.0.0.1:8081/api/exchange/directory/nodes || die "registering $name at national failed"
    log "registered $name ($id) in the national directory"
  done
}

start_node() {
  local spec=$1 name port id display parent
  name=$(field "$spec" 1); port=$(field "$spec" 2); id=$(field "$spec" 3); display=$(field "$spec" 4)
  parent=$(field "$spec" 5)
  local dir="$FED_DIR/$name"; mkdir -p "$dir/keys"
  if running "$name"; then log "$name already running (pid $(cat "$dir/pid"))"; return 0; fi
  pg_create_node_db $PG_NAME "$PG_PORT" "cityops_$name" "cityops_$name" "$(secret "DB_$name")"
  enrol_node "$name" "$id"
  log "starting $name node $id on :$port"
  (
    export CITYOPS_NODE_ID="$id" CITYOPS_NODE_NAME="$display"
    export CITYOPS_NODE_BASE_URL="http://127.0.0.1:$port"
    [ -n "$parent" ] && export CITYOPS_NODE_PARENT_URL="http://127.0.0.1:$(node_port "$parent")"
    export CITYOPS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/cityops_$name"
    export CITYOPS_DB_USER="cityops_$name" CITYOPS_DB_PASSWORD="$(secret "DB_$name")"
    export CITYOPS_KEYSTORE_PATH="$dir/keys/node-keystore.p12" CITYOPS_KEYSTORE_PASSWORD="$(secret "KS_$name")"
    export CITYOPS_ADMIN_INITIAL_PASSWORD="${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}"
    cd "$dir"
    # shellcheck disable=SC2086
    nohup java $JVM_OPTS -jar "$(jar_of "$name")" --port "$port" --nocluster --name "cityops-$id" \
      > "$dir/node.log" 2>&1 &
    echo $! > "$dir/pid"
  )
}

# A node whose application did not deploy logs NODE-006 and exits with status 3 (node-launcher; a rare Payara race at
# boot can cause it, docs/operators/node-start.md): it is started again once, its first log kept as node-failed.log.
wait_ready() {
  local deadline=$((SECONDS + ${CITYOPS_START_TIMEOUT:-240})) n name port pending
  local -A restarted=()
  while :; do
    pending=()
    for n in "${NODES[@]}"; do
      name=$(field "$n" 1); port=$(field "$n" 2)
      healthy "$port" || pending+=("$name")
      running "$name" && continue
      if [ -z "${restarted[$name]:-}" ] && grep -q "NODE-006" "$FED_DIR/$name/node.log"; then
        warn "$name: its application did not deploy (NODE-006); starting it again once (first log: $FED_DIR/$name/node-failed.log)"
        mv "$FED_DIR/$name/node.log" "$FED_DIR/$name/node-failed.log"
        restarted[$name]=1
        start_node "$n"
      else
        die "$name exited during start-up; see $FED_DIR/$name/node.log"
      fi
    done
    [ ${#pending[@]} = 0 ] && return 0
    [ $SECONDS -ge $deadline ] && die "not ready in time: ${pending[*]} (see $FED_DIR/<node>/node.log)"
    sleep 2
  done
}

# demo users per level (idempotent: 409 "already exists" is fine)
seed_demo_users() {
  local port=$1; shift
  local token
  token=$(curl -fsS -m 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}\"}" \
    "http://127.0.0.1:$port/api/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/') || return 0
  local u
  for u in "$@"; do
    local user=${u%%:*} rest=${u#*:}; local role=${rest%%:*} display=${rest#*:}
    curl -sS -m 30 -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$user\",\"displayName\":\"$display\",\"password\":\"$DEMO_PASSWORD\",\"roles\":[\"$role\"]}" \
      "http://127.0.0.1:$port/api/admin/users" || true
  done
}

# The demo city 朔州市 in the municipal node, once (DemoLoad skips grids, components and cases when the node already
# has grids; existing departments and users are kept): generated by deploy/demo-city.sh, then departments, users
# (password $DEMO_PASSWORD), department members, grids and components through the API, then the case simulator
# drives CITYOPS_DEMO_CASES (300) cases through the loop in demo mode. CITYOPS_DEMO_LOAD=0 skips all of it.
load_demo_city() {
  [ "${CITYOPS_DEMO_LOAD:-1}" = 0 ] && return 0
  local dir="$RUN_DIR/demo-city" muni="$ROOT/node-municipal/target"
  [ -f "$dir/grids.geojson" ] || "$ROOT/deploy/demo-city.sh" --out "$dir" >/dev/null
  local cp="$muni/node-municipal-demo.jar"
  [ -f "$cp" ] || cp="$muni/classes"
  log "loading the demo city into the municipal node (skipped if it already has grids)"
  java -cp "$cp:$(ls "$muni"/demo-lib/*.jar | tr '\n' ':')" cn.cityops.municipal.demo.DemoLoad \
    --url "http://127.0.0.1:$(node_port municipal)" --admin-password "${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}" \
    --password "$DEMO_PASSWORD" --dir "$dir" --cases "${CITYOPS_DEMO_CASES:-300}" --threads 4 \
    || warn "loading the demo city failed (the federation is up without it); retry with: deploy/federation.sh up"
}

cmd_up() {
  ensure_packages
  build_if_needed "${1:-}"
  pg_start $PG_NAME "$PG_PORT"
  local n; for n in "${NODES[@]}"; do start_node "$n"; done
  log "waiting for /health/ready of all nodes"
  wait_ready
  register_nodes
  seed_demo_users 8081 "ministry:ministry-supervisor:部级督查员" "leader:leader:部领导" "auditor:audit-admin:审计管理员"
  seed_demo_users 8082 "province:province-supervisor:省级督查员" "leader:leader:省领导"
  seed_demo_users 8083 "inspector:inspector:监督员" "intake:intake-operator:受理员" "shiftlead:shift-lead:值班长" \
    "dispatcher:dispatcher:派遣员" "department:department:专业部门" "leader:leader:市领导" \
    "taskhandler:city-task-handler:任务办理员"
  load_demo_city
  cat <<INFO

  The federation is up.
    national   (国家平台 100000)  http://127.0.0.1:8081/   health: /health/ready  API: /api  OpenAPI: /openapi
    provincial (山西省 140000)    http://127.0.0.1:8082/
    municipal  (朔州市 140600)    http://127.0.0.1:8083/
  Logins (every node): admin / ${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}   (系统管理员 + 安全管理员)
    national:   ministry, leader, auditor                                   / $DEMO_PASSWORD
    provincial: province, leader                                            / $DEMO_PASSWORD
    municipal:  inspector, intake, shiftlead, dispatcher, department, leader, taskhandler / $DEMO_PASSWORD
    municipal demo city 朔州市 (4,000 grids, cases at every stage): inspector001…, intake01…03, shiftlead01…02,
      dispatcher01…03, leader01, dept-<department id> (e.g. dept-hw, dept-zf-140602001)      / $DEMO_PASSWORD
    (demo password: CITYOPS_DEMO_PASSWORD, default Demo-2026-cityops; admin: CITYOPS_ADMIN_PASSWORD)
  Try: curl -s -H 'Content-Type: application/json' -d '{"username":"admin","password":"${CITYOPS_ADMIN_PASSWORD:-Admin-2026-cityops}"}' http://127.0.0.1:8083/api/auth/login
  Logs: deploy/federation.sh logs municipal    Stop: deploy/federation.sh down
INFO
}

cmd_down() {
  local n name
  for n in "${NODES[@]}"; do
    name=$(field "$n" 1)
    if running "$name"; then
      log "stopping $name"; kill "$(cat "$FED_DIR/$name/pid")"
      local i; for i in $(seq 1 30); do running "$name" || break; sleep 1; done
      running "$name" && kill -9 "$(cat "$FED_DIR/$name/pid")"
    fi
    rm -f "$FED_DIR/$name/pid"
  done
  pg_stop $PG_NAME
}

cmd_status() {
  local n name port
  pg_running $PG_NAME 2>/dev/null && echo "postgresql  running on 127.0.0.1:$PG_PORT" || echo "postgresql  stopped"
  for n in "${NODES[@]}"; do
    name=$(field "$n" 1); port=$(field "$n" 2)
    if running "$name"; then
      printf '%-11s pid %-7s :%s ready=%s\n' "$name" "$(cat "$FED_DIR/$name/pid")" "$port" \
        "$(healthy "$port" && echo UP || echo DOWN)"
    else
      printf '%-11s stopped\n' "$name"
    fi
  done
}

cmd_logs() {
  if [ -n "${1:-}" ]; then tail -n 200 -f "$FED_DIR/$1/node.log"
  else tail -n 50 -f "$FED_DIR"/*/node.log; fi
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *) echo "usage: deploy/federation.sh up [--build] | down | status | logs [national|provincial|municipal]"; exit 2 ;;
esac
