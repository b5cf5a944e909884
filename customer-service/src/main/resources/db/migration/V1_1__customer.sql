create table customer (
    id          uuid primary key,
    tenant_id   text        not null,
    phone_e164  text        not null,
    name        text        not null,
    email       text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (tenant_id, phone_e164)
);
