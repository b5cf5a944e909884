-- A CONFIRMED booking that Cal.com holds as pending: its event type requires confirmation and
-- the business has not confirmed it yet (calcom-api-v2.md §4.1, §4.7). The caller is told so.
alter table booking add column awaiting_confirmation boolean not null default false;
