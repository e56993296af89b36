-- Usage and cost accounting (docs/providers.md, "Usage, cost and budgets"): one row per model call, written
-- after the reply or at the stream's end. cost_micros is the cost in millionths of a US dollar, computed from
-- the configured prices when the call was made (later price changes do not rewrite history).
create table model_usage (
	id uuid primary key,
	tenant_id uuid not null references tenants (id) on delete cascade,
	principal text not null,
	agent_id text,
	run_id text,
	provider text not null,
	model text not null,
	input_tokens integer not null check (input_tokens >= 0),
	output_tokens integer not null check (output_tokens >= 0),
	cost_micros bigint not null check (cost_micros >= 0),
	at timestamptz not null
);

-- Reports and budget sums read one tenant's rows over a time range.
create index model_usage_tenant_at on model_usage (tenant_id, at);

alter table model_usage enable row level security;
alter table model_usage force row level security;
create policy tenant_isolation on model_usage using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

-- Token and cost budgets per UTC day or month, for the whole tenant or one agent. PUT /api/v1/budgets
-- replaces a tenant's rows.
create table model_budgets (
	id uuid primary key,
	tenant_id uuid not null references tenants (id) on delete cascade,
	scope text not null check (scope in ('tenant', 'agent')),
	agent_id text,
	period text not null check (period in ('day', 'month')),
	max_tokens bigint check (max_tokens >= 0),
	max_cost_micros bigint check (max_cost_micros >= 0),
	updated_at timestamptz not null,
	updated_by text not null,
	check ((scope = 'agent') = (agent_id is not null)),
	check (max_tokens is not null or max_cost_micros is not null)
);

create unique index model_budgets_one_per_target on model_budgets (tenant_id, scope, coalesce(agent_id, ''), period);

alter table model_budgets enable row level security;
alter table model_budgets force row level security;
create policy tenant_isolation on model_budgets using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
