-- A tenant's MCP servers (docs/mcp.md), written by tools.internal.JdbcMcpServers. name prefixes the names of the
-- server's tools, which agents bind by name.
--   auth      {type: bearer|header, header?, credentialId}: a credential of the same tenant, sent as a header; null: none
--   tools     [{name, remoteName, description, inputSchema}] from the last successful discovery, kept when a later one
--             fails so a server that cannot be reached still offers what it had
--   discovery_status pending (never ran), ok, failed; discovery_error says why the last run failed
--   version   raised by every change the tenant makes (the ETag); discovery does not raise it
create table mcp_servers (
	id uuid primary key,
	tenant_id uuid not null references tenants (id) on delete cascade,
	name text not null check (name ~ '^[a-z][a-z0-9_]{0,30}$'),
	url text not null,
	auth jsonb check (auth is null or jsonb_typeof(auth) = 'object'),
	enabled boolean not null,
	timeout_seconds integer not null check (timeout_seconds between 1 and 300),
	tools jsonb not null default '[]' check (jsonb_typeof(tools) = 'array'),
	discovery_status text not null default 'pending' check (discovery_status in ('pending', 'ok', 'failed')),
	discovery_checked_at timestamptz,
	discovery_succeeded_at timestamptz,
	discovery_error text,
	version bigint not null check (version >= 1),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	unique (tenant_id, name)
);

alter table mcp_servers enable row level security;
alter table mcp_servers force row level security;
create policy tenant_isolation on mcp_servers using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
