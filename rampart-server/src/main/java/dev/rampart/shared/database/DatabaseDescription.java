package dev.rampart.shared.database;

import org.springframework.stereotype.Component;

/** A one-line, password-free description of the database this node uses, for operators. */
@Component
public class DatabaseDescription {

	private final DatabaseConfiguration.DatabaseEndpoint endpoint;

	DatabaseDescription(DatabaseConfiguration.DatabaseEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	public String describe() {
		if (endpoint.embedded() != null) {
			return "embedded PostgreSQL (" + endpoint.jdbcUrl() + ")";
		}
		String url = endpoint.jdbcUrl() == null ? "" : endpoint.jdbcUrl().replaceAll("password=[^&]*", "password=***");
		return "external PostgreSQL (" + url + ")";
	}
}
