#!/usr/bin/env bash
# Ledger-scale benchmark (issue: quotas at 1,000 tenants / 1,000,000 ledger entries).
# Seeds the installed PostgreSQL 15 with 1,000 tenants and 1,000,000 completed jobs + ledger
# entries, starts the packaged Reef against it, and measures:
#   - GET /reef/v1/me and the usage reports through Reef (wrk, random tenant per request),
#   - the hold step itself (pgbench running Reef's conditional UPDATE), on random tenants and on
#     one hot tenant,
#   - the query plans of the report queries (index use, no full scans).
# Usage: src/bench/ledger/run-ledger-bench.sh     (env: TENANTS, PER_TENANT, DURATION, CONNECTIONS)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
TENANTS=${TENANTS:-1000}
PER_TENANT=${PER_TENANT:-1000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8090}
MGMT_PORT=${MGMT_PORT:-9090}   # Reef's management interface (health)
ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(32))')   # Reef refuses short tokens
DB=reef_ledger_bench
out=$(mktemp -d)
reef_pid=""
cleanup() { [ -n "$reef_pid" ] && kill "$reef_pid" 2>/dev/null || true; }
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
pg_ctlcluster 15 main start 2>/dev/null || true
psql_admin() { su postgres -c "psql -q -v ON_ERROR_STOP=1 $*"; }
psql_admin "-c \"DROP DATABASE IF EXISTS $DB\"" 
psql_admin "-c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reef') THEN CREATE ROLE reef LOGIN PASSWORD 'reef'; END IF; END \\\$\\\$\""
psql_admin "-c \"CREATE DATABASE $DB OWNER reef\""

jar="$root/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" -newer "$jar" -type f | head -1)" ]; then
  (cd "$root" && ./mvnw -q -B package -DskipTests)
fi

start_reef() {
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$DB" QUARKUS_DATASOURCE_USERNAME=reef \
  QUARKUS_DATASOURCE_PASSWORD=reef REEF_ADMIN_TOKEN="$ADMIN_TOKEN" \
    java -Xmx512m -Dquarkus.http.port=$PORT -Dquarkus.management.port=$MGMT_PORT -Dreef.reconciler.enabled=false -Dquarkus.log.level=WARN \
    -jar "$jar" > "$out/reef.log" 2>&1 &
  reef_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "localhost:$MGMT_PORT/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "Reef did not start; see $out/reef.log" >&2; exit 1
}
start_reef # creates the schema
echo "Seeding $TENANTS tenants x $PER_TENANT ledger entries ..."
t0=$(date +%s)
PGPASSWORD=reef psql -q -h localhost -U reef -d $DB -v tenants=$TENANTS -v per_tenant=$PER_TENANT -f "$here/seed.sql"
echo "Seeded in $(( $(date +%s) - t0 )) s: $(PGPASSWORD=reef psql -tA -h localhost -U reef -d $DB -c 'SELECT count(*) FROM ledger_entry') ledger entries"

from=$(date -u -d '90 days ago' +%Y-%m-%d)
results="$out/results.md"
{
  echo "| endpoint | requests/s | p50 | p90 | p99 | max | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} > "$results"
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

echo
echo "Ledger benchmark on $(nproc) cores, $(date -u +%Y-%m-%d), PostgreSQL 15, $TENANTS tenants, $((TENANTS * PER_TENANT)) ledger entries, wrk -c$CONNECTIONS -d$DURATION:"
cat "$results"
mkdir -p "$here/../results"
cp "$results" "$here/../results/ledger-latest.md"
