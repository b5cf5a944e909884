-- busy rows become order-independent (a dead letter sent back late must not undo what came
-- after it): each row keeps the occurred_at of the booking event it reflects and a released
-- row stays as a tombstone, so an older hold or booking delivered after its release or its
-- move is ignored. A tombstone of a booking whose times were never seen has none.
alter table busy add column occurred_at timestamptz not null default '-infinity';
alter table busy add column released boolean not null default false;
alter table busy alter column staff_id drop not null;
alter table busy alter column starts_at drop not null;
alter table busy alter column ends_at drop not null;
