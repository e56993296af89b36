-- Custom roles: a tenant's own named sets of grants, kept beside the built-in roles (owner, admin,
-- developer, operator, viewer), whose names they may not take. memberships.role holds either kind
-- by name. grants is a JSON array of {"permission":"agent:execute","condition":{...}} (see Grants).
create table custom_roles (
	id uuid primary key,
	tenant_id uuid not null references tenants (id) on delete cascade,
	name text not null,
	description text,
	grants jsonb not null,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	constraint custom_roles_tenant_name unique (tenant_id, name)
);

-- "Is this role still given to someone?" before a custom role is deleted or renamed.
create index memberships_tenant_role on memberships (tenant_id, role);
