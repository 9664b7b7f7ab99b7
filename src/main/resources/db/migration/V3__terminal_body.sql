-- A finished job is answered by Reef from what it stored: the provider's body that made the job
-- terminal, as received (never rewritten: ids, URLs and prices are rewritten for each answer).
-- Polls and cancels of a terminal job never reach the provider.
ALTER TABLE job ADD COLUMN terminal_body text;
