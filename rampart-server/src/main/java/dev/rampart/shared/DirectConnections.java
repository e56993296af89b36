package dev.rampart.shared;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections to the node's PostgreSQL outside the pool, for sessions that must stay open for as
 * long as the node runs ({@code LISTEN}). A pooled connection held forever would shrink the pool,
 * be retired by its maximum lifetime and trip leak detection; and behind a transaction-mode
 * PgBouncer, {@code LISTEN} does not work through the pool at all. The caller closes what it opens.
 */
@FunctionalInterface
public interface DirectConnections {

	/** A new connection in auto-commit mode, with keep-alive probes on its socket. */
	Connection open() throws SQLException;
}
