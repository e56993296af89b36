-- Workflow definitions and their immutable versions (docs/workflows.md), written by workflows.internal.JdbcWorkflows.
--   workflows          one row per workflow; name, tags and the *_refs columns mirror the latest version's definition
--                      (lists filter on them; in-use checks of agents, tools and workflows read them);
--                      deleted_at set = soft-deleted (hidden, restorable; its versions still resolve for pinned runs);
--                      a live workflow's name is unique in the tenant, a deleted one's name is free
--   workflow_versions  every definition a workflow ever had, 1..n, never updated
create table workflows (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	name text not null,
	owner text,
	tags jsonb not null default '{}' check (jsonb_typeof(tags) = 'object'),
	latest_version integer not null check (latest_version >= 1),
	agent_refs uuid[] not null default '{}',
	tool_refs text[] not null default '{}',
	workflow_refs uuid[] not null default '{}',
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	deleted_at timestamptz,
	deleted_by text,
	primary key (tenant_id, id)
);

create unique index workflows_live_name on workflows (tenant_id, lower(name)) where deleted_at is null;
create index workflows_agent_refs on workflows using gin (agent_refs);
create index workflows_tool_refs on workflows using gin (tool_refs);
create index workflows_workflow_refs on workflows using gin (workflow_refs);

create table workflow_versions (
	tenant_id uuid not null,
	workflow_id uuid not null,
	version integer not null check (version >= 1),
	definition jsonb not null check (jsonb_typeof(definition) = 'object'),
	created_at timestamptz not null,
	created_by text not null,
	primary key (tenant_id, workflow_id, version),
	foreign key (tenant_id, workflow_id) references workflows (tenant_id, id) on delete cascade
);

alter table workflows enable row level security;
alter table workflows force row level security;
create policy tenant_isolation on workflows using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table workflow_versions enable row level security;
alter table workflow_versions force row level security;
create policy tenant_isolation on workflow_versions using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
