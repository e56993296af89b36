-- Row-level security on every tenant-owned table: a transaction sees and writes only the rows of
-- the tenant it is bound to (or every tenant inside TenantScope.system). FORCE applies the
-- policies to the table owner too; superusers and BYPASSRLS roles are refused at start-up.
do $$
declare
	t text;
begin
	foreach t in array array['credentials', 'data_keys', 'api_keys', 'audit_events', 'audit_chain_heads',
			'memberships', 'refresh_token_families', 'custom_roles'] loop
		execute format('alter table %I enable row level security', t);
		execute format('alter table %I force row level security', t);
		execute format('create policy tenant_isolation on %I using (tenant_id = rampart_tenant() or rampart_system()) '
			'with check (tenant_id = rampart_tenant() or rampart_system())', t);
	end loop;
end $$;
