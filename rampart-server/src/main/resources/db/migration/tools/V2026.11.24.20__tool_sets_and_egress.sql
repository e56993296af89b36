-- Tools of a tenant (docs/tools.md), written by tools.internal.JdbcEgressAllowlists and tools.internal.JdbcOpenApiToolSets.

-- A tenant's own egress allowlist entries (host, *.domain, host:port), added to the node's rampart.tools.egress.allowed-hosts.
create table tool_egress_allowlists (
	tenant_id uuid primary key references tenants (id) on delete cascade,
	allowed_hosts jsonb not null check (jsonb_typeof(allowed_hosts) = 'array'),
	updated_at timestamptz not null,
	updated_by text not null
);

alter table tool_egress_allowlists enable row level security;
alter table tool_egress_allowlists force row level security;
create policy tenant_isolation on tool_egress_allowlists using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

-- OpenAPI tool sets: each operation of the document becomes a tool named <name>_<operationId in snake_case>.
--   document    the OpenAPI document as JSON (YAML is converted on the way in)
--   auth        {type: bearer|header|query|basic, name, credentialId} or null; the secret stays in credentials
--   operations  operationIds to expose, or null for all
create table openapi_tool_sets (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	name text not null check (name ~ '^[a-z][a-z0-9_]{0,31}$'),
	document jsonb not null check (jsonb_typeof(document) = 'object'),
	base_url text,
	auth jsonb,
	credential_id uuid,
	operations jsonb,
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	primary key (tenant_id, id),
	unique (tenant_id, name)
);

create index openapi_tool_sets_credential on openapi_tool_sets (tenant_id, credential_id) where credential_id is not null;

alter table openapi_tool_sets enable row level security;
alter table openapi_tool_sets force row level security;
create policy tenant_isolation on openapi_tool_sets using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
