-- A reschedule (DESIGN §5, RESCHEDULE_PENDING) keeps the booking at its old time until Cal.com has
-- moved it; meanwhile a HELD row of its own guards the new time (the part the old time does not
-- cover). reschedule_of is that hold's booking; null for every other row.
alter table booking add column reschedule_of uuid;
create index booking_reschedule_of on booking (reschedule_of) where reschedule_of is not null;
