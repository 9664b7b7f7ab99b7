-- Reseller billing (issue 14): prepaid credit, per-key controls, allowed models, alert settings.
-- Money stays integer micro-dollars. Counters are maintained in the same statements that place,
-- post and void holds (see io.reef.job.JobRepository and io.reef.ledger.LedgerRepository).

-- Tenant: how it is billed, what it may use, when it is alerted.
ALTER TABLE tenant
    ADD COLUMN billing_mode text NOT NULL DEFAULT 'postpaid' CHECK (billing_mode IN ('postpaid', 'prepaid')),
    -- every credit entry ever written for the tenant (expired grants and corrections included);
    -- moved in the same transaction as the credit_entry insert, under the tenant row's lock
    ADD COLUMN granted_micros bigint NOT NULL DEFAULT 0,
    -- every charge ever (charges and late charges): the prepaid balance's spend
    ADD COLUMN lifetime_spent_micros bigint NOT NULL DEFAULT 0,
    -- null: any model; else Shark AI model ids and SharkAPI modes (e.g. '1k')
    ADD COLUMN allowed_models text[],
    ADD COLUMN alert_thresholds_percent integer[] NOT NULL DEFAULT '{50,80,100}'
        CHECK (0 < ALL (alert_thresholds_percent) AND 1000 >= ALL (alert_thresholds_percent)),
    ADD COLUMN low_balance_micros bigint CHECK (low_balance_micros >= 0),
    -- tenant.balance.low fires once per crossing: set when it fires, cleared when available is back above
    ADD COLUMN low_balance_alerted boolean NOT NULL DEFAULT false;

UPDATE tenant t SET lifetime_spent_micros =
    COALESCE((SELECT sum(l.price_micros) FROM ledger_entry l WHERE l.tenant_id = t.id), 0);

-- Credit grants and corrections: the credit side of the ledger, append-only.
CREATE TABLE credit_entry (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    amount_micros bigint      NOT NULL CHECK (amount_micros <> 0),
    reference     text        NOT NULL CHECK (length(reference) BETWEEN 1 AND 200 AND reference !~ '[\x01-\x1f\x7f-\x9f]'),
    note          text        CHECK (length(note) BETWEEN 1 AND 1000 AND note !~ '[\x00-\x09\x0b-\x1f\x7f-\x9f]'),
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL,
    -- a correction (negative) says why, and never expires
    CHECK (amount_micros > 0 OR (note IS NOT NULL AND expires_at IS NULL)),
    -- a reference names one grant: a retried grant is refused, not counted twice
    UNIQUE (tenant_id, reference)
);
CREATE INDEX credit_entry_tenant_created ON credit_entry (tenant_id, created_at, id);
CREATE INDEX credit_entry_tenant_expires ON credit_entry (tenant_id, expires_at) WHERE expires_at IS NOT NULL;

CREATE FUNCTION reef_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER credit_entry_append_only BEFORE UPDATE OR DELETE ON credit_entry
    FOR EACH ROW EXECUTE FUNCTION reef_append_only();

-- A tenant's unexpired credit at `at`: everything granted minus the grants expired by then.
CREATE FUNCTION reef_unexpired_credit(for_tenant uuid, granted bigint, at timestamptz)
RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT granted - COALESCE((SELECT sum(c.amount_micros) FROM credit_entry c
                              WHERE c.tenant_id = for_tenant AND c.expires_at <= at), 0)
$$;

-- Per-key controls: its own budget (with its own period), rate limits, allowed models, expiry,
-- and the same counters the tenant row keeps.
ALTER TABLE api_key
    ADD COLUMN quota_limit_micros  bigint  CHECK (quota_limit_micros >= 0),
    ADD COLUMN quota_period        text    CHECK (quota_period IN ('day', 'week', 'month', 'total')),
    ADD COLUMN requests_per_minute integer CHECK (requests_per_minute > 0),
    ADD COLUMN max_concurrent_jobs integer CHECK (max_concurrent_jobs > 0),
    ADD COLUMN allowed_models      text[],
    ADD COLUMN expires_at          timestamptz,
    ADD COLUMN held_micros         bigint      NOT NULL DEFAULT 0,
    ADD COLUMN active_jobs         integer     NOT NULL DEFAULT 0,
    ADD COLUMN spent_period_start  timestamptz NOT NULL DEFAULT '1970-01-01 00:00:00+00',
    ADD COLUMN spent_micros        bigint      NOT NULL DEFAULT 0,
    ADD COLUMN rate_window_start   timestamptz NOT NULL DEFAULT '1970-01-01 00:00:00+00',
    ADD COLUMN rate_window_count   integer     NOT NULL DEFAULT 0,
    ADD CONSTRAINT api_key_quota_whole CHECK ((quota_limit_micros IS NULL) = (quota_period IS NULL));

-- Keys start with the holds and job slots their open jobs have now.
UPDATE api_key k SET
    held_micros = COALESCE((SELECT sum(j.hold_micros) FROM job j WHERE j.api_key_id = k.id AND j.hold_state = 'open'), 0),
    active_jobs = (SELECT count(*) FROM job j WHERE j.api_key_id = k.id AND j.hold_state = 'open');
