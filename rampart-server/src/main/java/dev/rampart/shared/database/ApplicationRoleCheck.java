package dev.rampart.shared.database;

import dev.rampart.shared.startup.StartupProblem;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the pool's role could escape row-level security: a superuser, a role with
 * BYPASSRLS, or the owner of the tables (who could switch the policies off).
 */
@Component
@DependsOnDatabaseInitialization
class ApplicationRoleCheck implements InitializingBean {

	private final JdbcClient jdbc;

	ApplicationRoleCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record Role(String name, boolean superuser, boolean bypassesRls, long ownedTables) {
	}

	@Override
	public void afterPropertiesSet() {
		Role role = jdbc.sql("""
				select r.rolname, r.rolsuper, r.rolbypassrls,
					(select count(*) from pg_tables t where t.schemaname = current_schema() and t.tableowner = r.rolname)
				from pg_roles r where r.rolname = current_user""")
			.query((rs, n) -> new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getLong(4)))
			.single();
		if (role.superuser() || role.bypassesRls() || role.ownedTables() > 0) {
			String why = role.superuser() ? "is a superuser" : role.bypassesRls() ? "has BYPASSRLS" : "owns " + role.ownedTables() + " tables";
			throw new StartupProblem("The application role " + role.name() + " " + why
					+ ", so row-level security would not isolate tenants.",
					"Set RAMPART_DB_APP_USER to a role that owns nothing and is no superuser; RAMPART_DB_USER (the owner) runs the migrations (docs/database.md).");
		}
	}
}
