package dev.rampart.tools;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tools module.
 *
 * @param egress where tools may send HTTP requests (docs/tools-egress.md)
 * @param maxOutputChars the longest tool output a model is given ({@link ToolInvoker}); longer output is cut and
 *     marked as truncated
 */
@ConfigurationProperties("rampart.tools")
public record ToolsProperties(@DefaultValue Egress egress, @DefaultValue("16000") int maxOutputChars) {

	public static final int DEFAULT_MAX_OUTPUT_CHARS = 16_000;

	@ConstructorBinding
	public ToolsProperties {
		if (maxOutputChars < 100) {
			throw new IllegalArgumentException("rampart.tools.max-output-chars must be at least 100: " + maxOutputChars);
		}
	}

	public ToolsProperties(Egress egress) {
		this(egress, DEFAULT_MAX_OUTPUT_CHARS);
	}

	/**
	 * @param allowedHosts allowlist entries for every tenant ({@code host}, {@code *.domain}, {@code host:port}; only
	 *     {@code host:port} opens a loopback or private address, e.g. an internal API); empty: any public host. Each
	 *     tenant's own entries ({@code PUT /api/v1/tools/egress}) are added to these.
	 * @param tenantPrivateAccess whether a tenant's own {@code host:port} entries open loopback and private addresses
	 *     too; false (the default) suits a shared installation, where a tenant owner must not reach the node's own
	 *     services: their entries then reach public addresses only
	 */
	public record Egress(@DefaultValue List<String> allowedHosts, @DefaultValue("false") boolean tenantPrivateAccess) {

		/** A malformed entry stops the start with a message naming the property. */
		@ConstructorBinding
		public Egress {
			allowedHosts = List.copyOf(allowedHosts);
			try {
				EgressPolicy.defaults().withAllowedHosts(allowedHosts.toArray(String[]::new));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("rampart.tools.egress.allowed-hosts: " + ex.getMessage(), ex);
			}
		}

		public Egress(List<String> allowedHosts) {
			this(allowedHosts, false);
		}
	}
}
