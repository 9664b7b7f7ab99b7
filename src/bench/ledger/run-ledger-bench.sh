#!/usr/bin/env bash
# Ledger-scale benchmark (issue: quotas at 1,000 tenants / 1,000,000 ledger entries).
# Seeds the installed PostgreSQL 15 with 1,000 tenants plus one heavy tenant and 1,000,000 completed
# jobs + ledger entries over 90 days (seed.sql), starts the packaged Reef against it, and measures:
#   - GET /reef/v1/me and the usage reports through Reef (wrk, random tenant per request),
#   - the hold step itself (pgbench running Reef's conditional UPDATE), on random tenants and on
#     one hot tenant,
#   - the query plans of the report queries (index use, no full scans),
#   - the monthly statement (JSON, CSV, HTML) of one tenant with STATEMENT_ENTRIES (1,000,000)
#     ledger entries in one month, Reef restarted with its heap capped at STATEMENT_HEAP (256m),
#   - the console's dashboard and tenant-page statements (console-*.sql, pgbench: they read the
#     daily rollup ledger_daily), on a small tenant, the heavy tenant and the tenant with
#     STATEMENT_ENTRIES; that the rollup equals the ledger; optionally (PAGES=1) GET /console/ and
#     a tenant's page through Reef after a login; optionally (TRIGGER_COST=1) what the rollup's
#     trigger costs a settlement (settle.sql, pgbench, with and without the trigger, alternating).
# Usage: src/bench/ledger/run-ledger-bench.sh
#   (env: TENANTS, PER_TENANT, DURATION, CONNECTIONS, STATEMENT_ENTRIES, STATEMENT_HEAP,
#    ONLY_STATEMENT=1 to seed and measure the statement only, SKIP_STATEMENT=1 to leave it out,
#    ONLY_CONSOLE=1 to seed and measure the console's statements only, CONSOLE_RUNS,
#    PAGES=1 and PAGE_RUNS (20) for the pages through Reef, TRIGGER_COST=1 and TRIGGER_RUNS (3),
#    TRIGGER_SECONDS (8) for the trigger's cost)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
TENANTS=${TENANTS:-1000}
PER_TENANT=${PER_TENANT:-1000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8090}
MGMT_PORT=${MGMT_PORT:-9090}   # Reef's management interface (health)
STATEMENT_ENTRIES=${STATEMENT_ENTRIES:-1000000}
STATEMENT_HEAP=${STATEMENT_HEAP:-256m}
ONLY_STATEMENT=${ONLY_STATEMENT:-0}
SKIP_STATEMENT=${SKIP_STATEMENT:-0}
ONLY_CONSOLE=${ONLY_CONSOLE:-0}
CONSOLE_RUNS=${CONSOLE_RUNS:-20}
PAGES=${PAGES:-0}
PAGE_RUNS=${PAGE_RUNS:-20}
TRIGGER_COST=${TRIGGER_COST:-0}
TRIGGER_RUNS=${TRIGGER_RUNS:-3}
TRIGGER_SECONDS=${TRIGGER_SECONDS:-8}
ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(32))')   # Reef refuses short tokens
DB=reef_ledger_bench
out=$(mktemp -d)
reef_pid=""
pg_started=0
cleanup() {
  [ -n "$reef_pid" ] && kill "$reef_pid" 2>/dev/null || true
  if [ "$pg_started" = 1 ] && [ "${KEEP_PG:-0}" != 1 ]; then pg_ctlcluster 15 main stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
  # without this script's inherited descriptors: the server must not keep a caller's lock
  # (flock /tmp/reef-test.lock ...) held after the benchmark has ended
  ( for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
    exec pg_ctlcluster 15 main start ) 2>/dev/null || true
  pg_started=1   # stopped again on exit, unless KEEP_PG=1
fi
psql_admin() { su postgres -c "psql -q -v ON_ERROR_STOP=1 $*"; }
psql_admin "-c \"DROP DATABASE IF EXISTS $DB\"" 
psql_admin "-c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reef') THEN CREATE ROLE reef LOGIN PASSWORD 'reef'; END IF; END \\\$\\\$\""
psql_admin "-c \"CREATE DATABASE $DB OWNER reef\""

jar="$root/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" -newer "$jar" -type f | head -1)" ]; then
  (cd "$root" && ./mvnw -q -B package -DskipTests)
fi

start_reef() { # [heap]
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$DB" QUARKUS_DATASOURCE_USERNAME=reef \
  QUARKUS_DATASOURCE_PASSWORD=reef REEF_ADMIN_TOKEN="$ADMIN_TOKEN" \
    java -Xmx${1:-512m} -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MGMT_PORT -Dreef.reconciler.enabled=false -Dquarkus.log.level=WARN \
    -jar "$jar" > "$out/reef.log" 2>&1 &
  reef_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "localhost:$MGMT_PORT/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "Reef did not start; see $out/reef.log" >&2; exit 1
}
start_reef # creates the schema
results="$out/results.md"
{
  echo "| endpoint | requests/s | p50 | p90 | p99 | max | errors | load average |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} > "$results"

# The console's statements (console-*.sql, the very SQL of io.reef.console.view.ConsoleRepository),
# one page's transaction at a time with pgbench -M prepared: the first run, then the average of
# CONSOLE_RUNS, with each statement's average. The window is the one the console reads: the UTC days
# from the earlier of 29 days ago and the month's first day, to today (console_to: tomorrow, excluded).
today=$(date -u +%Y-%m-%d)
chart_from=$(date -u -d "$today -29 days" +%Y-%m-%d)
month_from=$(date -u +%Y-%m-01)
if [[ "$month_from" < "$chart_from" ]]; then console_from=$month_from; else console_from=$chart_from; fi
console_to=$(date -u -d "$today +1 day" +%Y-%m-%d)
load() { cut -d' ' -f1-3 /proc/loadavg; }
entries_of() { # tenant: its entries, and those in the console's window
  PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT count(*) || ' entries, ' || count(*) FILTER (
    WHERE created_at >= '${console_from}T00:00:00Z' AND created_at < '${console_to}T00:00:00Z') || ' in the window'
    FROM ledger_entry WHERE tenant_id = '$1'"
}
console_page() { # label script pgbench-args...
  local label=$1 script=$2 first
  shift 2
  PGPASSWORD=reef pgbench -n -M prepared -h localhost -U reef -d $DB -c 1 -j 1 -t 1 -f "$here/$script" \
    -D from="$console_from" -D to="$console_to" "$@" > "$out/pgbench-first.txt" 2>&1 \
    || { cat "$out/pgbench-first.txt" >&2; exit 1; }
  first=$(awk '/latency average/ {print $4}' "$out/pgbench-first.txt")
  PGPASSWORD=reef pgbench -n -M prepared -r -h localhost -U reef -d $DB -c 1 -j 1 -t "$CONSOLE_RUNS" -f "$here/$script" \
    -D from="$console_from" -D to="$console_to" "$@" > "$out/pgbench.txt" 2>&1 || { cat "$out/pgbench.txt" >&2; exit 1; }
  python3 - "$label" "$first" "$CONSOLE_RUNS" "$out/pgbench.txt" "$(load)" >> "$results" <<'PY'
import re, sys
label, first, runs, text = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4]).read()
avg = re.search(r"latency average = (\S+) ms", text).group(1)
body = text.split("statement latencies in milliseconds", 1)[1].split("\n")[1:]
parts = []
for line in body:
    m = re.match(r"\s+([\d.]+)\s+(?:\d+\s+)?(\S.*)", line)
    if m and m.group(2).startswith("SELECT"):
        parts.append(f"{m.group(2)[:38].strip()}...: {m.group(1)} ms")
print(f"| console: {label} | | first {float(first):.1f} ms, avg of {runs} {float(avg):.1f} ms ({'; '.join(parts)}) | | | | | load {sys.argv[5]} |")
PY
}
console_plans() { # tenant: the plans of the rollup reads (a range scan each)
  PGPASSWORD=reef psql -h localhost -U reef -d $DB -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
    SELECT day, sum(entries), sum(price_micros), sum(cost_micros) FROM ledger_daily
    WHERE day >= '$console_from' AND day < '$console_to' GROUP BY day" | grep -E "Scan|Aggregate|Execution Time"
  PGPASSWORD=reef psql -h localhost -U reef -d $DB -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
    SELECT day, provider, model, entries, price_micros, cost_micros FROM ledger_daily
    WHERE tenant_id = '$1' AND day >= '$console_from' AND day < '$console_to'" | grep -E "Scan|Execution Time"
  PGPASSWORD=reef psql -h localhost -U reef -d $DB -c "EXPLAIN (ANALYZE, COSTS OFF)
    SELECT count(*) FROM job WHERE tenant_id = '$1' AND terminal_at IS NULL" | grep -E "Scan|Execution Time"
}
rollup_check() { # the rollup equals the ledger, whole tables, one snapshot
  local t1 diff
  t1=$(date +%s%N)
  diff=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "WITH l AS (
      SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, provider, model, count(*) AS entries,
             sum(price_micros) AS price_micros, sum(cost_micros) AS cost_micros FROM ledger_entry GROUP BY 1, 2, 3, 4),
    r AS (SELECT tenant_id, day, provider, model, entries, price_micros, cost_micros FROM ledger_daily)
    SELECT count(*) FROM ((SELECT * FROM l EXCEPT SELECT * FROM r) UNION ALL (SELECT * FROM r EXCEPT SELECT * FROM l)) x")
  echo "| rollup check: ledger_daily ($(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c 'SELECT count(*) FROM ledger_daily') rows) vs ledger_entry GROUP BY ($(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c 'SELECT count(*) FROM ledger_entry') entries): $diff rows differ | | $(( ($(date +%s%N) - t1) / 1000000 )) ms | | | | | load $(load) |" >> "$results"
  [ "$diff" = 0 ] || { echo "the rollup differs from the ledger in $diff rows" >&2; exit 1; }
}

if [ "$ONLY_STATEMENT" != 1 ]; then
echo "Seeding $TENANTS tenants x $PER_TENANT ledger entries ..."
t0=$(date +%s)
PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -v tenants=$TENANTS -v entries=$((TENANTS * PER_TENANT)) -f "$here/seed.sql"
echo "Seeded in $(( $(date +%s) - t0 )) s (load $(load)): $(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c 'SELECT count(*) FROM ledger_entry') ledger entries, $(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c 'SELECT count(*) FROM ledger_daily') rollup rows"

from=$(date -u -d '90 days ago' +%Y-%m-%d)
measure() { # name path
  # warm-up, then the measured run
  TENANTS=$TENANTS BENCH_PATH="$2" wrk -t2 -c$CONNECTIONS -d5s -s "$here/random-tenant.lua" "http://localhost:$PORT" >/dev/null
  TENANTS=$TENANTS BENCH_PATH="$2" wrk -t2 -c$CONNECTIONS -d$DURATION --latency -s "$here/random-tenant.lua" \
    "http://localhost:$PORT" > "$out/wrk.txt"
  python3 - "$1" "$out/wrk.txt" >> "$results" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
lat = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", text, re.M))
mx = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text).group(1)
rps = re.search(r"Requests/sec:\s+(\S+)", text).group(1)
errs = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
print(f"| {name} | {float(rps):.0f} | {lat['50']} | {lat['90']} | {lat['99']} | {mx} | "
      f"{errs.group(1) if errs else 0}{' ' + sock.group(1) if sock else ''} |")
PY
}
if [ "$ONLY_CONSOLE" != 1 ]; then
measure "GET /reef/v1/me" "/reef/v1/me"
measure "GET /reef/v1/me/usage?group_by=day (90 days)" "/reef/v1/me/usage?from=$from&group_by=day"
measure "GET /reef/v1/me/usage?group_by=model (90 days)" "/reef/v1/me/usage?from=$from&group_by=model"
measure "GET /reef/v1/me/usage?group_by=provider (90 days)" "/reef/v1/me/usage?from=$from&group_by=provider"
measure "GET /reef/v1/me/jobs (newest 50)" "/reef/v1/me/jobs"

hold() { # label tenants clients
  PGPASSWORD=reef pgbench -n -h localhost -U reef -d $DB -f "$here/hold.sql" -D tenants=$2 -c $3 -j 2 -T 10 \
    2>/dev/null | awk -v l="$1" '/latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "| %s | %.0f | avg %s ms | | | | |\n", l, tps, lat}'
}
hold "hold step (SQL), random tenant, 8 clients" $TENANTS 8 >> "$results"
hold "hold step (SQL), one hot tenant, 8 clients" 1 8 >> "$results"

admin_tenant=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT md5('tenant1')::uuid")
t1=$(date +%s%N)
for _ in $(seq 1 20); do
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" \
    "localhost:$PORT/reef/admin/v1/ledger?tenant=$admin_tenant&from=$from&limit=1000" >/dev/null
done
echo "| GET /reef/admin/v1/ledger?tenant=..&limit=1000 (sequential x20) | | avg $(( ($(date +%s%N) - t1) / 20000000 )) ms | | | | |" >> "$results"
t1=$(date +%s%N)
rows=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Accept: text/csv' \
  "localhost:$PORT/reef/admin/v1/ledger?from=$from" | wc -l)
echo "| CSV statement, all tenants, 90 days ($((rows - 1)) lines) | | $(( ($(date +%s%N) - t1) / 1000000 )) ms total | | | | |" >> "$results"

echo
echo "Query plans (expect index scans only):"
PGPASSWORD=reef psql -h localhost -U reef -d $DB -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), NULL, count(*), sum(price_micros), sum(cost_micros)
  FROM ledger_entry WHERE tenant_id = md5('tenant7')::uuid AND created_at >= now() - interval '90 days'
  AND created_at < now() GROUP BY 1, 2 ORDER BY 1, 2" | grep -E "Scan|Execution Time"
fi # ONLY_CONSOLE

# the console: 100,000 events for the dashboard's newest ones, then its pages
PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -c "INSERT INTO event (id, type, tenant_id, body, created_at)
  SELECT md5('event' || i)::uuid, 'tenant.budget.threshold', md5('tenant' || (i % $TENANTS + 1))::uuid, '{}',
         now() - i * interval '1 minute' FROM generate_series(1, 100000) AS i; ANALYZE event"
bench_tenant=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT md5('tenant7')::uuid")
heavy_tenant=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT md5('heavy-tenant')::uuid")
in_window=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT count(*) FROM ledger_entry
  WHERE created_at >= '${console_from}T00:00:00Z' AND created_at < '${console_to}T00:00:00Z'")
console_page "dashboard, $((TENANTS * PER_TENANT)) entries ($in_window in the window from $console_from), 20 newest events" \
  console-dashboard.sql -D limit=20
console_page "tenant page, tenant 7 ($(entries_of "$bench_tenant"))" console-tenant.sql -D tenant="$bench_tenant"
console_page "tenant page, the heavy tenant ($(entries_of "$heavy_tenant"))" console-tenant.sql -D tenant="$heavy_tenant"
rollup_check
echo
echo "Console query plans (dashboard's daily sums, the heavy tenant's, its jobs in flight):"
console_plans "$heavy_tenant"

if [ "$PAGES" = 1 ]; then
  # the pages themselves, through Reef: log in as the operator (the login form's csrf field and
  # cookie, then the token), then PAGE_RUNS sequential GETs of each page after 5 unmeasured ones
  jar="$out/cookies.txt"
  csrf=$(curl -sf -c "$jar" -b "$jar" "localhost:$PORT/console/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
  login=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
    --data-urlencode "token=$ADMIN_TOKEN" "localhost:$PORT/console/login")
  [ "$login" = 303 ] || { echo "console login answered $login, not 303" >&2; exit 1; }
  page() { # label path
    local status
    for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "$jar" "localhost:$PORT$2"; done
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "localhost:$PORT$2")
    if [ "$status" != 200 ]; then
      echo "| page: GET $2 ($1) | | answered $status, not measured | | | | | load $(load) |" >> "$results"
      return 0
    fi
    for _ in $(seq 1 "$PAGE_RUNS"); do
      curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "localhost:$PORT$2"
    done > "$out/page-times.txt"
    python3 - "$1" "$2" "$out/page-times.txt" "$(load)" >> "$results" <<'PY'
import sys
label, path, times, load = sys.argv[1], sys.argv[2], sorted(float(t) * 1000 for t in open(sys.argv[3])), sys.argv[4]
median = (times[(len(times) - 1) // 2] + times[len(times) // 2]) / 2
p95 = times[min(len(times) - 1, -(-95 * len(times) // 100) - 1)]
print(f"| page: GET {path} ({label}), {len(times)} sequential requests (curl) | | median {median:.1f} ms, p95 {p95:.1f} ms | | | | | load {load} |")
PY
  }
  page "the dashboard" "/console/"
  page "the heavy tenant's page" "/console/tenants/$heavy_tenant"
fi

if [ "$TRIGGER_COST" = 1 ]; then
  # what the rollup's trigger costs a settlement: settle.sql on the heavy tenant for TRIGGER_SECONDS,
  # with the trigger disabled and enabled in turn, TRIGGER_RUNS times, 1 and 8 clients; afterwards the
  # rollup is rebuilt (the runs without the trigger left it short) and checked again
  settle() { # clients
    PGPASSWORD=reef pgbench -n -M prepared -h localhost -U reef -d $DB -f "$here/settle.sql" -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" \
      -T "$TRIGGER_SECONDS" 2>/dev/null | awk '/latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%.0f tps, avg %s ms", tps, lat}'
  }
  trigger() { PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -c "ALTER TABLE ledger_entry $1 TRIGGER ledger_entry_rolls_up_daily"; }
  for clients in 1 8; do
    for run in $(seq 1 "$TRIGGER_RUNS"); do
      trigger DISABLE
      without=$(settle "$clients"); without_load=$(load)
      trigger ENABLE
      with=$(settle "$clients"); with_load=$(load)
      echo "| settlement (settle.sql), heavy tenant, $clients client(s), run $run | | without trigger $without (load $without_load); with trigger $with (load $with_load) | | | | | |" >> "$results"
    done
  done
  PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -c "SELECT reef_ledger_daily_rebuild()" >/dev/null
  rollup_check
fi

fi # ONLY_STATEMENT

if [ "$SKIP_STATEMENT" != 1 ]; then
  # The statement of the last complete month, for one tenant with STATEMENT_ENTRIES entries in it.
  month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)
  echo "Seeding one tenant with $STATEMENT_ENTRIES ledger entries in $month ..."
  t0=$(date +%s)
  PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -v entries=$STATEMENT_ENTRIES -v month_start="$month-01T00:00:00Z" \
    -f "$here/seed-statement.sql"
  echo "Seeded in $(( $(date +%s) - t0 )) s"
  statement_tenant=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT md5('statement-tenant')::uuid")
  all_entries=$(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT count(*) FROM ledger_entry")
  console_page "tenant page, the statement tenant ($(entries_of "$statement_tenant"))" console-tenant.sql \
    -D tenant="$statement_tenant"
  console_page "dashboard, $all_entries entries" console-dashboard.sql -D limit=20
  rollup_check
  echo
  echo "Console query plans with the statement tenant:"
  console_plans "$statement_tenant"
  if [ "$ONLY_CONSOLE" != 1 ]; then
  kill "$reef_pid"; wait "$reef_pid" 2>/dev/null || true
  start_reef "$STATEMENT_HEAP"
  statement_url="localhost:$PORT/reef/admin/v1/tenants/$statement_tenant/statement?month=$month"
  heap_peak() { # the largest heap in use (MB) seen while pid $1 runs
    local peak=0 used
    while kill -0 "$1" 2>/dev/null; do
      used=$(curl -sf "localhost:$MGMT_PORT/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%d", s / 1048576}')
      [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used
      sleep 0.2
    done
    echo "$peak"
  }
  timed() { # label accept runs: sequential requests, each timed; prints the first and the best run
    local label=$1 accept=$2 runs=$3 first="" best="" ms size
    for i in $(seq 1 "$runs"); do
      t1=$(date +%s%N)
      size=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H "Accept: $accept" "$statement_url" | wc -c)
      ms=$(( ($(date +%s%N) - t1) / 1000000 ))
      [ -z "$first" ] && first=$ms
      { [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
    done
    echo "| statement $label, 1 tenant x $STATEMENT_ENTRIES entries in $month, -Xmx$STATEMENT_HEAP ($size bytes) | | first $first ms, best of $runs $best ms | | | | |" >> "$results"
  }
  timed JSON application/json 5
  timed HTML text/html 5
  # the CSV: every entry, streamed; the heap in use is sampled while it downloads
  for run in 1 2; do
    t1=$(date +%s%N)
    curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Accept: text/csv' "$statement_url" -o "$out/statement.csv" &
    curl_pid=$!
    peak=$(heap_peak $curl_pid)
    wait $curl_pid
    ms=$(( ($(date +%s%N) - t1) / 1000000 ))
    echo "| statement CSV run $run ($(wc -l < "$out/statement.csv") lines, $(( $(wc -c < "$out/statement.csv") / 1048576 )) MB), -Xmx$STATEMENT_HEAP, peak heap in use $peak MB | | $ms ms total | | | | |" >> "$results"
  done
  # what the CSV says equals the ledger
  PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c "SELECT count(*), sum(price_micros) FROM ledger_entry
    WHERE tenant_id = '$statement_tenant' AND created_at >= '$month-01T00:00:00Z'
      AND created_at < CAST('$month-01T00:00:00Z' AS timestamptz) + interval '1 month'" > "$out/ledger-sum.txt"
  python3 - "$out/statement.csv" "$out/ledger-sum.txt" <<'PY'
import sys
from decimal import Decimal
blocks = open(sys.argv[1], newline="").read().split("\r\n\r\n")
summary = dict(line.split(",", 1) for line in blocks[0].split("\r\n") if line)
entries = [line for line in blocks[3].split("\r\n")[1:] if line]
total = sum(Decimal(line.split(",")[5]) for line in entries)
count, micros = open(sys.argv[2]).read().strip().split("|")
assert len(entries) == int(count) == int(summary["charges_count"]), (len(entries), count, summary["charges_count"])
assert total * 1000000 == int(micros) == Decimal(summary["total_charges_usd"]) * 1000000, (total, micros)
print(f"CSV statement checked against the ledger: {len(entries)} entries, total {total} USD")
PY
  echo
  echo "Statement query plan (the month's charges by provider and model):"
  PGPASSWORD=reef psql -h localhost -U reef -d $DB -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
    SELECT provider, model, count(*), sum(price_micros), sum(cost_micros) FROM ledger_entry
    WHERE tenant_id = '$statement_tenant' AND created_at >= '$month-01T00:00:00Z'
      AND created_at < CAST('$month-01T00:00:00Z' AS timestamptz) + interval '1 month'
    GROUP BY provider, model ORDER BY provider, model" | grep -E "Scan|Aggregate|Execution Time"
  fi # ONLY_CONSOLE
fi

echo
if [ "$ONLY_STATEMENT" = 1 ]; then
  echo "Statement benchmark on $(nproc) cores, $(date -u +%Y-%m-%d), PostgreSQL 15, one tenant with $STATEMENT_ENTRIES ledger entries in a month:"
else
  echo "Ledger benchmark on $(nproc) cores, $(date -u +%Y-%m-%d), PostgreSQL 15, $TENANTS tenants, $((TENANTS * PER_TENANT)) ledger entries, wrk -c$CONNECTIONS -d$DURATION:"
fi
cat "$results"
mkdir -p "$here/../results"
# a statement-only run does not replace the full run's table
cp "$results" "$here/../results/$(if [ "$ONLY_CONSOLE" = 1 ]; then echo ledger-console-latest.md
  elif [ "$ONLY_STATEMENT" = 1 ]; then echo ledger-statement-latest.md; else echo ledger-latest.md; fi)"
