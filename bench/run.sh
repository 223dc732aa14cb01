#!/usr/bin/env bash
# Reproducible benchmarks of callgate; see BENCHMARKS.md.
#
#   bench/run.sh verify h2                     start + check pairs and the bare floor, embedded H2
#   bench/run.sh verify postgres               the same on PostgreSQL (127.0.0.1:5432, user postgres, trust auth)
#   bench/run.sh deliveries smpp [first-try|retry]   deliveries through the outbox to a local SMSC
#   bench/run.sh deliveries http [first-try|retry]   ... to a local Twilio-like Messages API stub
#
# Anything after "--" goes to callgate as extra settings, e.g. -- --callgate.delivery.poll-interval=50ms
#
# Environment: BENCH_CLIENTS (64), BENCH_WARMUP (15 s), BENCH_DURATION (30 s), BENCH_NOTE (added to the
# table row, e.g. "quiet machine"), BENCH_SKIP_BUILD=1 (reuse target/), BENCH_PORT (18080),
# BENCH_SINK_PORT (12775), BENCH_SERVER_OPTS (-Xms1g -Xmx1g), BENCH_CLIENT_OPTS (-Xmx512m),
# BENCH_PG_DB (maintenance database for create/drop, default test), BENCH_STORE=postgres (deliveries on
# PostgreSQL instead of H2), CALLGATE_DB_POOL_SIZE (20), MVN_FLAGS (e.g. -o).
set -euo pipefail

cd "$(dirname "$0")/.."
scenario=${1:-}
target=${2:-}
path=first-try
shift $(( $# >= 2 ? 2 : $# ))
if [[ ${1:-} == first-try || ${1:-} == retry ]]; then
  path=$1
  shift
fi
[[ ${1:-} == -- ]] && shift
extra=("$@")

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
case "$scenario/$target" in
  verify/h2 | verify/postgres | deliveries/smpp | deliveries/http) ;;
  *) usage ;;
esac

if [[ -z ${JAVA_HOME:-} ]]; then
  echo "JAVA_HOME must point at a JDK 21 or newer" >&2
  exit 2
fi
java="$JAVA_HOME/bin/java"
port=${BENCH_PORT:-18080}
sink_port=${BENCH_SINK_PORT:-12775}
base="http://127.0.0.1:$port"

if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  echo "== building target/callgate.jar and the bench client (-Pbench)"
  ./mvnw -B -q ${MVN_FLAGS:-} -Pbench -DskipTests package
fi
jar=$(ls target/callgate*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z $jar || ! -f target/test-classes/io/callgate/bench/Bench.class || ! -f target/bench-classpath.txt ]]; then
  echo "no jar or bench client in target/ (a build without -Pbench drops the client): run without BENCH_SKIP_BUILD" >&2
  exit 2
fi

run_dir="target/bench/$(date -u +%Y%m%dT%H%M%S)-$scenario-$target"
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
log="$run_dir/callgate.log"

hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
account_sid="AC$(hex 16)"
auth_token="$(hex 16)"
secret_key="$(head -c 32 /dev/urandom | base64)"

server_pid=
pg_db=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $pg_db ]]; then
    psql -q -h 127.0.0.1 -U postgres -d "${BENCH_PG_DB:-test}" -c "drop database if exists $pg_db with (force)" >/dev/null
    echo "== dropped PostgreSQL database $pg_db"
  fi
}
trap cleanup EXIT

echo "== machine"
echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "- RAM: $(free -h | awk '/^Mem:/ {print $2}')"
echo "- JDK: $("$java" -version 2>&1 | head -1)"
echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

store=H2
db_url="jdbc:h2:file:$run_dir/callgate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64"
db_user=sa
if [[ $target == postgres || ${BENCH_STORE:-} == postgres ]]; then
  store=PostgreSQL
  pg_db="callgate_bench_$(hex 6)"
  psql -q -h 127.0.0.1 -U postgres -d "${BENCH_PG_DB:-test}" -c "create database $pg_db" >/dev/null
  echo "== created PostgreSQL database $pg_db"
  db_url="jdbc:postgresql://127.0.0.1:5432/$pg_db"
  db_user=postgres
fi

# Every number is new and numbers spread over 16,000 prefixes, so the per-destination caps are never
# reached; the per-prefix pumping defence is switched off so that it does not count either.
settings=(--callgate.limits.pumping.enabled=false)
case "$scenario/$target" in
  verify/*)
    # The dev inbox is the cheapest provider; the client sets the code itself (CustomCode).
    settings+=(--callgate.dev.inbox.enabled=true)
    ;;
  deliveries/smpp)
    p=--callgate.delivery.providers.bench
    settings+=("$p.type=smpp" "$p.host=127.0.0.1" "$p.port=$sink_port" "$p.system-id=callgate"
      "$p.password=bench" "$p.reconnect-backoff-min=200ms" "$p.reconnect-backoff-max=1s"
      "$p.request-delivery-receipts=false" --callgate.delivery.channels.sms=bench)
    ;;
  deliveries/http)
    p=--callgate.delivery.providers.bench
    settings+=("$p.type=twilio" "$p.base-url=http://127.0.0.1:$sink_port" "$p.account-sid=AC$(hex 16)"
      "$p.auth-token=$(hex 16)" "$p.from=+15005550006" --callgate.delivery.channels.sms=bench)
    ;;
esac

echo "== starting callgate on $store ($jar), log in $log"
# shellcheck disable=SC2086
CALLGATE_DB_POOL_SIZE=${CALLGATE_DB_POOL_SIZE:-20} CALLGATE_PORT=$port CALLGATE_DB_URL="$db_url" CALLGATE_DB_USER=$db_user CALLGATE_DB_PASSWORD= \
  CALLGATE_ACCOUNT_SID=$account_sid CALLGATE_AUTH_TOKEN=$auth_token CALLGATE_SECRET_KEY=$secret_key \
  CALLGATE_SECRETS_FILE="$run_dir/secrets.properties" \
  "$java" ${BENCH_SERVER_OPTS:--Xms1g -Xmx1g} -jar "$jar" "${settings[@]}" "${extra[@]}" >"$log" 2>&1 &
server_pid=$!

for _ in $(seq 1 240); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    server_pid=
    if [[ $target == http ]] && grep -q "unknown type 'twilio'" "$log"; then
      echo "== SKIPPED: this build of callgate has no 'type: twilio' provider yet; the HTTP benchmark runs once it has."
      exit 0
    fi
    echo "callgate stopped during start; the end of $log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  if curl -sf "$base/actuator/health" >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
curl -sf "$base/actuator/health" >/dev/null || { echo "callgate did not become healthy in 120 s" >&2; exit 1; }

echo "== load"
client=("$java" ${BENCH_CLIENT_OPTS:--Xmx512m} -cp "target/test-classes:$(cat target/bench-classpath.txt)"
  io.callgate.bench.Bench "$scenario" --base="$base" --account-sid="$account_sid" --auth-token="$auth_token"
  --clients="${BENCH_CLIENTS:-64}" --warmup="${BENCH_WARMUP:-15}" --duration="${BENCH_DURATION:-30}"
  --store="$store" --note="${BENCH_NOTE:-}")
if [[ $scenario == deliveries ]]; then
  client+=(--sink="$target" --sink-port="$sink_port" --path="$path")
fi
"${client[@]}"

if grep -qE ' ERROR ' "$log"; then
  echo "== callgate logged errors during the run:"
  grep -E ' ERROR ' "$log" | head -5
fi
