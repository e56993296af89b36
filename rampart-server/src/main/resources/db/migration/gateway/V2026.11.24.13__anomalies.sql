-- Anomalies raised by threat detection (docs/threat-detection.md). Unauthenticated sources belong to
-- no tenant: their anomalies are stored under the platform tenant (all zeros), which only platform
-- admins review. No foreign key to tenants for that reason. features: {"share404": 0.85, ...};
-- reasons: the features furthest from usual, in words.
create table anomalies (
	id uuid primary key,
	tenant_id uuid not null,
	principal_key text not null,
	level text not null check (level in ('principal', 'tenant')),
	window_start timestamptz not null,
	window_end timestamptz not null,
	score double precision not null,
	features jsonb not null,
	reasons text[] not null,
	status text not null check (status in ('open', 'cleared')),
	throttled_until timestamptz,
	cleared_by text,
	cleared_at timestamptz,
	clear_reason text,
	created_at timestamptz not null
);

-- Review lists: a tenant's anomalies newest first (ids are UUIDv7, so id order is creation order).
create index anomalies_tenant on anomalies (tenant_id, id desc);

alter table anomalies enable row level security;
alter table anomalies force row level security;
create policy tenant_isolation on anomalies using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
