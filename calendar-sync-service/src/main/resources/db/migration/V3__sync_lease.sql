-- The worker's lease on a row (a fencing token): each claim increments it, and the claim's
-- outcome is written only if the row still carries that claim's value (see SyncRepository).
alter table sync_booking add column lease bigint not null default 0;
