#!/usr/bin/env bash
# Federation PKI tool: root CA, node exchange keys, certificates, revocation, CRLs (cn.cityops.exchange.pki.PkiTool).
#   deploy/pki.sh help
#   CITYOPS_CA_PASSWORD=… deploy/pki.sh init-root --ca-dir .run/pki/ca [--alg sm2|p256]
#   CITYOPS_KEYSTORE_PASSWORD=… deploy/pki.sh node-key --keystore node.p12 --node 140600 --csr-out 140600.csr
# Passwords come only from CITYOPS_CA_PASSWORD / CITYOPS_KEYSTORE_PASSWORD. Runs from any directory; builds the
# exchange-protocol module (mvn package -DskipTests) when its jar or runtime libraries are missing.
source "$(dirname "$0")/lib/common.sh"

MODULE="$ROOT/exchange-protocol"

module_jar() {
  local jar
  for jar in "$MODULE"/target/exchange-protocol-*.jar; do
    case "$jar" in *-sources.jar|*-javadoc.jar|*-tests.jar) continue ;; esac
    [ -f "$jar" ] && { echo "$jar"; return 0; }
  done
  return 1
}

built() { module_jar >/dev/null && compgen -G "$MODULE/target/lib/bcprov-*.jar" >/dev/null; }

command -v java >/dev/null || die "java is not installed (JDK 17 needed; deploy/federation.sh installs it)"
if ! built; then
  command -v mvn >/dev/null || die "mvn is not installed and $MODULE/target has no build of the PKI tool"
  log "building exchange-protocol (mvn package -DskipTests)" >&2
  (cd "$ROOT" && mvn -q -B -pl exchange-protocol -am package -DskipTests) >&2 \
    || die "building exchange-protocol failed"
  built || die "the build did not produce $MODULE/target/exchange-protocol-*.jar and target/lib"
fi

exec java ${CITYOPS_PKI_JAVA_OPTS:-} -cp "$(module_jar):$MODULE/target/lib/*" cn.cityops.exchange.pki.PkiTool "$@"
