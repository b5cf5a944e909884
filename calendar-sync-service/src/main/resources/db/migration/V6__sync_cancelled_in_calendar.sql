-- A row Cal.com cancelled (staff, or the business declined it), as opposed to one we cancelled for the caller:
-- a live booking of ours that turns up for it later (e.g. the customer rebooked after a "request reschedule")
-- is the business's doing, never cancelled as an orphan or a duplicate.
alter table sync_booking add column cancelled_in_calendar boolean not null default false;
