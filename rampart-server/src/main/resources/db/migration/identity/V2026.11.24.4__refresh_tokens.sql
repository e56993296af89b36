-- Refresh tokens: opaque 256-bit values stored only as SHA-256 hashes, in families (one per login)
-- with parent links. A family dies on reuse, logout, password change or account disable.
create table refresh_token_families (
	id uuid primary key,
	user_id uuid not null,
	tenant_id uuid not null,
	created_at timestamptz not null,
	absolute_expires_at timestamptz not null,
	revoked_at timestamptz,
	revoked_reason text
);

create index refresh_token_families_user on refresh_token_families (user_id) where revoked_at is null;

create table refresh_tokens (
	id uuid primary key,
	family_id uuid not null references refresh_token_families (id) on delete cascade,
	parent_id uuid references refresh_tokens (id) on delete cascade,
	token_hash bytea not null unique,
	created_at timestamptz not null,
	idle_expires_at timestamptz not null,
	used_at timestamptz
);

create index refresh_tokens_family on refresh_tokens (family_id);
