-- Notifications of a tenant (docs/notifications.md), written by events.notify.JdbcNotifications.
--   notification_heads  the last id given out per tenant: taking the next one locks the tenant's row until the insert
--                       commits, so a tenant's ids become visible in order and a reader that has seen id n never finds
--                       a smaller id later (replay after Last-Event-ID has no gap and no duplicate)
--   notifications       recipient: the one user it is for, or null for every member who holds permission (null: every
--                       member); type breaker_opened, breaker_closed, degraded, quota_near, quota_exceeded,
--                       anomaly_detected, run_waiting, run_failed, conflict; data: what the type names (ids, names).
--                       Kept for rampart.events.notifications.retention (30 days), then deleted.
create table notification_heads (
	tenant_id uuid not null references tenants (id) on delete cascade,
	last_id bigint not null check (last_id >= 1),
	primary key (tenant_id)
);

create table notifications (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id bigint not null check (id >= 1),
	recipient uuid,
	permission text,
	type text not null,
	severity text not null check (severity in ('info', 'warning', 'critical')),
	title text not null,
	data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
	created_at timestamptz not null,
	primary key (tenant_id, id)
);

-- the retention's delete
create index notifications_created on notifications (created_at);

alter table notification_heads enable row level security;
alter table notification_heads force row level security;
create policy tenant_isolation on notification_heads using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());

alter table notifications enable row level security;
alter table notifications force row level security;
create policy tenant_isolation on notifications using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
