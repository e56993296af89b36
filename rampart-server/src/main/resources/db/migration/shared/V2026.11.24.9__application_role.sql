-- The application connects as ${appRole}: it owns nothing and is no superuser, so the row-level
-- security policies bind it (migration row_level_security). Migrations run as the owner.

-- Spring Modulith's event publication log (its v2 PostgreSQL schema), created here because the
-- application role may not create tables.
create table if not exists event_publication (
	id uuid not null,
	listener_id text not null,
	event_type text not null,
	serialized_event text not null,
	publication_date timestamp with time zone not null,
	completion_date timestamp with time zone,
	status text,
	completion_attempts int,
	last_resubmission_date timestamp with time zone,
	primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
grant usage, select on all sequences in schema public to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};

-- Flyway's history is the owner's business, and the audit log is append-only for the application
-- whatever the triggers say. (Never revoked from the owner itself: start-up refuses that setup anyway.)
do $$ begin
	if '${appRole}' <> current_user then
		revoke all on flyway_schema_history from ${appRole};
		revoke update, delete, truncate on audit_events from ${appRole};
	end if;
end $$;

-- The tenant a transaction is bound to (TenantBinding: set_config('rampart.tenant_id', ..., true));
-- null when none is bound, so a forgotten binding matches no row.
create function rampart_tenant() returns uuid language sql stable parallel safe
	as $$ select nullif(current_setting('rampart.tenant_id', true), '')::uuid $$;

-- True inside TenantScope.system(...): the few places that must see every tenant.
create function rampart_system() returns boolean language sql stable parallel safe
	as $$ select coalesce(current_setting('rampart.scope', true), '') = 'system' $$;
