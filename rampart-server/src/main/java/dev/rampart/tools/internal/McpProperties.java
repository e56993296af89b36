package dev.rampart.tools.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of MCP servers as tool sources (docs/mcp.md), apart from {@code ToolsProperties} so the MCP client can be
 * tuned without touching the egress settings it shares.
 *
 * @param refreshInterval how often every enabled server is asked for its tools again (also the first delay)
 * @param idleTimeout how long an unused client session to a server is kept open for the next call
 * @param maxResponseBytes the largest answer accepted from a server (a tool list or a tool result)
 */
@ConfigurationProperties("rampart.tools.mcp")
record McpProperties(@DefaultValue("10m") Duration refreshInterval, @DefaultValue("5m") Duration idleTimeout,
		@DefaultValue("2097152") int maxResponseBytes) {

	/** A non-positive value stops the start with a message naming the property. */
	McpProperties {
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("rampart.tools.mcp.refresh-interval must be positive");
		}
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("rampart.tools.mcp.idle-timeout must be positive");
		}
		if (maxResponseBytes <= 0) {
			throw new IllegalArgumentException("rampart.tools.mcp.max-response-bytes must be positive");
		}
	}
}
