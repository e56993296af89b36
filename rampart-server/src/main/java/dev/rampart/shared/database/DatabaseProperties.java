package dev.rampart.shared.database;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the system of record lives and how connections to it are pooled. Without {@code url}
 * Rampart starts its embedded PostgreSQL under {@code <data-dir>/pg}.
 *
 * @param url JDBC URL of an external PostgreSQL 15+ ({@code RAMPART_DB_URL}); empty = embedded
 * @param user database user that owns the tables and runs the migrations ({@code RAMPART_DB_USER})
 * @param password its password ({@code RAMPART_DB_PASSWORD})
 * @param appUser the role the application's connections use ({@code RAMPART_DB_APP_USER}): not the
 *        owner, not a superuser, so row-level security holds; required with an external database,
 *        created by Rampart on the embedded one
 * @param appPassword its password ({@code RAMPART_DB_APP_PASSWORD})
 * @param pool connection pool settings
 * @param embeddedRuntimeDir where the embedded PostgreSQL binaries are unpacked; empty = {@code <data-dir>/runtime}
 */
@ConfigurationProperties("rampart.db")
@Validated
public record DatabaseProperties(@Nullable String url, @Nullable String user, @Nullable String password,
		@Nullable String appUser, @Nullable String appPassword, @DefaultValue @Valid Pool pool,
		@Nullable Path embeddedRuntimeDir) {

	/** The application role Rampart creates on its embedded PostgreSQL. */
	public static final String EMBEDDED_APP_USER = "rampart_app";

	public boolean embedded() {
		return url == null || url.isBlank();
	}

	/**
	 * The guidelines' pool: 20 steady connections plus up to 30 more under burst.
	 *
	 * @param size connections kept open (Hikari minimum idle)
	 * @param maxOverflow extra connections opened under load (maximum pool size = size + overflow)
	 * @param acquisitionTimeout how long a request waits for a connection before failing
	 * @param maxLifetime connections are recycled after this long
	 * @param validationTimeout bound on the liveness check run before a connection is handed out
	 * @param leakDetectionThreshold log a connection held longer than this; 0 = off (on in the dev profile)
	 */
	public record Pool(
			@DefaultValue("20") @Range(min = 1, max = 500) int size,
			@DefaultValue("30") @Range(min = 0, max = 1000) int maxOverflow,
			@DefaultValue("30s") @DurationMin(millis = 250) @DurationMax(minutes = 10) Duration acquisitionTimeout,
			@DefaultValue("1h") @DurationMin(seconds = 30) @DurationMax(hours = 24) Duration maxLifetime,
			@DefaultValue("5s") @DurationMin(millis = 250) @DurationMax(seconds = 60) Duration validationTimeout,
			@DefaultValue("0s") @DurationMax(hours = 1) Duration leakDetectionThreshold) {
	}
}
