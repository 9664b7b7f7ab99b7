-- Daily rollups of the ledger (issue 16): what the console's dashboard and a tenant's page read,
-- so their time does not grow with the number of entries (ADR 0025).

-- Every ledger entry, summed by tenant, UTC calendar day of created_at, provider and model. Kept
-- exactly equal to ledger_entry by the trigger below, in the entry's own transaction: never stale,
-- never counted twice, no scheduler.
CREATE TABLE ledger_daily (
    tenant_id    uuid   NOT NULL REFERENCES tenant (id),
    day          date   NOT NULL,
    provider     text   NOT NULL,
    model        text   NOT NULL,
    entries      bigint NOT NULL CHECK (entries > 0),
    price_micros bigint NOT NULL CHECK (price_micros >= 0),
    cost_micros  bigint NOT NULL CHECK (cost_micros >= 0),
    PRIMARY KEY (tenant_id, day, provider, model)
);
-- the dashboard: every tenant's rows of the window's days
CREATE INDEX ledger_daily_day ON ledger_daily (day);

-- Adds a new entry to its day's row. A deferred constraint trigger: it runs at the commit of the
-- entry's transaction, after the settlement has moved the tenant's counters (LedgerRepository,
-- Holds.record), so the rollup row is locked while the tenant row is already locked by that
-- transaction: no new lock wait, and one lock order (tenant, then its rollup rows) whatever locked
-- the tenant first (a hold re-size before the charge does). The tenant row is locked here too, for
-- the inserts that do not move the counters (seeds, repairs), so the order holds for them as well.
CREATE FUNCTION reef_ledger_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM tenant WHERE id = NEW.tenant_id FOR NO KEY UPDATE;
  INSERT INTO ledger_daily AS d (tenant_id, day, provider, model, entries, price_micros, cost_micros)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.provider, NEW.model, 1,
          NEW.price_micros, NEW.cost_micros)
  ON CONFLICT (tenant_id, day, provider, model) DO UPDATE
    SET entries = d.entries + 1,
        price_micros = d.price_micros + EXCLUDED.price_micros,
        cost_micros = d.cost_micros + EXCLUDED.cost_micros;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER ledger_entry_rolls_up_daily
    AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION reef_ledger_daily_add();

-- The ledger is append-only (nothing in Reef updates or deletes an entry): enforced by the
-- database, so the rollup cannot silently drift from it.
CREATE FUNCTION reef_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entry is append-only: % refused', TG_OP USING ERRCODE = 'check_violation';
END
$$;

CREATE TRIGGER ledger_entry_is_append_only
    BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW
    EXECUTE FUNCTION reef_ledger_is_append_only();

CREATE TRIGGER ledger_entry_is_never_truncated
    BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT
    EXECUTE FUNCTION reef_ledger_is_append_only();

-- Rebuilds the rollup from the ledger: V10's backfill, and a repair. Inserts wait for it (SHARE
-- lock on ledger_entry), so no entry is missed or counted twice.
CREATE FUNCTION reef_ledger_daily_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  days bigint;
BEGIN
  LOCK TABLE ledger_entry IN SHARE MODE;
  DELETE FROM ledger_daily;
  INSERT INTO ledger_daily (tenant_id, day, provider, model, entries, price_micros, cost_micros)
  SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date, provider, model, count(*), sum(price_micros),
         sum(cost_micros)
  FROM ledger_entry
  GROUP BY 1, 2, 3, 4;
  GET DIAGNOSTICS days = ROW_COUNT;
  RETURN days;
END
$$;

SELECT reef_ledger_daily_rebuild();
