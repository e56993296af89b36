-- API keys for machine clients: shown once, stored as SHA-256, found by their public prefix.
create table api_keys (
	id uuid primary key,
	tenant_id uuid not null,
	prefix text not null,
	secret_hash bytea not null,
	name text not null,
	created_by text not null,
	permissions text[] not null,
	expires_at timestamptz,
	last_used_at timestamptz,
	revoked_at timestamptz,
	created_at timestamptz not null,
	constraint api_keys_prefix unique (prefix)
);

create index api_keys_tenant on api_keys (tenant_id, created_at desc);
