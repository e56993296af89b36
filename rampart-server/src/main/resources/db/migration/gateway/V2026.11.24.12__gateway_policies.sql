-- A tenant's gateway policy: masking (action per category, and whether prompts sent to models are masked
-- too) and the default prompt-injection screening action. A tenant without a row has the defaults
-- (GatewayPolicy.defaults). masking: {"actions": {"EMAIL": "ALLOW", ...}, "prompts": false};
-- screening: {"default": "FLAG"}.
create table gateway_policies (
	tenant_id uuid primary key references tenants (id) on delete cascade,
	masking jsonb not null default '{}'::jsonb,
	screening jsonb not null default '{"default": "FLAG"}'::jsonb,
	updated_at timestamptz not null,
	updated_by text not null
);

alter table gateway_policies enable row level security;
alter table gateway_policies force row level security;
create policy tenant_isolation on gateway_policies using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
