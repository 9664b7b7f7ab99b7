-- Seeds one tenant ('statement tenant', key 'reef_benchkey_statement_padpadpadpadpadpadpad') with
-- :entries completed jobs and ledger entries spread over the calendar month starting at :'month_start'
-- (UTC), four provider/model pairs, one late charge in 100; 100 entries in the month before (the
-- opening balance's charges); and credit: grants before and in the month, one expiring mid-month,
-- and a correction. The daily rollup (ledger_daily) is filled by V10's backfill statement
-- (reef_ledger_daily_rebuild()), its trigger disabled for this transaction: one transaction adding
-- 1,000,000 entries of one tenant to its 120 rollup rows would update each about 8,300 times with
-- no version prunable before the commit, every upsert walking the versions before it (the first
-- attempt had run 7 minutes in the commit when it was stopped).
\set ON_ERROR_STOP on
BEGIN;
ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_rolls_up_daily;
INSERT INTO tenant (id, name, status, quota_limit_micros, quota_period, markup_bp, billing_mode, created_at, updated_at)
VALUES (md5('statement-tenant')::uuid, 'statement tenant', 'active', 1000000000000, 'month', 2000, 'prepaid', now(), now());

INSERT INTO api_key (id, tenant_id, name, prefix, key_hash, created_at)
VALUES (md5('statement-key')::uuid, md5('statement-tenant')::uuid, 'bench', 'reef_benchk',
        sha256(convert_to('reef_benchkey_statement_padpadpadpadpadpadpad', 'UTF8')), now());

-- n <= 0: the month before; n > 0: evenly over the month
INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros, hold_state,
                 markup_bp, expected_cost_micros, cost_micros, price_micros, timeout_seconds,
                 created_at, updated_at, terminal_at)
SELECT 'job_stmt_' || n, md5('statement-tenant')::uuid, md5('statement-key')::uuid,
       CASE WHEN abs(n) % 4 < 2 THEN 'sharkapi' ELSE 'sharkai' END,
       CASE abs(n) % 4 WHEN 0 THEN '1k' WHEN 1 THEN '2k' WHEN 2 THEN 'openai/gpt-image-2' ELSE 'flux-pro' END,
       'up_stmt_' || n, 'completed', 48000 + abs(n) % 7, CASE WHEN n % 100 = 0 THEN 'voided' ELSE 'posted' END,
       2000, 40000, 40000 + abs(n) % 7, 48000 + abs(n) % 7, 300, at, at, at
FROM (SELECT n, CASE WHEN n <= 0
                     THEN CAST(:'month_start' AS timestamptz) - interval '1 day' + n * interval '1 second'
                     ELSE CAST(:'month_start' AS timestamptz)
                          + ((CAST(:'month_start' AS timestamptz) + interval '1 month') - CAST(:'month_start' AS timestamptz))
                            * (n - 1) / :entries
                END AS at
      FROM generate_series(-99, :entries) AS n) AS s;

INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
SELECT id, tenant_id, provider, model, cost_micros, price_micros, terminal_at,
       CASE WHEN hold_state = 'voided' THEN 'late_charge' ELSE 'charge' END
FROM job WHERE public_id LIKE 'job_stmt_%';

INSERT INTO credit_entry (tenant_id, amount_micros, reference, note, expires_at, created_at)
SELECT md5('statement-tenant')::uuid, amount, ref, note, expires, at FROM (VALUES
  (100000000000, 'opening grant', NULL, NULL, CAST(:'month_start' AS timestamptz) - interval '20 days'),
  (5000000000, 'expires mid-month', NULL, CAST(:'month_start' AS timestamptz) + interval '15 days',
   CAST(:'month_start' AS timestamptz) - interval '10 days'),
  (20000000000, 'top-up', NULL, NULL, CAST(:'month_start' AS timestamptz) + interval '3 days'),
  (-1000000, 'correction', 'duplicate grant', NULL, CAST(:'month_start' AS timestamptz) + interval '4 days')
) AS c (amount, ref, note, expires, at);
UPDATE tenant SET granted_micros = (SELECT sum(amount_micros) FROM credit_entry WHERE tenant_id = tenant.id),
                  lifetime_spent_micros = (SELECT sum(price_micros) FROM ledger_entry WHERE tenant_id = tenant.id)
WHERE id = md5('statement-tenant')::uuid;
ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_rolls_up_daily;
SELECT reef_ledger_daily_rebuild();
COMMIT;
ANALYZE tenant, api_key, job, ledger_entry, credit_entry, ledger_daily;
