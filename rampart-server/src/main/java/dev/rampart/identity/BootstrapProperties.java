package dev.rampart.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rampart.identity.bootstrap.*}: the first platform admin, created on the first start that
 * finds none. Without both values an address {@code admin@rampart.local} and a generated password
 * (printed once, to be changed at first sign-in) are used.
 *
 * @param adminEmail {@code RAMPART_BOOTSTRAP_ADMIN_EMAIL}
 * @param adminPassword {@code RAMPART_BOOTSTRAP_ADMIN_PASSWORD}
 */
@ConfigurationProperties("rampart.identity.bootstrap")
public record BootstrapProperties(@Nullable String adminEmail, @Nullable String adminPassword) {

	@Override
	public String toString() {
		return "BootstrapProperties[adminEmail=" + adminEmail + ", adminPassword="
				+ (adminPassword == null || adminPassword.isBlank() ? "none" : "[redacted]") + "]";
	}
}
