package dev.rampart.observability.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code rampart.observability.*} switches read as typed values, so that a value that is not one (for example
 * {@code RAMPART_OBSERVABILITY_DATABASE_SPANS=maybe}) stops the start with the property named instead of silently
 * counting as off.
 *
 * @param databaseSpans a client span per SQL statement run inside a trace (docs/observability.md, "Database spans")
 */
@ConfigurationProperties("rampart.observability")
public record ObservabilitySettings(@DefaultValue("true") boolean databaseSpans) {
}
