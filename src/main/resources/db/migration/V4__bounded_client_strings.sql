-- Strings clients give Reef are bounded and free of control characters (NUL cannot be stored at
-- all). Reef checks them before writing (io.reef.common.Text); these constraints are the backstop.
-- Rows written before this check that break it are cleaned first where rows are still updated
-- (a constraint is checked on every UPDATE); the append-only ledger keeps its history as written
-- (NOT VALID: new rows are checked, old ones are not rewritten).

UPDATE tenant SET name = left(regexp_replace(name, '[\x01-\x1f\x7f-\x9f]', ' ', 'g'), 200)
 WHERE length(name) > 200 OR name ~ '[\x01-\x1f\x7f-\x9f]';
ALTER TABLE tenant ADD CONSTRAINT tenant_name_bounded
    CHECK (length(name) BETWEEN 1 AND 200 AND name !~ '[\x01-\x1f\x7f-\x9f]');

UPDATE api_key SET name = left(regexp_replace(name, '[\x01-\x1f\x7f-\x9f]', ' ', 'g'), 200)
 WHERE length(name) > 200 OR name ~ '[\x01-\x1f\x7f-\x9f]';
ALTER TABLE api_key ADD CONSTRAINT api_key_name_bounded
    CHECK (length(name) BETWEEN 1 AND 200 AND name !~ '[\x01-\x1f\x7f-\x9f]');

UPDATE job SET model = left(regexp_replace(model, '[\x01-\x1f\x7f-\x9f]', '_', 'g'), 128)
 WHERE length(model) > 128 OR model ~ '[\x01-\x1f\x7f-\x9f]';
ALTER TABLE job ADD CONSTRAINT job_model_bounded
    CHECK (length(model) BETWEEN 1 AND 128 AND model !~ '[\x01-\x1f\x7f-\x9f]');
ALTER TABLE job ADD CONSTRAINT job_public_id_bounded CHECK (public_id ~ '^[A-Za-z0-9_-]{1,100}$');

ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_model_bounded
    CHECK (length(model) BETWEEN 1 AND 128 AND model !~ '[\x01-\x1f\x7f-\x9f]') NOT VALID;

-- Keys live 48 hours; one with a control character is dropped (its client retries as new).
DELETE FROM idempotency_key WHERE length(key) > 255 OR key ~ '[\x01-\x1f\x7f-\x9f]';
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_bounded
    CHECK (length(key) BETWEEN 1 AND 255 AND key !~ '[\x01-\x1f\x7f-\x9f]');
