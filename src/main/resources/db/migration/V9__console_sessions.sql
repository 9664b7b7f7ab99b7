-- Browser sessions of the operator's console and the tenants' portal (issue 16; ADR 0024). The
-- cookie holds a random 32-byte secret; only its SHA-256 is stored, so a copy of this table logs
-- nobody in. Every replica reads the same rows, and logout deletes the row: the old cookie is dead
-- everywhere at once.
CREATE TABLE console_session (
    id_hash     bytea       PRIMARY KEY CHECK (length(id_hash) = 32),
    audience    text        NOT NULL CHECK (audience IN ('operator', 'tenant')),
    -- a portal session: the tenant it sees, and the key it logged in with (its revocation ends the session)
    tenant_id   uuid        REFERENCES tenant (id),
    api_key_id  uuid        REFERENCES api_key (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    CHECK ((audience = 'tenant') = (tenant_id IS NOT NULL AND api_key_id IS NOT NULL)),
    CHECK (audience = 'tenant' OR (tenant_id IS NULL AND api_key_id IS NULL))
);
CREATE INDEX console_session_expiry ON console_session (expires_at);

-- Failed logins per client address (reef.console.login-failures.*): a window opens at an address's
-- first failure and lasts reef.console.login-failures.window; every replica counts into the same
-- row, so N replicas do not give an attacker N times the attempts.
CREATE TABLE console_login_failure (
    address      text        PRIMARY KEY CHECK (length(address) <= 64),
    window_start timestamptz NOT NULL,
    failures     integer     NOT NULL CHECK (failures > 0)
);
CREATE INDEX console_login_failure_window ON console_login_failure (window_start);
