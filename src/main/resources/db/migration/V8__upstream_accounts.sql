-- Several upstream accounts per provider (issue 15). An account's settings (key, weight, rate
-- limit) are configuration; what replicas must agree on is its state, kept here and read back by
-- every replica every few seconds (reef.upstream-accounts.refresh-interval).
CREATE TABLE upstream_account (
    provider      text        NOT NULL,
    name          text        NOT NULL,
    -- active: takes new jobs; cooling_down: refused with 429, back by itself at cool_until;
    -- needs_attention: refused with 401/402/403, out until an operator sets it active again;
    -- drained: an operator took it out of rotation. Its jobs are polled and cancelled in every state.
    state         text        NOT NULL DEFAULT 'active'
                              CHECK (state IN ('active', 'cooling_down', 'needs_attention', 'drained')),
    cool_until    timestamptz CHECK (state <> 'cooling_down' OR cool_until IS NOT NULL),
    -- Reef's own description of the last refusal (never a key, never the provider's raw body)
    last_error    text        CHECK (length(last_error) <= 300),
    last_error_at timestamptz,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (provider, name)
);

-- The account that created the job: its polls and cancels always use that account's key. Jobs
-- written before V8 were created by the single configured key, the account named 'default'.
ALTER TABLE job ADD COLUMN upstream_account text CHECK (length(upstream_account) <= 64);
UPDATE job SET upstream_account = 'default' WHERE upstream_id IS NOT NULL;

-- The operator's view counts each account's jobs in flight.
CREATE INDEX job_in_flight_by_account ON job (provider, upstream_account) WHERE terminal_at IS NULL;
