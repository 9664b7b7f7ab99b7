-- The operator's page of one tenant, as io.reef.console.view.ConsoleRepository sends it (one
-- read-only snapshot): the tenant's charges by UTC day, provider and model over the window of the
-- last 30 days and this month (from the daily rollup, V10), and its jobs in flight. Run by
-- run-ledger-bench.sh with pgbench (-M prepared, like JDBC): -D tenant=<uuid>
-- -D from=<window's first day> -D to=<tomorrow, UTC>.
-- ConsoleBenchRunsTheRepositorySqlTest checks that these are the repository's statements.
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT to_char(CAST(day AS timestamp), 'YYYY-MM-DD'), provider, model, entries, price_micros, cost_micros
FROM ledger_daily
WHERE tenant_id = :tenant AND day >= CAST(:from AS date) AND day < CAST(:to AS date);
SELECT count(*) FROM job WHERE tenant_id = :tenant AND terminal_at IS NULL;
COMMIT;
