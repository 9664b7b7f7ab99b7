-- The operator's page of one tenant, as io.reef.console.view.ConsoleRepository sends it (one
-- read-only snapshot): the tenant's charges by UTC day, provider and model over the window of the
-- last 30 days and this month, and its jobs in flight. Run by run-ledger-bench.sh with pgbench
-- (-M prepared, like JDBC): -D tenant=<uuid> -D from=<window start> -D to=<tomorrow 00:00 UTC>.
-- ConsoleBenchRunsTheRepositorySqlTest checks that these are the repository's statements.
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), provider, model,
       count(*), sum(price_micros), sum(cost_micros)
FROM ledger_entry
WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to
GROUP BY 1, 2, 3;
SELECT count(*) FROM job WHERE tenant_id = :tenant AND terminal_at IS NULL;
COMMIT;
