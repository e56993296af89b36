-- One row per Rampart installation (database): its identity and how often nodes started on it.
create table installation (
    singleton        boolean primary key default true check (singleton),
    id               uuid        not null,
    created_at       timestamptz not null default now(),
    last_started_at  timestamptz not null default now(),
    starts           bigint      not null default 1
);
