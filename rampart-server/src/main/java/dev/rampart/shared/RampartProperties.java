package dev.rampart.shared;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Node-wide settings.
 *
 * @param port HTTP port ({@code RAMPART_PORT}); 0 picks a free port
 * @param dataDir where embedded PostgreSQL, the keyring and other local state live ({@code RAMPART_DATA_DIR})
 */
@ConfigurationProperties("rampart")
@Validated
public record RampartProperties(
		@DefaultValue("8080") @Range(min = 0, max = 65535) int port,
		@DefaultValue("./data") @NotNull Path dataDir) {
}
