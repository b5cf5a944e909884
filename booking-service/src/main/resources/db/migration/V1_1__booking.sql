create extension if not exists btree_gist;

create table booking (
    id                uuid primary key,
    tenant_id         text        not null,
    call_id           text,
    service_id        text        not null,
    staff_id          text        not null,
    event_type_id     bigint      not null,
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    state             text        not null,
    customer_name     text        not null,
    phone             text,
    email             text,
    notes             text,
    customer_id       text,
    calcom_uid        text,
    reason            text,
    hold_expires_at   timestamptz not null,
    deadline_at       timestamptz,
    reply_to          text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    -- The only guard against double booking (DESIGN §5): no two live bookings of one staff
    -- member may overlap. Ranges are half-open, so 14:00-14:30 and 14:30-15:00 do not clash.
    constraint no_overlapping_live_bookings exclude using gist (
        tenant_id with =, staff_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
        where (state in ('HELD', 'CONFIRMING', 'CONFIRMED', 'CANCEL_PENDING', 'RESCHEDULE_PENDING'))
);

create index booking_due on booking (state, hold_expires_at);
create index booking_by_phone on booking (tenant_id, phone, starts_at);
