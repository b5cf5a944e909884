-- Cal.com's free starts per event type and tenant-local day, as calendar-sync publishes them on
-- calendar.slots (DESIGN §6), newest fetch kept. booking-service reads the members' own event
-- types: without a staff wish it holds first a member Cal.com itself has free (MemberSlots).
create table slot_snapshot (
    tenant_id      text        not null,
    event_type_id  bigint      not null,
    day            date        not null,
    starts         text[]      not null,
    fetched_at     timestamptz not null,
    primary key (tenant_id, event_type_id, day)
);
