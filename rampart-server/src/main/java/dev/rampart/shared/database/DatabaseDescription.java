package dev.rampart.shared.database;

import org.springframework.stereotype.Component;

/** A one-line, password-free description of the database this node uses, for operators. */
@Component
public class DatabaseDescription {

	private final DatabaseProperties properties;
	private final DatabaseConfiguration.DatabaseEndpoint endpoint;

	DatabaseDescription(DatabaseProperties properties, DatabaseConfiguration.DatabaseEndpoint endpoint) {
		this.properties = properties;
		this.endpoint = endpoint;
	}

	public String describe() {
		if (properties.embedded()) {
			return "embedded PostgreSQL (" + endpoint.jdbcUrl() + ")";
		}
		String url = endpoint.jdbcUrl() == null ? "" : endpoint.jdbcUrl().replaceAll("password=[^&]*", "password=***");
		return "external PostgreSQL (" + url + ")";
	}
}
