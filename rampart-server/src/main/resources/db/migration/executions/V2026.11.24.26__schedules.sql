-- Cron schedules (docs/runs.md, "Schedules"), written by executions.internal.JdbcSchedules and fired by
-- executions.internal.ScheduleTicker.
--   cron           as the client sent it (5 or 6 fields, or a macro such as @daily), evaluated in timezone
--   target_kind    agent|workflow; target_version the selector a firing resolves (null: the latest; digits or an alias)
--   input          what each run gets (a string for an agent)
--   next_fire_at   the next tick; null while disabled. A node fires a due schedule by locking its row
--                  (FOR UPDATE SKIP LOCKED), creating the run with the idempotency key schedule:<id>:<tick> and moving
--                  next_fire_at past now in the same transaction: one run per tick across nodes, and after downtime
--                  the missed ticks fire once, not as a burst.
--   last_*         the last firing: its tick, the run it created, or the problem that kept it from creating one
--   version        raised by every change (the ETag)
create table schedules (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	name text not null,
	cron text not null,
	timezone text not null,
	target_kind text not null check (target_kind in ('agent', 'workflow')),
	target_id uuid not null,
	target_version text,
	input jsonb not null,
	enabled boolean not null,
	next_fire_at timestamptz,
	last_fired_at timestamptz,
	last_run_id uuid,
	last_error jsonb,
	version bigint not null check (version >= 1),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	primary key (tenant_id, id),
	unique (tenant_id, name),
	check (enabled or next_fire_at is null)
);

-- the ticker: due schedules of every tenant, oldest tick first
create index schedules_due on schedules (next_fire_at) where next_fire_at is not null;

alter table schedules enable row level security;
alter table schedules force row level security;
create policy tenant_isolation on schedules using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
