-- Adds state RESCHEDULE_DUE to those listed in V1_1 (the caller's reschedule is under way).
-- The caller's reschedule (state RESCHEDULE_DUE, then CREATED again): the new start (UTC) that
-- Cal.com is asked to move the booking to (calcom-api-v2.md §4.6); null when none is under way.
alter table sync_booking add column reschedule_to timestamptz;
