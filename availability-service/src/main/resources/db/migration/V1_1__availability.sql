-- Projection of calendar.slots (free starts per event type and local day).
create table slot_snapshot (
    tenant_id      text        not null,
    event_type_id  bigint      not null,
    day            date        not null,
    starts         text[]      not null,
    fetched_at     timestamptz not null,
    primary key (tenant_id, event_type_id, day)
);

-- Projection of booking.events: live holds and bookings per staff member.
create table busy (
    booking_id  text primary key,
    tenant_id   text        not null,
    staff_id    text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null
);
create index busy_by_time on busy (tenant_id, starts_at);
