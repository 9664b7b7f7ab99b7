-- The operator dashboard's statements, as io.reef.console.view.ConsoleRepository sends them (one
-- read-only snapshot): every tenant's charges by UTC day over the window of the last 30 days and
-- this month (from the daily rollup, V10), the jobs in flight, the newest events. Run by
-- run-ledger-bench.sh with pgbench (-M prepared, like JDBC): -D from=<window's first day>
-- -D to=<tomorrow, UTC> -D limit=<events>.
-- ConsoleBenchRunsTheRepositorySqlTest checks that these are the repository's statements.
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT to_char(CAST(day AS timestamp), 'YYYY-MM-DD'), sum(entries), sum(price_micros), sum(cost_micros)
FROM ledger_daily
WHERE day >= CAST(:from AS date) AND day < CAST(:to AS date)
GROUP BY day;
SELECT count(*) FROM job WHERE terminal_at IS NULL;
SELECT e.id, e.type, e.tenant_id, t.name, e.created_at
FROM event e LEFT JOIN tenant t ON t.id = e.tenant_id
ORDER BY e.seq DESC
LIMIT :limit;
COMMIT;
