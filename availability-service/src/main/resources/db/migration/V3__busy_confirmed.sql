-- Whether a busy time is a booking Cal.com has (BookingConfirmed) or a hold it does not know (BookingHeld):
-- a round-robin list fetched after a confirmation already leaves that time out, a hold never.
-- Rows from before this column are taken as confirmed: holds live minutes, and their next event sets it.
alter table busy add column confirmed boolean not null default true;
alter table busy alter column confirmed set default false;
