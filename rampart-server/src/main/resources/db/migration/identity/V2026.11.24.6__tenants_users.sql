-- Tenants, users and memberships. Users are platform-wide (one person, several tenants); their
-- e-mail and name are envelope-encrypted (purpose PERSONAL_DATA) and the e-mail is found through a
-- blind index (HMAC-SHA256 of the normalised address), never stored in clear.
create table tenants (
	id uuid primary key,
	name text not null,
	created_at timestamptz not null,
	constraint tenants_name unique (name)
);

create table users (
	id uuid primary key,
	email bytea not null,
	email_index bytea not null,
	name bytea,
	password_hash text not null,
	must_change_password boolean not null default false,
	platform_admin boolean not null default false,
	disabled_at timestamptz,
	tokens_valid_after timestamptz not null,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	constraint users_email_index unique (email_index)
);

create table memberships (
	user_id uuid not null references users (id) on delete cascade,
	tenant_id uuid not null references tenants (id) on delete cascade,
	role text not null,
	created_at timestamptz not null,
	primary key (user_id, tenant_id)
);

create index memberships_tenant on memberships (tenant_id);
