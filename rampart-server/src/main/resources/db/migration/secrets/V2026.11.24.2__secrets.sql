-- Envelope data keys: one current generation per tenant and purpose, wrapped by a KEK version.
-- encryptions_reserved counts encryptions handed out to nodes, so no key outlives its nonce budget.
create table data_keys (
	id uuid primary key,
	tenant_id uuid not null,
	purpose text not null,
	generation integer not null,
	kek_backend text not null,
	kek_version integer not null,
	wrapped_key text not null,
	encryptions_reserved bigint not null default 0,
	created_at timestamptz not null,
	rewrapped_at timestamptz,
	constraint data_keys_generation unique (tenant_id, purpose, generation)
);

create index data_keys_kek_version on data_keys (kek_version);

-- Secrets kept by SecretManager when the store is the database; the value is envelope-encrypted.
create table stored_secrets (
	path text primary key,
	ciphertext bytea not null,
	version integer not null,
	updated_at timestamptz not null
);

-- Provider credentials. The secret is envelope-encrypted; secret_hint holds at most its last four characters.
create table credentials (
	id uuid primary key,
	tenant_id uuid not null,
	name text not null,
	provider text not null,
	description text,
	secret bytea not null,
	secret_hint text not null,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	last_tested_at timestamptz,
	last_test_status text,
	constraint credentials_name unique (tenant_id, name)
);

-- Key administration jobs (rewrap) and their progress, readable from every node.
create table key_jobs (
	id uuid primary key,
	kind text not null,
	status text not null,
	target_version integer not null,
	total bigint not null default 0,
	done bigint not null default 0,
	node text not null,
	error text,
	started_at timestamptz not null,
	finished_at timestamptz
);
