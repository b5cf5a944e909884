-- Shared by every service that owns a database: outbox, inbox, tenant config mirror.
create table outbox (
    id             bigserial primary key,
    topic          text        not null,
    msg_partition  integer,
    msg_key        text,
    payload_class  text        not null,
    payload        bytea       not null,
    headers        text        not null,
    created_at     timestamptz not null default now()
);

create table inbox (
    consumer      text        not null,
    message_id    text        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, message_id)
);

create table tenant_config (
    tenant_id   text primary key,
    config      bytea       not null,
    updated_at  timestamptz not null
);
