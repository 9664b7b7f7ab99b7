#!/usr/bin/env bash
# Two settlements of the heavy tenant that lock in opposite orders (a hold re-size locks the tenant row
# before inserting the charge; a poll inserts the charge, then locks the tenant row), on the ledger
# benchmark's database (run it after run-ledger-bench.sh with KEEP_PG=1): first with a plain AFTER INSERT
# row trigger without the tenant lock (the design ADR 0025 rejected: one session gets 'deadlock
# detected'), then with V10's deferred trigger (both commit). Leaves V10's trigger enabled.
set -u
tmp=$(mktemp -d)
DB=reef_ledger_bench
P() { PGPASSWORD=reef psql -h localhost -U reef -d $DB -v ON_ERROR_STOP=1 "$@"; }
T="md5('heavy-tenant')::uuid"; K="md5('heavy-key')::uuid"
charge() { cat <<SQL
WITH j AS (INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, status, hold_micros, hold_state, markup_bp,
  expected_cost_micros, cost_micros, price_micros, timeout_seconds, created_at, updated_at, terminal_at)
  VALUES ('job_lock_' || gen_random_uuid(), $T, $K, 'sharkai', 'lock-order-$1', 'completed', 1, 'posted', 0, 1, 1, 1, 300, now(), now(), now()) RETURNING id)
INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
SELECT id, $T, 'sharkai', 'lock-order-$1', 1, 1, now(), 'charge' FROM j;
SQL
}
run() { # tag
  { echo "BEGIN;"; echo "UPDATE tenant SET updated_at = updated_at WHERE id = $T;"; echo "SELECT pg_sleep(2);"; charge "$1"; echo "COMMIT;"; } | P > $tmp/a.txt 2>&1 &
  a=$!
  sleep 0.7
  { echo "BEGIN;"; charge "$1"; echo "UPDATE tenant SET updated_at = updated_at WHERE id = $T;"; echo "COMMIT;"; } | P > $tmp/b.txt 2>&1 &
  b=$!
  wait $a; ra=$?; wait $b; rb=$?
  echo "resize-first session: exit $ra $(grep -h -i -E 'deadlock|ERROR|COMMIT' $tmp/a.txt | tr '\n' ' ')"
  echo "insert-first session: exit $rb $(grep -h -i -E 'deadlock|ERROR|COMMIT' $tmp/b.txt | tr '\n' ' ')"
}
echo "== a plain AFTER INSERT row trigger, no tenant lock (the first design)"
P -q <<'SQL'
CREATE OR REPLACE FUNCTION tmp_daily_add_no_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_daily AS d (tenant_id, day, provider, model, entries, price_micros, cost_micros)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.provider, NEW.model, 1, NEW.price_micros, NEW.cost_micros)
  ON CONFLICT (tenant_id, day, provider, model) DO UPDATE SET entries = d.entries + 1,
    price_micros = d.price_micros + EXCLUDED.price_micros, cost_micros = d.cost_micros + EXCLUDED.cost_micros;
  RETURN NULL;
END $$;
ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_rolls_up_daily;
CREATE TRIGGER tmp_rolls_up AFTER INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION tmp_daily_add_no_lock();
SQL
run immediate
P -q -c "DROP TRIGGER tmp_rolls_up ON ledger_entry; DROP FUNCTION tmp_daily_add_no_lock(); ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_rolls_up_daily;"
echo "== V10: the deferred constraint trigger, tenant row first"
run deferred
