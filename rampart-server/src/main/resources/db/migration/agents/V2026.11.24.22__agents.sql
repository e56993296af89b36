-- Agents, their immutable versions and aliases, and tenant templates (docs/agents.md), written by
-- agents.internal.JdbcAgents and agents.internal.JdbcTemplates.
--   agents          one row per agent; name and tags mirror the latest version's definition (lists filter on them);
--                   deleted_at set = soft-deleted (hidden, restorable until the restore window ends, then purged);
--                   a live agent's name is unique in the tenant, a deleted one's name is free
--   agent_versions  every definition an agent ever had, 1..n, never updated
--   agent_aliases   a name (prod, staging, ...) pointing at one version; moving it back is a rollback
--   agent_templates the tenant's own templates (built-in ones are resources of the build)
create table agents (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	name text not null,
	owner text,
	tags jsonb not null default '{}' check (jsonb_typeof(tags) = 'object'),
	latest_version integer not null check (latest_version >= 1),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	deleted_at timestamptz,
	deleted_by text,
	primary key (tenant_id, id)
);

create unique index agents_live_name on agents (tenant_id, lower(name)) where deleted_at is null;
create index agents_deleted on agents (deleted_at) where deleted_at is not null;

create table agent_versions (
	tenant_id uuid not null,
	agent_id uuid not null,
	version integer not null check (version >= 1),
	definition jsonb not null check (jsonb_typeof(definition) = 'object'),
	created_at timestamptz not null,
	created_by text not null,
	primary key (tenant_id, agent_id, version),
	foreign key (tenant_id, agent_id) references agents (tenant_id, id) on delete cascade
);

create table agent_aliases (
	tenant_id uuid not null,
	agent_id uuid not null,
	name text not null check (name ~ '^[a-z][a-z0-9-]{0,39}$'),
	version integer not null,
	updated_at timestamptz not null,
	updated_by text not null,
	primary key (tenant_id, agent_id, name),
	foreign key (tenant_id, agent_id, version) references agent_versions (tenant_id, agent_id, version) on delete cascade
);

create table agent_templates (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	definition jsonb not null check (jsonb_typeof(definition) = 'object'),
	version integer not null check (version >= 1),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	primary key (tenant_id, id)
);

alter table agents enable row level security;
alter table agents force row level security;
create policy tenant_isolation on agents using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table agent_versions enable row level security;
alter table agent_versions force row level security;
create policy tenant_isolation on agent_versions using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table agent_aliases enable row level security;
alter table agent_aliases force row level security;
create policy tenant_isolation on agent_aliases using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table agent_templates enable row level security;
alter table agent_templates force row level security;
create policy tenant_isolation on agent_templates using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
