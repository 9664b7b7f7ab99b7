-- A settlement decides its balance alerts in the same database call that moves the counters.
--
-- In V5/V6 a charge moved the tenant's and key's counters (reef_move_counters), then Reef sent two
-- more statements to decide the tenant's events (budget thresholds reached, the low-balance flag),
-- all while holding the tenant row's lock until the commit. Settlements of one tenant are serial on
-- that lock, so each extra round trip under it costs every other settlement of the tenant: on one
-- hot tenant the capacity benchmark fell from 5,200-6,050 to 2,787-3,199 completed sync requests of
-- 10,000, and without those two statements it was back at 4,999. Now the decisions run inside the
-- function: one round trip under the lock, and Reef sends an event's INSERT only when there is an
-- event to write (a threshold reached for the first time in the period, a balance that just fell
-- below its level), which is rare.
--
-- Every alert function returns rows of one shape (reef_balance_alert below), one row per event due:
-- a budget threshold row has threshold_percent and its period columns set, a low-balance row has
-- threshold_percent NULL and its balance columns set. No row: nothing to alert.

-- The budget thresholds the tenant's period spend has reached and that have no event yet in this
-- period (the event's dedupe key, written with it, makes it once per tenant, period and threshold).
CREATE FUNCTION reef_budget_thresholds_reached(for_tenant uuid, at timestamptz)
RETURNS TABLE (threshold_percent integer, dedupe_key text, period text, period_start timestamptz,
               period_spent bigint, quota_limit bigint,
               available bigint, low_level bigint, granted bigint, lifetime_spent bigint, held bigint)
LANGUAGE sql STABLE AS $$
  SELECT p, k.key, t.quota_period, t.spent_period_start, t.spent_micros, t.quota_limit_micros,
         NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint
  FROM tenant t
  CROSS JOIN LATERAL unnest(t.alert_thresholds_percent) AS p
  CROSS JOIN LATERAL (SELECT concat('tenant.budget.threshold:', t.id, ':',
                                    CAST(extract(epoch FROM t.spent_period_start) AS bigint), ':', p) AS key) k
  WHERE t.id = for_tenant
    AND t.spent_period_start = reef_period_start(t.quota_period, at)
    AND t.spent_micros > 0
    AND t.spent_micros * 100 >= CAST(p AS bigint) * t.quota_limit_micros
    AND NOT EXISTS (SELECT 1 FROM event e WHERE e.dedupe_key = k.key)
  ORDER BY p
$$;

-- Brings the tenant's low-balance flag up to date: set when a prepaid tenant's available balance
-- (unexpired credit - lifetime spend - open holds) just fell below its level, and then a row with
-- the balance is returned (the event fires); cleared when it is back at or above the level, or the
-- tenant is postpaid or has no level (the next fall alerts again). When the flag is right, nothing
-- is written. The caller holds the tenant row's lock (a charge, a void or a grant).
CREATE FUNCTION reef_low_balance_alert(for_tenant uuid, at timestamptz)
RETURNS TABLE (threshold_percent integer, dedupe_key text, period text, period_start timestamptz,
               period_spent bigint, quota_limit bigint,
               available bigint, low_level bigint, granted bigint, lifetime_spent bigint, held bigint)
LANGUAGE sql AS $$
  WITH flipped AS (
    UPDATE tenant SET low_balance_alerted = NOT low_balance_alerted
    WHERE id = for_tenant
      AND low_balance_alerted IS DISTINCT FROM (billing_mode = 'prepaid' AND low_balance_micros IS NOT NULL
          AND reef_unexpired_credit(id, granted_micros, at) - lifetime_spent_micros - held_micros < low_balance_micros)
    RETURNING low_balance_alerted AS alerted,
              reef_unexpired_credit(id, granted_micros, at) - lifetime_spent_micros - held_micros AS available,
              low_balance_micros, granted_micros, lifetime_spent_micros, held_micros
  )
  SELECT NULL::integer, NULL::text, NULL::text, NULL::timestamptz, NULL::bigint, NULL::bigint,
         f.available, f.low_balance_micros, f.granted_micros, f.lifetime_spent_micros, f.held_micros
  FROM flipped f WHERE f.alerted
$$;

-- A settlement's counters (post, void, late charge): the hold and its job slot come off, the
-- charge goes on the period spend and the lifetime spend, on the tenant row first, then the key's
-- (the lock order of reef_admit; the caller has locked the job row before either). Returns the
-- balance alerts due: thresholds only after a charge, the low-balance flag after every move.
DROP FUNCTION reef_move_counters(uuid, uuid, bigint, integer, bigint, timestamptz);
CREATE FUNCTION reef_move_counters(for_tenant uuid, for_key uuid, held_off bigint, slots_off integer,
                                   spent bigint, at timestamptz)
RETURNS TABLE (threshold_percent integer, dedupe_key text, period text, period_start timestamptz,
               period_spent bigint, quota_limit bigint,
               available bigint, low_level bigint, granted bigint, lifetime_spent bigint, held bigint)
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenant t SET
    held_micros = t.held_micros - held_off,
    active_jobs = t.active_jobs - slots_off,
    spent_micros = reef_spent_in_period(t.spent_period_start, t.spent_micros, t.quota_period, at) + spent,
    spent_period_start = reef_period_start(t.quota_period, at),
    lifetime_spent_micros = t.lifetime_spent_micros + spent
  WHERE t.id = for_tenant;
  UPDATE api_key k SET
    held_micros = k.held_micros - held_off,
    active_jobs = k.active_jobs - slots_off,
    spent_micros = reef_spent_in_period(k.spent_period_start, k.spent_micros, k.quota_period, at) + spent,
    spent_period_start = reef_period_start(k.quota_period, at)
  WHERE k.id = for_key;
  IF spent > 0 THEN
    RETURN QUERY SELECT * FROM reef_budget_thresholds_reached(for_tenant, at);
  END IF;
  RETURN QUERY SELECT * FROM reef_low_balance_alert(for_tenant, at);
END
$$;
