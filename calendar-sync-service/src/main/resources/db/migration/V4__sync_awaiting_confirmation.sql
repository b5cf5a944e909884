-- Cal.com holds the row's booking as pending: its event type requires confirmation and the
-- business has not confirmed it yet (calcom-api-v2.md §4.1, §4.7). Cleared when Cal.com
-- reports it accepted (webhook BOOKING_CREATED, or reconciliation).
alter table sync_booking add column awaiting_confirmation boolean not null default false;
