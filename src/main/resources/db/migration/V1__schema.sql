-- Reef schema. Money is always integer micro-dollars (1 USD = 1,000,000) in BIGINT columns.

-- Start of the quota period containing `at` (UTC calendar boundaries; weeks start on Monday).
-- 'total' has a single period that starts at the epoch.
CREATE FUNCTION reef_period_start(period text, at timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT CASE period
    WHEN 'day'   THEN date_trunc('day',   at, 'UTC')
    WHEN 'week'  THEN date_trunc('week',  at, 'UTC')
    WHEN 'month' THEN date_trunc('month', at, 'UTC')
    ELSE timestamptz '1970-01-01 00:00:00+00'
  END
$$;

CREATE TABLE tenant (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    status              text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    quota_limit_micros  bigint      NOT NULL CHECK (quota_limit_micros >= 0),
    quota_period        text        NOT NULL CHECK (quota_period IN ('day', 'week', 'month', 'total')),
    requests_per_minute integer     CHECK (requests_per_minute > 0),
    max_concurrent_jobs integer     CHECK (max_concurrent_jobs > 0),
    markup_bp           integer     NOT NULL DEFAULT 0 CHECK (markup_bp >= 0),
    -- Counters maintained by the ledger in the same statements that place/post/void holds.
    held_micros         bigint      NOT NULL DEFAULT 0,
    active_jobs         integer     NOT NULL DEFAULT 0,
    spent_period_start  timestamptz NOT NULL DEFAULT '1970-01-01 00:00:00+00',
    spent_micros        bigint      NOT NULL DEFAULT 0,
    rate_window_start   timestamptz NOT NULL DEFAULT '1970-01-01 00:00:00+00',
    rate_window_count   integer     NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX tenant_created_at ON tenant (created_at, id);

CREATE TABLE api_key (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    name        text        NOT NULL,
    prefix      text        NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at);

CREATE TABLE job (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id       text        NOT NULL UNIQUE,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    api_key_id      uuid        NOT NULL REFERENCES api_key (id),
    provider        text        NOT NULL,
    model           text        NOT NULL,
    upstream_id     text,
    status          text        NOT NULL,
    hold_micros     bigint      NOT NULL CHECK (hold_micros >= 0),
    hold_state      text        NOT NULL CHECK (hold_state IN ('open', 'posted', 'voided')),
    markup_bp       integer     NOT NULL,
    -- expected upstream cost (the hold before markup); charged if a completion's cost is unreadable
    expected_cost_micros bigint NOT NULL,
    cost_micros     bigint,
    price_micros    bigint,
    timeout_seconds integer     NOT NULL,
    error           text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    terminal_at     timestamptz,
    next_poll_at    timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    poll_count      integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX job_upstream ON job (provider, upstream_id);
CREATE INDEX job_tenant_recent ON job (tenant_id, id DESC);
-- The reconciler's work queue: every job it still has to look at (non-terminal, or expired and
-- still watched for a late completion) has a next_poll_at.
CREATE INDEX job_due ON job (next_poll_at) WHERE next_poll_at IS NOT NULL;

-- One row per completed job, ever: the unique job_id is what makes charging exactly-once.
CREATE TABLE ledger_entry (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       bigint      NOT NULL UNIQUE REFERENCES job (id),
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    provider     text        NOT NULL,
    model        text        NOT NULL,
    cost_micros  bigint      NOT NULL CHECK (cost_micros >= 0),
    price_micros bigint      NOT NULL CHECK (price_micros >= 0),
    created_at   timestamptz NOT NULL
);
-- usage reports and statements read by (tenant, time) or by time, paged by (created_at, id)
CREATE INDEX ledger_tenant_created ON ledger_entry (tenant_id, created_at, id);
CREATE INDEX ledger_created ON ledger_entry (created_at, id);

-- A tenant's spend in the period containing `at`: the stored counter if it belongs to that
-- period, else 0 (the period rolled over since the last charge).
CREATE FUNCTION reef_spent_in_period(spent_period_start timestamptz, spent_micros bigint, period text, at timestamptz)
RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN spent_period_start = reef_period_start(period, at) THEN spent_micros ELSE 0 END
$$;

-- Admissions counted in the current UTC minute (fixed one-minute windows).
CREATE FUNCTION reef_rate_count(rate_window_start timestamptz, rate_window_count integer, at timestamptz)
RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN rate_window_start = date_trunc('minute', at, 'UTC') THEN rate_window_count ELSE 0 END
$$;

-- Idempotency-Key: one row per (tenant, key); the stored answer is replayed to retries.
CREATE TABLE idempotency_key (
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    key             text        NOT NULL,
    request_hash    bytea       NOT NULL,
    response_status integer,
    response_body   text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
