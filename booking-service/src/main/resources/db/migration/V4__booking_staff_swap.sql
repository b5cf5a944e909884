-- Whether a hold's staff member is our choice among the service's staff (true) or the one the
-- caller asked for (false); null for rows from before this was kept. Only our choice may be
-- handed to another member (BookingRepository.swapStaff).
alter table booking add column staff_chosen boolean;

-- The same guard as in V1_1, now deferrable: two bookings may swap staff members inside one
-- transaction (checked when that transaction sets it immediate again); immediate everywhere else.
alter table booking drop constraint no_overlapping_live_bookings;
alter table booking add constraint no_overlapping_live_bookings exclude using gist (
    tenant_id with =, staff_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
    where (state in ('HELD', 'CONFIRMING', 'CONFIRMED', 'CANCEL_PENDING', 'RESCHEDULE_PENDING'))
    deferrable initially immediate;
