-- The operator dashboard's statements, as io.reef.console.view.ConsoleRepository sends them (one
-- read-only snapshot): every tenant's charges by UTC day over the window of the last 30 days and
-- this month, the jobs in flight, the newest events. Run by run-ledger-bench.sh with pgbench
-- (-M prepared, like JDBC): -D from=<window start> -D to=<tomorrow 00:00 UTC> -D limit=<events>.
-- ConsoleBenchRunsTheRepositorySqlTest checks that these are the repository's statements.
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
SELECT to_char(d AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.entries, s.price, s.cost
FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz) - interval '24 hours',
                     interval '24 hours') AS d
CROSS JOIN LATERAL (
  SELECT count(*) AS entries, COALESCE(sum(price_micros), 0) AS price, COALESCE(sum(cost_micros), 0) AS cost
  FROM ledger_entry
  WHERE created_at >= d AND created_at < d + interval '24 hours') s;
SELECT count(*) FROM job WHERE terminal_at IS NULL;
SELECT e.id, e.type, e.tenant_id, t.name, e.created_at
FROM event e LEFT JOIN tenant t ON t.id = e.tenant_id
ORDER BY e.seq DESC
LIMIT :limit;
COMMIT;
