-- Durable runs (docs/runs.md), written by executions.internal: the run queue, each run's steps and its ordered event log.
--   runs        one row per run. kind agent|workflow names what target_id is; target_version is the version pinned when
--               the run was created. The queue: status 'queued' rows are claimed with FOR UPDATE SKIP LOCKED; a claim
--               sets lease_owner (a node id), lease_expires_at and raises fencing_token by one, so every later write of
--               the run's state names the token it holds and is refused (0 rows) once another claim took the run over.
--               idempotency_key + request_hash: the same key with the same body is the same run.
--               cancel_requested: a cancel asked of a running run, seen by the worker that holds it.
--               output/outcome/usage/error: the result (outcome: why a step stopped, structured output, tool calls),
--               error is the problem (code, userMessage, technicalDetails ...) of a failed run.
--   run_steps   one row per step of a run: for an agent run, each model call and each tool call, numbered from 1.
--   run_events  append-only, ordered per run by seq (from 1); the source for GET /runs/{id}/events and, later, SSE replay.
create table runs (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	kind text not null check (kind in ('agent', 'workflow')),
	target_id uuid not null,
	target_version integer not null check (target_version >= 1),
	input jsonb not null,
	thread_id text,
	user_id text,
	status text not null check (status in ('queued', 'running', 'waiting', 'compensating', 'succeeded', 'failed',
		'cancelled', 'compensated')),
	output jsonb,
	outcome jsonb,
	usage jsonb,
	error jsonb,
	attempt integer not null default 0 check (attempt >= 0),
	priority integer not null default 0,
	idempotency_key text,
	request_hash text,
	lease_owner text,
	lease_expires_at timestamptz,
	fencing_token bigint not null default 0,
	cancel_requested boolean not null default false,
	created_at timestamptz not null,
	created_by text not null,
	started_at timestamptz,
	ended_at timestamptz,
	updated_at timestamptz not null,
	primary key (tenant_id, id),
	check ((idempotency_key is null) = (request_hash is null)),
	check (status <> 'running' or (lease_owner is not null and lease_expires_at is not null))
);

-- the claim: which tenants have queued runs (a skip scan over tenant_id), then a tenant's next run by priority and age
create index runs_queued on runs (tenant_id, priority desc, created_at) where status = 'queued';
-- the claim's fairness count (running runs per tenant) and the takeover of lapsed leases
create index runs_running on runs (lease_expires_at, tenant_id) where status = 'running';
create unique index runs_idempotency on runs (tenant_id, idempotency_key) where idempotency_key is not null;
-- active runs of an agent (deletion check) and GET /runs?agent=
create index runs_target on runs (tenant_id, target_id, id);
-- GET /runs?status=
create index runs_status on runs (tenant_id, status, id);

create table run_steps (
	tenant_id uuid not null,
	run_id uuid not null,
	index integer not null check (index >= 1),
	kind text not null,
	name text,
	status text not null,
	input jsonb,
	output jsonb,
	attempt integer not null check (attempt >= 1),
	started_at timestamptz not null,
	ended_at timestamptz,
	primary key (tenant_id, run_id, index),
	foreign key (tenant_id, run_id) references runs (tenant_id, id) on delete cascade
);

create table run_events (
	tenant_id uuid not null,
	run_id uuid not null,
	seq bigint not null check (seq >= 1),
	type text not null,
	data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
	at timestamptz not null,
	primary key (tenant_id, run_id, seq),
	foreign key (tenant_id, run_id) references runs (tenant_id, id) on delete cascade
);

alter table runs enable row level security;
alter table runs force row level security;
create policy tenant_isolation on runs using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table run_steps enable row level security;
alter table run_steps force row level security;
create policy tenant_isolation on run_steps using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table run_events enable row level security;
alter table run_events force row level security;
create policy tenant_isolation on run_events using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
