-- Events and signed webhooks (issue 14): a transactional outbox. An event and its deliveries (one
-- per subscribed webhook) are written in the same transaction as the change that causes them; a
-- dispatcher on every replica claims due deliveries with FOR UPDATE SKIP LOCKED and a lease.

-- An operator's endpoint. The secret signs every delivery (HMAC needs it in the clear); it is
-- shown once, at registration, and never again. A deleted webhook keeps its row (its deliveries
-- name it) and gets nothing more.
CREATE TABLE webhook (
    id          uuid        PRIMARY KEY,
    url         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    event_types text[]      NOT NULL CHECK (cardinality(event_types) > 0),
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE INDEX webhook_live ON webhook (created_at, id) WHERE deleted_at IS NULL;

-- One row per event, ever. body is the exact JSON delivered ({"id", "type", "created_at", "data"}),
-- so every attempt sends the same bytes. dedupe_key makes an event at-most-once where the contract
-- says so: a budget threshold once per tenant, period and threshold; an upstream account alert
-- once per provider, status and 10-minute window (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE event (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    tenant_id   uuid        REFERENCES tenant (id),
    dedupe_key  text        UNIQUE,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX event_type_seq ON event (type, seq);
CREATE INDEX event_tenant_seq ON event (tenant_id, seq) WHERE tenant_id IS NOT NULL;

-- One delivery per event per webhook subscribed when the event was written.
CREATE TABLE event_delivery (
    event_seq       bigint      NOT NULL REFERENCES event (seq),
    webhook_id      uuid        NOT NULL REFERENCES webhook (id),
    state           text        NOT NULL DEFAULT 'pending'
                                CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text,
    lease_until     timestamptz,
    last_status     integer,
    last_error      text        CHECK (length(last_error) <= 500),
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (event_seq, webhook_id)
);
-- the dispatcher's work queue: only deliveries still to be made
CREATE INDEX event_delivery_due ON event_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX event_delivery_webhook ON event_delivery (webhook_id) WHERE state = 'pending';
