-- request_callback (DESIGN §8): callers who asked to be called back, until staff mark them done
create table callback_request (
    id             uuid primary key,
    tenant_id      text        not null,
    call_id        text,
    phone_e164     text        not null,
    own_number     boolean     not null,
    name           text,
    preferred_time text,
    reason         text,
    requested_at   timestamptz not null default now(),
    done_at        timestamptz
);
-- one request per call: a repeat (Retell retried, or the caller added a detail) updates it
create unique index callback_request_call on callback_request (tenant_id, call_id) where call_id is not null;
create index callback_request_open on callback_request (tenant_id, requested_at) where done_at is null;
