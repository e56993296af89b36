package dev.rampart;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded database as its owner sees it, past row-level security and the application role's
 * grants: for tests that look at what is really stored or tamper with it. The application itself
 * never connects this way.
 */
public final class DatabaseOwner {

	private DatabaseOwner() {
	}

	/** A client on the same database as {@code pool}, connected as the embedded server's superuser. */
	public static JdbcClient jdbc(DataSource pool) {
		String url = ((HikariDataSource) pool).getJdbcUrl();
		SingleConnectionDataSource owner = new SingleConnectionDataSource(url, "postgres", "", true);
		return JdbcClient.create(owner);
	}
}
