-- Our booking id <-> Cal.com uid, and where each booking's calendar side stands.
-- state: WAITING (details or customer still missing), CREATE_DUE, CREATING, CREATED,
-- FAILED (nothing was created), ORPHAN_WATCH (creation uncertain and the booking failed:
-- keep looking for an orphan to cancel until watch_until), COMPENSATE_DUE, COMPENSATED,
-- CANCEL_DUE, CANCELLED, COMPENSATION_FAILED.
create table sync_booking (
    booking_id       text primary key,
    tenant_id        text        not null,
    event_type_id    bigint,
    staff_id         text,
    starts_at        timestamptz,
    ends_at          timestamptz,
    customer_name    text,
    email            text,
    phone            text,
    has_details      boolean     not null default false,
    customer_linked  boolean     not null default false,
    rejected         boolean     not null default false,
    state            text        not null default 'WAITING',
    calcom_uid       text,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    watch_until      timestamptz,
    last_error       text,
    updated_at       timestamptz not null default now()
);
create index sync_booking_due on sync_booking (state, next_attempt_at);

-- Cal.com webhooks already processed: (trigger, uid, status, start) (calcom-api-v2.md §7.6).
create table webhook_seen (
    dedup_key  text primary key,
    seen_at    timestamptz not null default now()
);
