-- A hold moves one way: open -> posted or open -> voided, once. A job that completes after its
-- hold was voided (expiry) is charged by a separate late-charge ledger entry; its hold stays voided.

-- What a ledger entry is: the posting of the job's open hold ('charge') or a charge for a job whose
-- hold had already been voided ('late_charge'). Still one entry per job (the unique job_id).
ALTER TABLE ledger_entry ADD COLUMN kind text NOT NULL DEFAULT 'charge'
    CHECK (kind IN ('charge', 'late_charge'));

-- Enforced by the database too, whatever the code does: once posted or voided, a hold's state
-- never changes again.
CREATE FUNCTION reef_hold_moves_one_way() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'hold of job % is % and cannot become %', OLD.public_id, OLD.hold_state, NEW.hold_state
    USING ERRCODE = 'check_violation';
END
$$;

CREATE TRIGGER job_hold_moves_one_way
    BEFORE UPDATE OF hold_state ON job
    FOR EACH ROW
    WHEN (OLD.hold_state <> 'open' AND NEW.hold_state IS DISTINCT FROM OLD.hold_state)
    EXECUTE FUNCTION reef_hold_moves_one_way();
