-- The hold step exactly as Reef runs it (io.reef.ledger.Holds#PLACE), on a random tenant (or on
-- tenant 1 with TENANTS=1: one hot row), in a transaction rolled back so the tables
-- stay the same size.
\set t random(1, :tenants)
BEGIN;
UPDATE tenant SET
  held_micros = held_micros + 48000,
  active_jobs = active_jobs + 1,
  spent_micros = reef_spent_in_period(spent_period_start, spent_micros, quota_period, now()),
  spent_period_start = reef_period_start(quota_period, now()),
  rate_window_count = reef_rate_count(rate_window_start, rate_window_count, now()) + 1,
  rate_window_start = date_trunc('minute', now(), 'UTC')
WHERE id = md5('tenant' || :t)::uuid
  AND status = 'active'
  AND (max_concurrent_jobs IS NULL OR active_jobs < max_concurrent_jobs)
  AND (requests_per_minute IS NULL OR reef_rate_count(rate_window_start, rate_window_count, now()) < requests_per_minute)
  AND reef_spent_in_period(spent_period_start, spent_micros, quota_period, now()) + held_micros + 48000 <= quota_limit_micros;
ROLLBACK;
