-- When we learnt that Cal.com cancelled the row's booking: a live booking of ours made after it (and not moved
-- from another) is a rebooking; one made before it is a duplicate of ours, cancelled as such.
alter table sync_booking add column cancelled_in_calendar_at timestamptz;
update sync_booking set cancelled_in_calendar_at = updated_at where cancelled_in_calendar;
