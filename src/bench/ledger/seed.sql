-- Seeds (psql -v tenants=.. -v entries=..) :tenants tenants, each with one API key
-- ('reef_benchkey_<n>_padpadpadpadpadpadpadpad'), one heavy tenant (md5('heavy-tenant'), 'bench heavy tenant', key
-- 'reef_benchkey_heavy_padpadpadpadpadpadpadpad'), and :entries completed jobs with
-- their ledger entries, evenly spaced over the last 90 days (the newest a second ago, about one
-- every 7.8 s for 1,000,000). Who owns an entry: every 5th is the heavy tenant's (20 %); the others
-- follow a long tail over the :tenants tenants, tenant k with a share of log((k+1)/k) / log(tenants+1)
-- (of those 80 %: tenant 1 10 %, tenant 10 1.4 %, tenant 1000 0.014 %), from a hash of the entry's number, so
-- the seed is the same every run. The daily rollup (ledger_daily, V10) is filled by its trigger, at
-- this transaction's commit, as for every charge.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO tenant (id, name, status, quota_limit_micros, quota_period, markup_bp, created_at, updated_at)
SELECT md5('tenant' || i)::uuid, 'bench tenant ' || i, 'active', 1000000000000, 'month', 2000, now(), now()
FROM generate_series(1, :tenants) AS i
UNION ALL
SELECT md5('heavy-tenant')::uuid, 'bench heavy tenant', 'active', 1000000000000, 'month', 2000, now(), now();

INSERT INTO api_key (id, tenant_id, name, prefix, key_hash, created_at)
SELECT md5('key' || i)::uuid, md5('tenant' || i)::uuid, 'bench', 'reef_benchk',
       sha256(convert_to('reef_benchkey_' || i || '_padpadpadpadpadpadpadpad', 'UTF8')), now()
FROM generate_series(1, :tenants) AS i
UNION ALL
SELECT md5('heavy-key')::uuid, md5('heavy-tenant')::uuid, 'bench', 'reef_benchk',
       sha256(convert_to('reef_benchkey_heavy_padpadpadpadpadpadpadpad', 'UTF8')), now();

INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros, hold_state,
                 markup_bp, expected_cost_micros, cost_micros, price_micros, timeout_seconds,
                 created_at, updated_at, terminal_at)
SELECT 'job_seed_' || n,
       md5(CASE WHEN owner = 0 THEN 'heavy-tenant' ELSE 'tenant' || owner END)::uuid,
       md5(CASE WHEN owner = 0 THEN 'heavy-key' ELSE 'key' || owner END)::uuid,
       CASE WHEN n % 3 = 0 THEN 'sharkapi' ELSE 'sharkai' END,
       CASE n % 3 WHEN 0 THEN (CASE WHEN n % 2 = 0 THEN '2k' ELSE '1k' END)
                  WHEN 1 THEN 'openai/gpt-image-2' ELSE 'flux-pro' END,
       'up_seed_' || n, 'completed', 48000, 'posted', 2000, 40000, 40000, 48000, 300,
       at, now(), at
FROM (SELECT n,
             CASE WHEN n % 5 = 0 THEN 0
                  ELSE least(:tenants, floor(power(:tenants + 1,
                                                   (hashint8(n) & 2147483647) / 2147483648.0))::int) END AS owner,
             now() - interval '1 second' - (:entries - n) * (interval '90 days' / :entries) AS at
      FROM generate_series(1, :entries) AS n) AS s;

INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at)
SELECT id, tenant_id, provider, model, cost_micros, price_micros, terminal_at FROM job WHERE public_id LIKE 'job_seed_%';
UPDATE tenant t SET lifetime_spent_micros = s.price
FROM (SELECT tenant_id, sum(price_micros) AS price FROM ledger_entry GROUP BY tenant_id) s WHERE s.tenant_id = t.id;
COMMIT;
ANALYZE tenant, api_key, job, ledger_entry, ledger_daily;
