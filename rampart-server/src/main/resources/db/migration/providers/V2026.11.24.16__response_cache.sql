-- The third tier of the response cache (docs/providers.md, "Response cache"): model replies AFTER masking, keyed by
-- tenant, provider, model and the normalized request hash (hex SHA-256). Rows live until expires_at (2 h by
-- default); reads ignore expired rows, and a scheduled purge deletes them and keeps each tenant's newest rows only.
create table response_cache (
	tenant_id uuid not null references tenants (id) on delete cascade,
	provider text not null,
	model text not null,
	request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
	reply jsonb not null,
	size_bytes integer not null check (size_bytes >= 0),
	created_at timestamptz not null,
	expires_at timestamptz not null,
	primary key (tenant_id, provider, model, request_hash)
);

-- The purge finds expired rows over every tenant, and each tenant's oldest rows beyond the bound.
create index response_cache_expires_at on response_cache (expires_at);
create index response_cache_tenant_created on response_cache (tenant_id, created_at);

alter table response_cache enable row level security;
alter table response_cache force row level security;
create policy tenant_isolation on response_cache using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
