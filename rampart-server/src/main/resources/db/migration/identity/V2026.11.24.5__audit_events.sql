-- The audit log: one hash chain per tenant. hash = SHA-256(prev_hash || canonical encoding of the
-- row), prev_hash of seq 1 is 32 zero bytes (see docs/audit.md and AuditChain).
create table audit_events (
	id uuid primary key,
	tenant_id uuid not null,
	seq bigint not null,
	occurred_at timestamptz not null,
	actor text not null,
	actor_ip text,
	action text not null,
	target_type text,
	target_id text,
	outcome text not null,
	details jsonb not null,
	prev_hash bytea not null,
	hash bytea not null,
	constraint audit_events_tenant_seq unique (tenant_id, seq),
	constraint audit_events_seq_positive check (seq > 0),
	constraint audit_events_hash_length check (length(prev_hash) = 32 and length(hash) = 32)
);

create index audit_events_actor on audit_events (tenant_id, actor, seq desc);
create index audit_events_target on audit_events (tenant_id, target_type, target_id, seq desc);

-- The newest entry of each tenant's chain. Appends lock this row (select ... for update), so one
-- tenant's appends are serialized and gap-free while other tenants' appends do not wait.
create table audit_chain_heads (
	tenant_id uuid primary key,
	last_seq bigint not null,
	last_hash bytea not null
);

-- Append-only: UPDATE, DELETE and TRUNCATE are refused. The table owner or a superuser can still
-- disable these triggers (ALTER TABLE ... DISABLE TRIGGER), which is why every row is also hash-chained:
-- the trigger stops mistakes and application bugs, the chain makes deliberate tampering visible.
create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
	raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'restrict_violation';
end;
$$;

create trigger audit_events_append_only before update or delete on audit_events
	for each row execute function audit_events_refuse_change();

create trigger audit_events_no_truncate before truncate on audit_events
	for each statement execute function audit_events_refuse_change();
