#!/usr/bin/env bash
# Reef load benchmark: the one command. See src/bench/README.md.
#
#   src/bench/run-load.sh                                   # full run (~35 min on 2 cores)
#   QUICK=1 RATES="50" SKIP_CAPACITY=1 src/bench/run-load.sh  # smoke test (~4 min)
#
# Starts (and stops on exit) a fast nginx upstream stub, nginx as a reverse proxy to it, PostgreSQL 15
# (if it was down), Reef (the packaged jar) against a fresh database, and drives Gatling
# (open model, constant arrival rate) and wrk (saturation) at three targets: direct (stub), nginx
# (-> stub) and Reef (-> stub). Then the capacity scenario (10,000 open sync Shark AI requests
# against a stateful Java stub). Prints the results table; writes src/bench/results/latest.md + .svg.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)

# ------------------------------------------------------------------------------------------ knobs
QUICK=${QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  DURATION=${DURATION:-5}; WARMUP=${WARMUP:-2}; SAT_DURATION=${SAT_DURATION:-5}; PRIME_SECONDS=${PRIME_SECONDS:-5}; PRIME_RAMP=${PRIME_RAMP:-2}
else
  DURATION=${DURATION:-30}; WARMUP=${WARMUP:-10}; SAT_DURATION=${SAT_DURATION:-20}
fi
RATES=${RATES:-"100 500 1000"}
SCENARIOS=${SCENARIOS:-"generate poll async"}        # generate = SharkAPI POST /v1/generate,
                                                     # poll = SharkAPI GET /v1/jobs/{id},
                                                     # async = Shark AI POST (async: true)
TARGETS=${TARGETS:-"direct nginx reef"}
SKIP_RATES=${SKIP_RATES:-0}                          # 1: no fixed-rate runs
SKIP_SATURATION=${SKIP_SATURATION:-0}
SAT_THREADS=${SAT_THREADS:-2}
SAT_CONNECTIONS=${SAT_CONNECTIONS:-64}
SKIP_CAPACITY=${SKIP_CAPACITY:-0}
CAPACITY_USERS=${CAPACITY_USERS:-10000}
CAPACITY_WAIT=${CAPACITY_WAIT:-60}                   # seconds until the stub completes a task
CAPACITY_RAMP=${CAPACITY_RAMP:-10}                   # seconds over which the users start
CAPACITY_TIMEOUT=${CAPACITY_TIMEOUT:-120}            # client timeout per sync request, seconds
CAPACITY_POLL=${CAPACITY_POLL:-2S}                   # reef.providers.sharkai.sync-poll-interval
CAPACITY_RECONCILER=${CAPACITY_RECONCILER:-true}     # reconciler on (production default) for capacity
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-30}               # Gatling timeout per request (rate runs), s
COOLDOWN=${COOLDOWN:-3}                              # pause between runs, s
PRIME_SECONDS=${PRIME_SECONDS:-150}                  # unmeasured JIT warm-up of Reef per scenario (0: none)
PRIME_RATE=${PRIME_RATE:-400}                        # ... at this rate, req/s
PRIME_RAMP=${PRIME_RAMP:-60}                         # ... reached after this many seconds from 1 req/s
REEF_PORT=${REEF_PORT:-8080}
REEF_MGMT_PORT=${REEF_MGMT_PORT:-9000}                # Reef's management interface (health, metrics)
STUB_PORT=${STUB_PORT:-18080}                        # nginx fixed-body stub
PROXY_PORT=${PROXY_PORT:-18081}                      # nginx reverse proxy -> stub
CAP_STUB_PORT=${CAP_STUB_PORT:-18082}                # stateful Java stub (capacity only)
NGINX_WORKERS=${NGINX_WORKERS:-1}
REEF_XMX=${REEF_XMX:-512m}
REEF_JAVA_OPTS=${REEF_JAVA_OPTS:-}
UPSTREAM_ACCOUNTS=${UPSTREAM_ACCOUNTS:-1}            # upstream accounts per provider: "default" plus acct2..acctN, weight 1
POLL_REUSE=${POLL_REUSE:-}                           # e.g. 0S: Reef's poll-answer reuse window
                                                     # (default: the app's, 1 s; 0S = in-flight sharing only)
PG_DB=${PG_DB:-reef_bench}
PG_USER=${PG_USER:-reef_bench}
PG_PASSWORD=${PG_PASSWORD:-reef_bench_pw}
SKIP_BUILD=${SKIP_BUILD:-0}                          # 1: use the existing jar even if stale
KEEP_PG=${KEEP_PG:-0}                                # 1: leave PostgreSQL running if we started it
ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(32))')   # Reef refuses short tokens

# One run at a time: two runs would share the ports, the CPU and the reef_bench database.
exec 9>/tmp/reef-bench.lock
flock -n 9 || { echo "[bench] another run-load.sh is running (lock /tmp/reef-bench.lock); try again later" >&2; exit 1; }

MVNW="$ROOT/mvnw"
GATLING_POM="$BENCH_DIR/gatling/pom.xml"
RUN_ID=$(date +%Y%m%d-%H%M%S)
RUN_DIR=${RUN_DIR:-"$BENCH_DIR/results/run-$RUN_ID"}
LOGS="$RUN_DIR/logs"
WORK=$(mktemp -d /tmp/reef-bench.XXXXXX)
mkdir -p "$RUN_DIR" "$LOGS"
MANIFEST="$RUN_DIR/runs.jsonl"
: > "$MANIFEST"

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------------------ process handling
# Every long-lived child is started with setsid, so it leads its own process group and can be
# stopped (with its own children: nginx workers, the forked Gatling JVM) by that id alone.
PIDS=()          # process-group leaders we started, stopped in reverse order on exit
PG_STARTED=0
REEF_PID=""

start_bg() { # start_bg LOGFILE CMD... ; sets BG_PID
  local logfile=$1; shift
  setsid "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  BG_PID=$!
  PIDS+=("$BG_PID")
}

forget_pid() { # forget_pid PID : it was stopped already
  local kept=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

stop_pid() { # stop_pid PID : TERM its process group, KILL after 15 s
  local pid=$1 i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[$i]}"
  done
  if [[ "$PG_STARTED" == 1 && "$KEEP_PG" != 1 ]]; then
    log "stopping PostgreSQL (this script started it)"
    pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

run_fg() { # run_fg LOGFILE CMD... : a foreground step that a signal can still interrupt
  local logfile=$1; shift
  setsid "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  local pid=$!
  PIDS+=("$pid")
  local rc=0
  wait "$pid" || rc=$?
  forget_pid "$pid"
  return "$rc"
}

wait_http() { # wait_http URL SECONDS [PID]
  local url=$1 limit=$2 pid=${3:-} i
  for ((i = 0; i < limit * 4; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.25
  done
  return 1
}

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ------------------------------------------------------------------------------------ tools
ensure_tools() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
      || { apt-get update -qq >>"$LOGS/apt.log" 2>&1 && apt-get install -y -qq "${missing[@]}" >>"$LOGS/apt.log" 2>&1; } \
      || die "could not install ${missing[*]} (see $LOGS/apt.log)"
  fi
  command -v java >/dev/null || die "java (17) is required"
  command -v python3 >/dev/null || die "python3 is required"
  command -v pg_ctlcluster >/dev/null || die "PostgreSQL 15 (pg_ctlcluster) is required"
  # 10,000 open requests need 10k+ descriptors in Gatling and in Reef (root may raise the hard limit)
  local limit
  limit=$(ulimit -Hn)
  if [[ "$limit" != unlimited && "$limit" -lt 65536 ]]; then ulimit -Hn 65536 2>/dev/null || true; fi
  limit=$(ulimit -Hn)
  if [[ "$limit" == unlimited || "$limit" -ge 65536 ]]; then ulimit -Sn 65536; else ulimit -Sn "$limit"; fi
  log "open files limit: $(ulimit -n)"
  if [[ "$SKIP_CAPACITY" != 1 && "$(ulimit -n)" -lt $((CAPACITY_USERS + 2048)) ]]; then
    log "WARNING: open files limit $(ulimit -n) is low for $CAPACITY_USERS open requests"
  fi
  for port in "$REEF_PORT" "$REEF_MGMT_PORT" "$STUB_PORT" "$PROXY_PORT" "$CAP_STUB_PORT"; do
    port_free "$port" || die "port $port is already in use (set REEF_PORT/REEF_MGMT_PORT/STUB_PORT/PROXY_PORT/CAP_STUB_PORT)"
  done
}

# ------------------------------------------------------------------------------------ Reef jar
ensure_jar() {
  local jar="$ROOT/target/quarkus-app/quarkus-run.jar"
  if [[ "$SKIP_BUILD" != 1 ]]; then
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -type f -print -quit)" ]]; then
      log "building Reef: ./mvnw -q package -DskipTests (jar missing or older than the sources)"
      (cd "$ROOT" && "$MVNW" -q -B package -DskipTests) >"$LOGS/build.log" 2>&1 || die "build failed (see $LOGS/build.log)"
    fi
  fi
  [[ -f "$jar" ]] || die "no $jar (build it or unset SKIP_BUILD)"
  # Run a private copy, so a concurrent 'mvn package/verify' cannot swap the jar under a run.
  cp -a "$ROOT/target/quarkus-app" "$WORK/reef-app"
  REEF_JAR="$WORK/reef-app/quarkus-run.jar"
  log "Reef jar: $jar ($(date -r "$jar" '+%F %T'))"
}

# -------------------------------------------------------------------------------- PostgreSQL
psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -d postgres" >>"$LOGS/psql.log" 2>&1; }

ensure_pg() {
  if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
    log "starting PostgreSQL 15 (pg_ctlcluster 15 main start)"
    pg_ctlcluster 15 main start 9>&-   # the server must not inherit (and so keep) the run lock
    PG_STARTED=1
  fi
  local i
  for i in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL is not accepting connections on 5432"
  psql_admin <<SQL || die "could not create role $PG_USER (see $LOGS/psql.log)"
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
}

fresh_db() {
  log "recreating database $PG_DB (empty; Reef's Flyway creates the schema)"
  psql_admin <<SQL || die "could not recreate $PG_DB (see $LOGS/psql.log)"
DROP DATABASE IF EXISTS $PG_DB WITH (FORCE);
CREATE DATABASE $PG_DB OWNER $PG_USER;
SQL
}

# ------------------------------------------------------------------------------------- nginx
start_nginx() { # start_nginx NAME TEMPLATE PORT [UPSTREAM_PORT]
  local name=$1 template=$2 port=$3 upstream=${4:-}
  local dir="$WORK/nginx-$name"
  mkdir -p "$dir/tmp" "$dir/logs"
  sed -e "s#@PORT@#$port#g; s#@UPSTREAM_PORT@#$upstream#g; s#@DIR@#$dir#g; s#@WORKERS@#$NGINX_WORKERS#g" \
    "$template" >"$dir/nginx.conf"
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" 2>"$LOGS/nginx-$name.test.log" || die "bad nginx config (see $LOGS/nginx-$name.test.log)"
  start_bg "$LOGS/nginx-$name.log" nginx -p "$dir" -c "$dir/nginx.conf"
  wait_http "http://127.0.0.1:$port/v1/jobs/job_ready" 10 "$BG_PID" || die "nginx $name did not start (see $dir/error.log)"
  log "nginx $name on 127.0.0.1:$port (pid $BG_PID)"
}

start_cap_stub() {
  start_bg "$LOGS/stub-java.log" env STUB_PORT="$CAP_STUB_PORT" STUB_TASK_SECONDS="$CAPACITY_WAIT" STUB_THREADS=4 \
    java -Xmx1g -XX:+UseParallelGC -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=8192 \
    "$BENCH_DIR/stub/Stub.java"
  CAP_STUB_PID=$BG_PID
  wait_http "http://127.0.0.1:$CAP_STUB_PORT/stats" 60 "$CAP_STUB_PID" || die "Java stub did not start (see $LOGS/stub-java.log)"
  log "stateful Java stub on 127.0.0.1:$CAP_STUB_PORT (pid $CAP_STUB_PID, tasks complete after ${CAPACITY_WAIT}s)"
}

# -------------------------------------------------------------------------------------- Reef
start_reef() { # start_reef NAME SHARKAI_URL SHARKAPI_URL RECONCILER [extra -D...]
  local name=$1 sharkai=$2 sharkapi=$3 reconciler=$4; shift 4
  local accounts=() i
  for ((i = 2; i <= UPSTREAM_ACCOUNTS; i++)); do
    accounts+=("-Dreef.providers.sharkai.accounts.acct$i.api-key=x$i" "-Dreef.providers.sharkapi.accounts.acct$i.api-key=x$i")
  done
  # shellcheck disable=SC2086
  start_bg "$LOGS/reef-$name.log" env \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$PG_DB" \
    QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    REEF_ADMIN_TOKEN="$ADMIN_TOKEN" \
    java "-Xmx$REEF_XMX" $REEF_JAVA_OPTS \
      "-Dquarkus.http.port=$REEF_PORT" "-Dquarkus.management.port=$REEF_MGMT_PORT" \
      "-Dquarkus.rest-client.sharkai.url=$sharkai" "-Dquarkus.rest-client.sharkapi.url=$sharkapi" \
      -Dreef.providers.sharkai.api-key=x -Dreef.providers.sharkapi.api-key=x ${accounts[@]+"${accounts[@]}"} \
      "-Dreef.reconciler.enabled=$reconciler" \
      ${POLL_REUSE:+"-Dquarkus.cache.caffeine.\"poll-answers\".expire-after-write=$POLL_REUSE"} "$@" \
      -jar "$REEF_JAR"
  REEF_PID=$BG_PID
  wait_http "http://127.0.0.1:$REEF_MGMT_PORT/q/health/ready" 180 "$REEF_PID" \
    || { tail -40 "$LOGS/reef-$name.log" >&2; die "Reef did not become ready (see $LOGS/reef-$name.log)"; }
  log "Reef ($name) on 127.0.0.1:$REEF_PORT (pid $REEF_PID, -Xmx$REEF_XMX, reconciler.enabled=$reconciler, $UPSTREAM_ACCOUNTS upstream account(s) per provider)"
}

stop_reef() {
  [[ -n "$REEF_PID" ]] || return 0
  stop_pid "$REEF_PID"
  forget_pid "$REEF_PID"
  REEF_PID=""
}

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

setup_tenant() {
  local tenant
  tenant=$(curl -fsS "http://127.0.0.1:$REEF_PORT/reef/admin/v1/tenants" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"bench","quota":{"limit_usd":1000000,"period":"total"},"markup_percent":0}' | json_field id) \
    || die "could not create the bench tenant"
  REEF_KEY=$(curl -fsS "http://127.0.0.1:$REEF_PORT/reef/admin/v1/tenants/$tenant/keys" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"name":"bench"}' | json_field key) \
    || die "could not issue a key"
  log "tenant $tenant, key ${REEF_KEY:0:12}..."
}

# -------------------------------------------------------------------------------- scenarios
SHARKAPI_BODY='{"mode":"1k","prompt":"bench"}'
SHARKAI_ASYNC_BODY='{"model":"openai/gpt-image-2","prompt":"bench","size":"1024x1024","async":true}'
SHARKAI_SYNC_BODY='{"model":"openai/gpt-image-2","prompt":"bench","size":"1024x1024"}'
REEF_POLL_ID=""

target_url() {
  case "$1" in
    direct) echo "http://127.0.0.1:$STUB_PORT" ;;
    nginx) echo "http://127.0.0.1:$PROXY_PORT" ;;
    reef) echo "http://127.0.0.1:$REEF_PORT" ;;
    *) die "unknown target $1" ;;
  esac
}

# sets METHOD PATH_ BODY AUTH for scenario $1 and target $2
scenario_request() {
  local scenario=$1 target=$2
  if [[ "$target" == reef ]]; then AUTH="Bearer $REEF_KEY"; else AUTH="Bearer x"; fi
  case "$scenario" in
    generate) METHOD=POST; PATH_=/v1/generate; BODY=$SHARKAPI_BODY ;;
    async) METHOD=POST; PATH_=/api/v1/images/generations; BODY=$SHARKAI_ASYNC_BODY ;;
    poll)
      METHOD=GET; BODY=""
      if [[ "$target" == reef ]]; then ensure_poll_job; PATH_="/v1/jobs/$REEF_POLL_ID"; else PATH_=/v1/jobs/job_bench; fi
      ;;
    *) die "unknown scenario $scenario (generate, poll, async)" ;;
  esac
}

ensure_poll_job() { # a running Reef job, created once by a setup POST through Reef
  if [[ -z "$REEF_POLL_ID" ]]; then
    REEF_POLL_ID=$(curl -fsS "http://127.0.0.1:$REEF_PORT/v1/generate" -H "Authorization: Bearer $REEF_KEY" \
      -H 'Content-Type: application/json' -d "$SHARKAPI_BODY" | json_field job_id) || die "setup POST for the poll scenario failed"
    log "poll scenario: Reef job $REEF_POLL_ID"
  fi
}

start_procmon() { # start_procmon NAME [metrics]: samples Reef (and the machine) while a run lasts
  local name=$1 metrics=${2:-}
  local args=(--pid "$REEF_PID" --out "$RUN_DIR/$name.procmon.csv" --interval 1)
  if [[ -n "$metrics" ]]; then
    args+=(--metrics "http://127.0.0.1:$REEF_MGMT_PORT/q/metrics" --metrics-out "$RUN_DIR/$name.metrics.csv" --metrics-interval 2)
  fi
  start_bg "$LOGS/procmon-$name.log" python3 "$BENCH_DIR/procmon.py" "${args[@]}"
  PROCMON_PID=$BG_PID
}

stop_procmon() {
  stop_pid "$PROCMON_PID"
  forget_pid "$PROCMON_PID"
}

b64() { printf '%s' "$1" | base64 -w0; } # see BenchProps.text: the Gatling plugin mangles quotes/spaces

settle() { # wait (up to 30 s) until Reef is idle again (< 15 % of a core), so one run's backlog does not leak into the next
  [[ -n "$REEF_PID" ]] || return 0
  local i before after hz
  hz=$(getconf CLK_TCK)
  for i in $(seq 1 30); do
    before=$(awk '{print $14 + $15}' "/proc/$REEF_PID/stat" 2>/dev/null) || return 0
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$REEF_PID/stat" 2>/dev/null) || return 0
    if (( (after - before) * 100 < 15 * hz )); then return 0; fi
  done
  log "note: Reef still busy after 30 s of cool-down"
}

manifest() { python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@" >>"$MANIFEST"; }

gatling_rate() { # gatling_rate SCENARIO TARGET RATE
  local scenario=$1 target=$2 rate=$3
  local name="rate-$scenario-$target-$rate"
  scenario_request "$scenario" "$target"
  settle
  log "$name: $METHOD $PATH_ @ $rate req/s, warm-up ${WARMUP}s + ${DURATION}s"
  start_procmon "$name"
  local rc=0
  run_fg "$RUN_DIR/$name.gatling.log" "$MVNW" -B -q -f "$GATLING_POM" gatling:test \
    -Dgatling.simulationClass=reef.bench.RateSimulation \
    "-Dgatling.resultsFolder=$RUN_DIR/gatling/$name" \
    "-Dtarget=$(target_url "$target")" "-Dmethod=$METHOD" "-Dpath=$PATH_" "-DbodyB64=$(b64 "$BODY")" "-DauthB64=$(b64 "$AUTH")" \
    "-Drate=$rate" "-Dwarmup=$WARMUP" "-Dduration=$DURATION" "-Dtimeout=$REQUEST_TIMEOUT" \
    "-Dmarker=$RUN_DIR/$name.marker.json" || rc=$?
  stop_procmon
  [[ $rc == 0 ]] || log "WARNING: Gatling exited $rc for $name (see $RUN_DIR/$name.gatling.log)"
  manifest kind rate scenario "$scenario" target "$target" rate "$rate" name "$name" exit "$rc"
  sleep "$COOLDOWN"
}

# Reef is a JVM: its JIT keeps compiling for a minute or two under load (on 2 shared cores the
# compiler threads compete with the requests), so each scenario is first run against Reef, unmeasured,
# for PRIME_SECONDS at PRIME_RATE. The figures are then steady-state ones, as nginx's always are.
prime_reef() { # prime_reef SCENARIO
  local scenario=$1
  (( PRIME_SECONDS > 0 )) || return 0
  local name="prime-$scenario-reef"
  scenario_request "$scenario" reef
  log "$name: $METHOD $PATH_ @ $PRIME_RATE req/s for ${PRIME_SECONDS}s (JIT warm-up, not measured)"
  local rc=0
  run_fg "$LOGS/$name.gatling.log" "$MVNW" -B -q -f "$GATLING_POM" gatling:test \
    -Dgatling.simulationClass=reef.bench.RateSimulation \
    "-Dgatling.resultsFolder=$RUN_DIR/gatling/$name" \
    "-Dtarget=$(target_url reef)" "-Dmethod=$METHOD" "-Dpath=$PATH_" "-DbodyB64=$(b64 "$BODY")" "-DauthB64=$(b64 "$AUTH")" \
    "-Drate=$PRIME_RATE" "-Dwarmup=$PRIME_SECONDS" "-Dramp=$PRIME_RAMP" "-Dduration=1" "-Dtimeout=$REQUEST_TIMEOUT" \
    "-Dmarker=$LOGS/$name.marker.json" || rc=$?
  [[ $rc == 0 ]] || log "WARNING: Gatling exited $rc for $name (see $LOGS/$name.gatling.log)"
  sleep "$COOLDOWN"
}

wrk_saturation() { # wrk_saturation SCENARIO TARGET
  local scenario=$1 target=$2
  local name="sat-$scenario-$target"
  scenario_request "$scenario" "$target"
  settle
  log "$name: wrk -t$SAT_THREADS -c$SAT_CONNECTIONS -d${SAT_DURATION}s $METHOD $PATH_"
  start_procmon "$name"
  local rc=0
  run_fg "$RUN_DIR/$name.wrk.txt" env WRK_METHOD="$METHOD" WRK_BODY="$BODY" WRK_AUTH="$AUTH" \
    wrk "-t$SAT_THREADS" "-c$SAT_CONNECTIONS" "-d${SAT_DURATION}s" --timeout 10s --latency \
    -s "$BENCH_DIR/wrk/request.lua" "$(target_url "$target")$PATH_" || rc=$?
  stop_procmon
  [[ $rc == 0 ]] || log "WARNING: wrk exited $rc for $name"
  manifest kind saturation scenario "$scenario" target "$target" name "$name" connections "$SAT_CONNECTIONS" \
    threads "$SAT_THREADS" exit "$rc"
  sleep "$COOLDOWN"
}

capacity() {
  log "capacity: $CAPACITY_USERS sync Shark AI requests over ${CAPACITY_RAMP}s, tasks complete after ${CAPACITY_WAIT}s"
  stop_reef
  start_cap_stub
  fresh_db
  start_reef capacity "http://127.0.0.1:$CAP_STUB_PORT" "http://127.0.0.1:$STUB_PORT" "$CAPACITY_RECONCILER" \
    "-Dreef.providers.sharkai.sync-poll-interval=$CAPACITY_POLL"
  setup_tenant
  local name=capacity
  start_procmon "$name" metrics
  local rc=0
  run_fg "$RUN_DIR/$name.gatling.log" "$MVNW" -B -q -f "$GATLING_POM" gatling:test \
    -Dgatling.simulationClass=reef.bench.CapacitySimulation \
    "-Dgatling.resultsFolder=$RUN_DIR/gatling/$name" \
    "-Dtarget=http://127.0.0.1:$REEF_PORT" -Dpath=/api/v1/images/generations "-DbodyB64=$(b64 "$SHARKAI_SYNC_BODY")" \
    "-DauthB64=$(b64 "Bearer $REEF_KEY")" "-Dusers=$CAPACITY_USERS" "-Dramp=$CAPACITY_RAMP" "-Dtimeout=$CAPACITY_TIMEOUT" \
    -Dgatling.jvmXmx=2g "-Dmarker=$RUN_DIR/$name.marker.json" || rc=$?
  sleep 3 # one more metrics sample after the last answer
  stop_procmon
  curl -fsS --max-time 5 "http://127.0.0.1:$CAP_STUB_PORT/stats" >"$RUN_DIR/$name.stub-stats.json" 2>/dev/null || echo '{}' >"$RUN_DIR/$name.stub-stats.json"
  [[ $rc == 0 ]] || log "WARNING: Gatling exited $rc for capacity (see $RUN_DIR/$name.gatling.log)"
  manifest kind capacity name "$name" users "$CAPACITY_USERS" ramp "$CAPACITY_RAMP" wait "$CAPACITY_WAIT" \
    timeout "$CAPACITY_TIMEOUT" poll_interval "$CAPACITY_POLL" reconciler "$CAPACITY_RECONCILER" exit "$rc"
}

# -------------------------------------------------------------------------------------- main
main() {
  log "run directory: $RUN_DIR"
  ensure_tools
  ensure_jar
  ensure_pg
  fresh_db

  log "compiling the Gatling simulations"
  (cd "$ROOT" && "$MVNW" -B -q -f "$GATLING_POM" test-compile) >"$LOGS/gatling-compile.log" 2>&1 \
    || die "Gatling project does not compile (see $LOGS/gatling-compile.log)"

  start_nginx stub "$BENCH_DIR/nginx/stub.conf.template" "$STUB_PORT"
  start_nginx proxy "$BENCH_DIR/nginx/proxy.conf.template" "$PROXY_PORT" "$STUB_PORT"
  start_reef rate "http://127.0.0.1:$STUB_PORT" "http://127.0.0.1:$STUB_PORT" false
  setup_tenant

  python3 - "$RUN_DIR/meta.json" <<PY
import json, os, subprocess, sys, time
def sh(cmd):
    try: return subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd="$ROOT").stdout.strip()
    except Exception: return ""
json.dump({
  "run_id": "$RUN_ID", "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
  "rates": "$RATES".split(), "duration": $DURATION, "warmup": $WARMUP, "quick": "$QUICK" == "1",
  "scenarios": "$SCENARIOS".split(), "targets": "$TARGETS".split(),
  "sat_threads": $SAT_THREADS, "sat_connections": $SAT_CONNECTIONS, "sat_duration": $SAT_DURATION,
  "request_timeout": $REQUEST_TIMEOUT, "reef_xmx": "$REEF_XMX", "poll_reuse": "$POLL_REUSE",
  "prime_seconds": $PRIME_SECONDS, "prime_rate": $PRIME_RATE, "prime_ramp": $PRIME_RAMP, "nginx_workers": $NGINX_WORKERS,
  "reconciler_rate_runs": False, "cores": os.cpu_count(), "clk_tck": os.sysconf("SC_CLK_TCK"),
  "git": sh("git rev-parse --short HEAD") + (" (dirty)" if sh("git status --porcelain -- src/main pom.xml") else ""),
  "jar_built": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime("$ROOT/target/quarkus-app/quarkus-run.jar"))),
  "jar_stale": bool(sh("find src/main pom.xml -newer target/quarkus-app/quarkus-run.jar -type f -print -quit")),
  "java": sh("java -version 2>&1 | head -1"), "nginx": sh("nginx -v 2>&1"), "wrk": sh("wrk -v 2>&1 | head -1"),
}, open(sys.argv[1], "w"), indent=2)
PY

  local scenario rate target
  if [[ "$SKIP_RATES" != 1 ]]; then
    for scenario in $SCENARIOS; do
      [[ " $TARGETS " == *" reef "* ]] && prime_reef "$scenario"
      for rate in $RATES; do
        for target in $TARGETS; do
          gatling_rate "$scenario" "$target" "$rate"
        done
      done
    done
  fi
  if [[ "$SKIP_SATURATION" != 1 ]]; then
    for scenario in $SCENARIOS; do
      # Without the rate runs nothing has warmed this scenario's code yet.
      [[ "$SKIP_RATES" == 1 && " $TARGETS " == *" reef "* ]] && prime_reef "$scenario"
      for target in $TARGETS; do
        wrk_saturation "$scenario" "$target"
      done
    done
  fi

  if [[ "$SKIP_CAPACITY" != 1 ]]; then
    capacity
  fi

  stop_reef
  python3 "$BENCH_DIR/report.py" "$RUN_DIR" --latest "$BENCH_DIR/results"
}

main "$@"
