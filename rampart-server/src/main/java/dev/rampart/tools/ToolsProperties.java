package dev.rampart.tools;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tools module.
 *
 * @param egress where tools may send HTTP requests (docs/tools-egress.md)
 */
@ConfigurationProperties("rampart.tools")
public record ToolsProperties(@DefaultValue Egress egress) {

	/**
	 * @param allowedHosts allowlist entries for every tenant ({@code host}, {@code *.domain}, {@code host:port}; only
	 *     {@code host:port} opens a loopback or private address, e.g. an internal API); empty: any public host.
	 *     Per-tenant allowlists join with the rest of issue #7.
	 */
	public record Egress(@DefaultValue List<String> allowedHosts) {

		/** A malformed entry stops the start with a message naming the property. */
		public Egress {
			allowedHosts = List.copyOf(allowedHosts);
			try {
				EgressPolicy.defaults().withAllowedHosts(allowedHosts.toArray(String[]::new));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("rampart.tools.egress.allowed-hosts: " + ex.getMessage(), ex);
			}
		}
	}
}
