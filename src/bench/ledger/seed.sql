-- Seeds :tenants tenants, each with one API key ('reef_benchkey_<n>_padpadpadpadpadpadpadpad') and
-- :per_tenant completed jobs with their ledger entries spread over the last 90 days.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO tenant (id, name, status, quota_limit_micros, quota_period, markup_bp, created_at, updated_at)
SELECT md5('tenant' || i)::uuid, 'bench tenant ' || i, 'active', 1000000000000, 'month', 2000, now(), now()
FROM generate_series(1, :tenants) AS i;

INSERT INTO api_key (id, tenant_id, name, prefix, key_hash, created_at)
SELECT md5('key' || i)::uuid, md5('tenant' || i)::uuid, 'bench', 'reef_benchk',
       sha256(convert_to('reef_benchkey_' || i || '_padpadpadpadpadpadpadpad', 'UTF8')), now()
FROM generate_series(1, :tenants) AS i;

INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros, hold_state,
                 markup_bp, expected_cost_micros, cost_micros, price_micros, timeout_seconds,
                 created_at, updated_at, terminal_at)
SELECT 'job_seed_' || n,
       md5('tenant' || (n % :tenants + 1))::uuid,
       md5('key' || (n % :tenants + 1))::uuid,
       CASE WHEN n % 3 = 0 THEN 'sharkapi' ELSE 'sharkai' END,
       CASE n % 3 WHEN 0 THEN (CASE WHEN n % 2 = 0 THEN '2k' ELSE '1k' END)
                  WHEN 1 THEN 'openai/gpt-image-2' ELSE 'flux-pro' END,
       'up_seed_' || n, 'completed', 48000, 'posted', 2000, 40000, 40000, 48000, 300,
       now() - (n % 7776000) * interval '1 second', now(), now() - (n % 7776000) * interval '1 second'
FROM generate_series(1, :tenants * :per_tenant) AS n;

INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at)
SELECT id, tenant_id, provider, model, cost_micros, price_micros, terminal_at FROM job WHERE public_id LIKE 'job_seed_%';
COMMIT;
ANALYZE tenant, api_key, job, ledger_entry;
