-- Every change that can end access announces itself to every node, so that their caches of user
-- states and API keys (docs/identity.md, "Performance of the request path") forget it at once:
-- NOTIFY rampart_identity, 'user:<id>' or 'api_key:<prefix>'. The notification is sent by the
-- changing transaction itself, so it is delivered when that commits and never when it rolls back,
-- and it covers every writer: the application's code paths, later ones, and SQL typed by hand.
-- Only the columns that decide access notify: a new password hash or last_used_at does not.

create function identity_user_changed() returns trigger language plpgsql as $$
begin
	if tg_op = 'DELETE' then
		perform pg_notify('rampart_identity', 'user:' || old.id);
	else
		perform pg_notify('rampart_identity', 'user:' || new.id);
	end if;
	return null;
end;
$$;

create trigger users_access_changed
	after update of id, disabled_at, tokens_valid_after, platform_admin, must_change_password or delete on users
	for each row execute function identity_user_changed();

create function identity_membership_changed() returns trigger language plpgsql as $$
begin
	if tg_op in ('UPDATE', 'DELETE') then
		perform pg_notify('rampart_identity', 'user:' || old.user_id);
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		perform pg_notify('rampart_identity', 'user:' || new.user_id);
	end if;
	return null;
end;
$$;

create trigger memberships_changed
	after insert or update or delete on memberships
	for each row execute function identity_membership_changed();

create function identity_api_key_changed() returns trigger language plpgsql as $$
begin
	if tg_op in ('UPDATE', 'DELETE') then
		perform pg_notify('rampart_identity', 'api_key:' || old.prefix);
	end if;
	if tg_op = 'UPDATE' and new.prefix <> old.prefix then
		perform pg_notify('rampart_identity', 'api_key:' || new.prefix);
	end if;
	return null;
end;
$$;

create trigger api_keys_access_changed
	after update of prefix, secret_hash, tenant_id, permissions, expires_at, revoked_at or delete on api_keys
	for each row execute function identity_api_key_changed();

-- A custom role's grants decide its members' access: its tenant's cached roles are forgotten.
create function identity_custom_role_changed() returns trigger language plpgsql as $$
begin
	if tg_op in ('UPDATE', 'DELETE') then
		perform pg_notify('rampart_identity', 'roles:' || old.tenant_id);
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		perform pg_notify('rampart_identity', 'roles:' || new.tenant_id);
	end if;
	return null;
end;
$$;

create trigger custom_roles_changed
	after insert or update or delete on custom_roles
	for each row execute function identity_custom_role_changed();
