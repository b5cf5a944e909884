-- The host Cal.com named that reconciliation last told booking-service about (BOOKING_HOST_CHANGED)
-- while the row held the booking with another member; when that host was first told, and when last.
-- A host already told is told again at most hourly; told and still not followed after a grace, the
-- row counts in calendar_sync_unresolved{kind="host_mismatch"}.
alter table sync_booking add column host_reported text;
alter table sync_booking add column host_reported_at timestamptz;
alter table sync_booking add column host_retold_at timestamptz;
