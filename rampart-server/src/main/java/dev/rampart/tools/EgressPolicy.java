package dev.rampart.tools;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The limits of one outbound HTTP call a tool makes through {@link SafeHttp} (docs/tools-egress.md). It exists so
 * every tool states, per call, where it may go and how much it may take, and so a tenant's allowlist travels with the
 * call rather than living in a global setting.
 * <p>
 * {@code allowedHosts} entries are one of:
 * <ul>
 * <li>{@code api.example.com}: that host, on any port, public addresses only;</li>
 * <li>{@code *.example.com}: any sub-domain of example.com (not example.com itself), public addresses only;</li>
 * <li>{@code host:port} (IPv6 as {@code [::1]:8080}): that host on that port only, and then its loopback or private
 * addresses are allowed too: this is the <em>only</em> way to reach such an address. Cloud metadata endpoints stay
 * refused even then.</li>
 * </ul>
 * An empty list allows any host whose addresses are all public.
 * <p>
 * {@code publicOnlyHosts} are entries of the same forms that let a call reach a host but never open its loopback or
 * private addresses, even as {@code host:port}: a tenant's own entries in a shared installation, which must not reach
 * the node's own services (docs/tools-egress.md, "Per-tenant allowlists").
 *
 * @param allowedSchemes a subset of {@code http} and {@code https}
 * @param allowedHosts the tenant's domain allowlist (see above); empty means any public host
 * @param maxResponseBytes the largest response body accepted; a larger one fails the call
 * @param connectTimeout how long to wait for a TCP (and TLS) connection to one address
 * @param totalTimeout the time limit of the whole call, redirects included
 * @param maxRedirects how many redirects are followed (0: none; a redirect is then returned as it is)
 * @param publicOnlyHosts further allowlist entries that never open loopback or private addresses (see above)
 */
public record EgressPolicy(Set<String> allowedSchemes, List<String> allowedHosts, long maxResponseBytes,
		Duration connectTimeout, Duration totalTimeout, int maxRedirects, List<String> publicOnlyHosts) {

	public static final Set<String> DEFAULT_SCHEMES = Set.of("http", "https");

	public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);

	public static final int DEFAULT_MAX_REDIRECTS = 3;

	private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

	private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-f:.]+]|[^:\\[\\]]+):([0-9]{1,5})");

	public EgressPolicy {
		allowedSchemes = Set.copyOf(allowedSchemes);
		allowedHosts = allowedHosts.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
		publicOnlyHosts = publicOnlyHosts.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
		if (allowedSchemes.isEmpty() || !DEFAULT_SCHEMES.containsAll(allowedSchemes)) {
			throw new IllegalArgumentException("allowedSchemes must be a non-empty subset of http, https: " + allowedSchemes);
		}
		for (String entry : Stream.concat(allowedHosts.stream(), publicOnlyHosts.stream()).toList()) {
			if (!wellFormed(entry)) {
				throw new IllegalArgumentException("not an allowlist entry (host, *.domain or host:port): " + entry);
			}
		}
		if (maxResponseBytes < 0 || maxRedirects < 0 || connectTimeout.isNegative() || connectTimeout.isZero()
				|| totalTimeout.isNegative() || totalTimeout.isZero()) {
			throw new IllegalArgumentException("limits must be positive");
		}
	}

	/** Without public-only entries. */
	public EgressPolicy(Set<String> allowedSchemes, List<String> allowedHosts, long maxResponseBytes,
			Duration connectTimeout, Duration totalTimeout, int maxRedirects) {
		this(allowedSchemes, allowedHosts, maxResponseBytes, connectTimeout, totalTimeout, maxRedirects, List.of());
	}

	/** Whether {@code entry} is an allowlist entry ({@code host}, {@code *.domain} or {@code host:port}). */
	public static boolean isEntry(String entry) {
		return wellFormed(entry.toLowerCase(Locale.ROOT));
	}

	/** Public hosts only, with the default limits. */
	public static EgressPolicy defaults() {
		return new EgressPolicy(DEFAULT_SCHEMES, List.of(), DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_CONNECT_TIMEOUT,
				DEFAULT_TOTAL_TIMEOUT, DEFAULT_MAX_REDIRECTS);
	}

	public EgressPolicy withAllowedHosts(String... entries) {
		return new EgressPolicy(allowedSchemes, List.of(entries), maxResponseBytes, connectTimeout, totalTimeout,
				maxRedirects, publicOnlyHosts);
	}

	public EgressPolicy withAllowedSchemes(String... schemes) {
		return new EgressPolicy(Set.of(schemes), allowedHosts, maxResponseBytes, connectTimeout, totalTimeout,
				maxRedirects, publicOnlyHosts);
	}

	public EgressPolicy withMaxResponseBytes(long bytes) {
		return new EgressPolicy(allowedSchemes, allowedHosts, bytes, connectTimeout, totalTimeout, maxRedirects,
				publicOnlyHosts);
	}

	public EgressPolicy withTimeouts(Duration connect, Duration total) {
		return new EgressPolicy(allowedSchemes, allowedHosts, maxResponseBytes, connect, total, maxRedirects,
				publicOnlyHosts);
	}

	public EgressPolicy withMaxRedirects(int redirects) {
		return new EgressPolicy(allowedSchemes, allowedHosts, maxResponseBytes, connectTimeout, totalTimeout, redirects,
				publicOnlyHosts);
	}

	/** With these entries added as {@link #publicOnlyHosts()}: they reach their hosts' public addresses only. */
	public EgressPolicy withPublicOnlyHosts(List<String> entries) {
		return new EgressPolicy(allowedSchemes, allowedHosts, maxResponseBytes, connectTimeout, totalTimeout,
				maxRedirects, entries);
	}

	/**
	 * Whether the allowlist lets a call reach {@code host} (lower case, IPv6 in brackets) at all; the address check
	 * still applies unless {@link #opensPrivateAddresses} does too.
	 */
	public boolean permitsHost(String host, int port) {
		if (allowedHosts.isEmpty() && publicOnlyHosts.isEmpty()) {
			return true;
		}
		return matches(allowedHosts, host, port) || matches(publicOnlyHosts, host, port);
	}

	private static boolean matches(List<String> entries, String host, int port) {
		for (String entry : entries) {
			if (entry.equals(host) || entry.equals(host + ":" + port)
					|| (entry.startsWith("*.") && host.endsWith(entry.substring(1)))) {
				return true;
			}
		}
		return false;
	}

	/** Whether an explicit {@code host:port} entry names this host and port, so private addresses may be reached. */
	public boolean opensPrivateAddresses(String host, int port) {
		return allowedHosts.contains(host + ":" + port);
	}

	private static boolean wellFormed(String entry) {
		var hostPort = HOST_PORT.matcher(entry);
		if (hostPort.matches()) {
			int port = Integer.parseInt(hostPort.group(2));
			String host = hostPort.group(1);
			return port > 0 && port < 65536 && (host.startsWith("[") || wellFormedName(host));
		}
		String name = entry.startsWith("*.") ? entry.substring(2) : entry;
		return wellFormedName(name);
	}

	private static boolean wellFormedName(String name) {
		if (name.isEmpty() || name.length() > 253) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}
}
