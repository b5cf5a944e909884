-- Whether the row's current reschedule has sent its POST /v2/bookings/{uid}/reschedule at least once:
-- such a move may have gone through, so it is never reported as failed unless a look-up shows the
-- booking not at its new start.
alter table sync_booking add column reschedule_sent boolean not null default false;
