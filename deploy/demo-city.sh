#!/usr/bin/env bash
# Generates the demo city 朔州市 (140600): grids.geojson, components.geojson/.csv, departments.json, users.json.
# Deterministic for a given seed. Usage: deploy/demo-city.sh [--out DIR] [--grids N] [--components N] [--seed S]
# (defaults: .run/demo-city, 4000 grids, 3000 components, seed 140600). Builds node-municipal first if needed.
# It only writes files; importing them into a running node is a separate step.
source "$(dirname "$0")/lib/common.sh"

MUNI="$ROOT/node-municipal/target"
lib_jar() { ls "$MUNI/node-municipal/WEB-INF/lib/$1"-*.jar 2>/dev/null | head -n1; }

if [ ! -d "$MUNI/classes/cn/cityops/municipal/demo" ] || [ -z "$(lib_jar node-core)" ] \
   || [ -z "$(ls "$MUNI"/demo-lib/parsson-*.jar 2>/dev/null)" ]; then
  log "building node-municipal (once)"
  (cd "$ROOT" && mvn -B -q -pl node-municipal -am package -DskipTests)
fi

# node-core's jar carries the reference data (reference/component-categories.csv) the generator reads
CP="$MUNI/classes:$(lib_jar node-core):$(ls "$MUNI"/demo-lib/*.jar | tr '\n' ':')"
args=("$@")
case " $* " in *" --out "*) ;; *) args=(--out "$RUN_DIR/demo-city" "${args[@]}") ;; esac
exec java -cp "$CP" cn.cityops.municipal.demo.DemoCity "${args[@]}"
