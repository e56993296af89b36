-- Provider configurations of a tenant (docs/providers.md, "Provider configurations"), written by
-- providers.internal.JdbcProviderRegistry. name is the provider's id, which model chains and agents refer to.
--   keys     [{credentialId, disabledAt, disabledReason}]: credentials of the same tenant, used round robin; a key the
--            provider rejected carries disabledAt/disabledReason until the provider is saved again
--   models   [{name, contextWindow, inputPrice, outputPrice}]: prices are decimal strings (USD per million tokens),
--            so they stay exact
--   settings only the resilience overrides the tenant set (connectMs, firstTokenMs, totalMs, maxAttempts,
--            backoffBaseMs, backoffMaxMs, maxRetryAfterMs, breakerFailures, breakerWaitMs, maxConcurrentCalls);
--            the node's rampart.providers.resilience defaults fill the rest when the row is read
--   version  raised by every change the tenant makes (not by a disabled key): breakers and clients are kept per version
create table llm_providers (
	tenant_id uuid not null references tenants (id) on delete cascade,
	name text not null check (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	type text not null,
	base_url text,
	keys jsonb not null default '[]' check (jsonb_typeof(keys) = 'array'),
	models jsonb not null check (jsonb_typeof(models) = 'array'),
	settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
	api_version text,
	version bigint not null check (version >= 1),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	updated_by text not null,
	primary key (tenant_id, name)
);

alter table llm_providers enable row level security;
alter table llm_providers force row level security;
create policy tenant_isolation on llm_providers using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
