#!/usr/bin/env bash
# Reproducible benchmarks of callgate; see BENCHMARKS.md.
#
#   bench/run.sh verify h2                     start + check pairs and the bare floor, embedded H2
#   bench/run.sh verify postgres               the same on PostgreSQL (127.0.0.1:5432, user postgres, trust auth)
#   bench/run.sh deliveries smpp [first-try|retry]   deliveries through the outbox to a local SMSC
#   bench/run.sh deliveries http [first-try|retry]   ... to a local Twilio-like Messages API stub
#   bench/run.sh voice h2|postgres             signed webhooks of the verified and open lines, and the bare floor
#
# Anything after "--" goes to callgate as extra settings, e.g. -- --callgate.delivery.poll-interval=50ms
#
# Environment: BENCH_CLIENTS (64), BENCH_WARMUP (15 s), BENCH_DURATION (30 s), BENCH_NOTE (added to the
# table row, e.g. "quiet machine"), BENCH_SKIP_BUILD=1 (reuse target/), BENCH_PORT (18080),
# BENCH_SINK_PORT (12775), BENCH_SERVER_OPTS (-Xms1g -Xmx1g), BENCH_CLIENT_OPTS (-Xmx512m),
# BENCH_PG_DB (maintenance database for create/drop, default test), BENCH_STORE=postgres (deliveries on
# PostgreSQL instead of H2), CALLGATE_DB_POOL_SIZE (20), MVN_FLAGS (e.g. -o); for voice: BENCH_CALLS (1000
# concurrent paced calls), BENCH_LINES (100 verified lines sharing the callers), BENCH_THINK (5 s, a caller's mean
# pause before dialling and before typing the code).
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
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
case "$scenario/$target" in
  verify/h2 | verify/postgres | deliveries/smpp | deliveries/http | voice/h2 | voice/postgres) ;;
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
carrier_token="$(hex 16)"
secret_key="$(head -c 32 /dev/urandom | base64)"

server_pid=
pg_db=
analyzer_pid=
cleanup() {
  if [[ -n $analyzer_pid ]]; then
    kill "$analyzer_pid" 2>/dev/null || true
  fi
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
db_url="jdbc:h2:file:$run_dir/callgate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64"
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
  voice/*)
    # Codes go to the dev inbox, where the callers read them; it keeps more messages than calls wait at once.
    # Each caller is called again and again, so the per-destination send cap (10 a day) is lifted.
    settings+=(--callgate.dev.inbox.enabled=true --callgate.dev.inbox.capacity=5000
      "--callgate.voice.carriers.bench.auth-token=$carrier_token" --callgate.limits.max-sends-per-destination=1000000)
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

if curl -s -o /dev/null "$base/actuator/health" 2>/dev/null; then
  # The health check below would otherwise take another server's answer for this one's.
  echo "something already answers on port $port: stop it or set BENCH_PORT" >&2
  exit 1
fi
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
# target/classes: the voice client plays its calls with callgate's own call simulator.
client=("$java" ${BENCH_CLIENT_OPTS:--Xmx512m} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
  io.callgate.bench.Bench "$scenario" --base="$base" --account-sid="$account_sid" --auth-token="$auth_token"
  --clients="${BENCH_CLIENTS:-64}" --warmup="${BENCH_WARMUP:-15}" --duration="${BENCH_DURATION:-30}"
  --store="$store" --note="${BENCH_NOTE:-}")
if [[ $scenario == deliveries ]]; then
  client+=(--sink="$target" --sink-port="$sink_port" --path="$path")
fi
if [[ $scenario == voice ]]; then
  client+=(--carrier-token="$carrier_token" --calls="${BENCH_CALLS:-1000}" --lines="${BENCH_LINES:-100}"
    --think="${BENCH_THINK:-5}")
fi
pg_counters() {
  psql -Atq -h 127.0.0.1 -U postgres -d "${BENCH_PG_DB:-test}" -F ' ' -c "select xact_commit + xact_rollback, tup_inserted,
    tup_updated, tup_deleted, tup_fetched from pg_stat_database where datname = '$pg_db'"
}
[[ -n $pg_db ]] && counters_before=$(pg_counters)
if [[ -n $pg_db && $scenario == deliveries ]]; then
  # A fresh database has no statistics, and autovacuum's first look comes only after a minute: until
  # then PostgreSQL finds a destination's pending verification through the (status, expires_at)
  # index, reading every pending row. A server that has run for a while has its statistics; so
  # has the benchmark, by analysing every 10 s as autovacuum would.
  ( while sleep 10; do psql -q -h 127.0.0.1 -U postgres -d "$pg_db" -c analyze >/dev/null 2>&1 || exit 0; done ) &
  analyzer_pid=$!
fi
"${client[@]}" | tee "$run_dir/client.log"
if [[ -n $analyzer_pid ]]; then
  kill "$analyzer_pid" 2>/dev/null || true
  analyzer_pid=
fi

if [[ -n $pg_db && $scenario == deliveries ]]; then
  # A server that stops flushes its sessions' counters; then they cover the whole load, warm-up included.
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  messages=$(sed -n 's/^messages in all: //p' "$run_dir/client.log")
  read -r tx0 ins0 upd0 del0 fetch0 <<<"$counters_before"
  read -r tx1 ins1 upd1 del1 fetch1 <<<"$(pg_counters)"
  awk -v m="$messages" -v tx=$((tx1 - tx0)) -v ins=$((ins1 - ins0)) -v upd=$((upd1 - upd0)) -v del=$((del1 - del0)) \
    -v fetch=$((fetch1 - fetch0)) 'BEGIN { printf "PostgreSQL per message (start and delivery, %d messages): %.2f transactions," \
      " %.2f rows inserted, %.2f updated, %.2f deleted, %.1f fetched\n", m, tx / m, ins / m, upd / m, del / m, fetch / m }'
  echo "PostgreSQL: what read the most rows (scans and rows, warm-up included)"
  psql -q -h 127.0.0.1 -U postgres -d "$pg_db" -c "select relname as table, 'sequential' as scan, seq_scan as scans,
    seq_tup_read as rows_read from pg_stat_user_tables union all select relname, indexrelname, idx_scan, idx_tup_read
    from pg_stat_user_indexes order by rows_read desc limit 5"
fi

if grep -qE ' ERROR ' "$log"; then
  echo "== callgate logged errors during the run:"
  grep -E ' ERROR ' "$log" | head -5
fi
