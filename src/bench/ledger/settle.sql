-- One settlement of a charge for the heavy tenant, as the ledger benchmark's trigger-cost step runs
-- it (pgbench, with and without the daily rollup's trigger, alternating): the completed job's row,
-- its ledger entry, the tenant's counters moved (the tenant row's lock, as reef_move_counters takes
-- it), one commit. The job row is inserted here only because every entry needs its own job.
BEGIN;
INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, status, hold_micros, hold_state, markup_bp,
                 expected_cost_micros, cost_micros, price_micros, timeout_seconds, created_at, updated_at, terminal_at)
VALUES ('job_settle_' || gen_random_uuid(), md5('heavy-tenant')::uuid, md5('heavy-key')::uuid, 'sharkai',
        'flux-pro', 'completed', 48000, 'posted', 2000, 40000, 40000, 48000, 300, now(), now(), now())
RETURNING id AS job \gset
INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
VALUES (:job, md5('heavy-tenant')::uuid, 'sharkai', 'flux-pro', 40000, 48000, now(), 'charge');
UPDATE tenant SET spent_micros = spent_micros + 48000, lifetime_spent_micros = lifetime_spent_micros + 48000
WHERE id = md5('heavy-tenant')::uuid;
COMMIT;
