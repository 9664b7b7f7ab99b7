-- The operator's page of one tenant, as io.reef.console.view.ConsoleRepository sends it (one
-- read-only snapshot): the tenant's charges by UTC day, provider and model over the window of the
-- last 30 days and this month, and its jobs in flight. Run by run-ledger-bench.sh with pgbench
-- (-M prepared, like JDBC): -D tenant=<uuid> -D from=<window start> -D to=<tomorrow 00:00 UTC>.
-- ConsoleBenchRunsTheRepositorySqlTest checks that these are the repository's statements.
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT to_char(d AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.provider, s.model, s.entries, s.price, s.cost
FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz) - interval '24 hours',
                     interval '24 hours') AS d
CROSS JOIN LATERAL (
  SELECT provider, model, count(*) AS entries, sum(price_micros) AS price, sum(cost_micros) AS cost
  FROM ledger_entry
  WHERE tenant_id = :tenant AND created_at >= d AND created_at < d + interval '24 hours'
  GROUP BY provider, model) s;
SELECT count(*) FROM job WHERE tenant_id = :tenant AND terminal_at IS NULL;
COMMIT;
