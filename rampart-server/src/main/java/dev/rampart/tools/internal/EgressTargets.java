package dev.rampart.tools.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.tools.EgressPolicy;

/**
 * Decides whether a URL may be called and, if so, which addresses to connect to: the one place where the host is
 * resolved, so what was checked is what is connected to. A refusal says why in terms of what the caller gave (the URL,
 * the kind of address) and never prints an address the caller did not write.
 */
final class EgressTargets {

	/** Resolves a host name; the JDK's resolver in production, a table in tests. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	/**
	 * A checked target.
	 *
	 * @param https whether to speak TLS
	 * @param host the host as written in the URL, lower case, without brackets or a trailing dot (for SNI and
	 * certificate checks)
	 * @param hostHeader the {@code Host} header value
	 * @param port the port
	 * @param addresses the checked addresses, in the resolver's order
	 */
	record Target(boolean https, String host, String hostHeader, int port, List<InetAddress> addresses) {
	}

	private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal",
			"metadata.goog", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

	/** One label of a numeric host: decimal, octal (leading 0) or hex (0x). */
	private static final Pattern NUMBER = Pattern.compile("0x[0-9a-f]*|[0-9]+");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private final Resolver resolver;

	EgressTargets(Resolver resolver) {
		this.resolver = resolver;
	}

	Target check(URI uri, EgressPolicy policy) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!policy.allowedSchemes().contains(scheme) || uri.isOpaque()) {
			throw refused(uri, "uses the scheme '" + scheme + "'; only " + String.join(", ", policy.allowedSchemes().stream().sorted().toList())
					+ " URLs may be called");
		}
		if (uri.getRawUserInfo() != null) {
			throw refused(uri, "contains user information (user@host); send credentials in a header instead");
		}
		if (uri.getHost() == null) {
			String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
			throw refused(uri, numeric(authority.toLowerCase(Locale.ROOT))
					? "writes an IP address in a non-standard form (decimal, octal, hex or shortened); write it as a.b.c.d"
					: "has no valid host name");
		}
		String written = uri.getHost().toLowerCase(Locale.ROOT);
		boolean ipv6 = written.startsWith("[");
		String host = ipv6 ? written.substring(1, written.length() - 1) : written;
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		boolean ipv4 = numeric(host);
		if (ipv4 && !DOTTED_QUAD.matcher(host).matches()) {
			throw refused(uri, "writes an IP address in a non-standard form (decimal, octal, hex or shortened); write it as a.b.c.d");
		}
		int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
		String key = ipv6 ? "[" + host + "]" : host;
		if (!policy.permitsHost(key, port)) {
			throw refused(uri, "names a host that is not on the tenant's allowlist for tools");
		}
		boolean opened = policy.opensPrivateAddresses(key, port);
		if (METADATA_NAMES.contains(host)) {
			throw refused(uri, "names a cloud metadata service");
		}
		if (!opened && (host.equals("localhost") || host.endsWith(".localhost"))) {
			throw refused(uri, "names the local machine");
		}
		InetAddress[] addresses = resolve(uri, host, ipv4 || ipv6);
		for (InetAddress address : addresses) {
			Optional<AddressRanges.Kind> kind = AddressRanges.refusal(address);
			if (kind.isPresent() && !(opened && kind.get().openable)) {
				String how = ipv4 || ipv6 ? "is " : "resolves to ";
				String hint = kind.get().openable ? "; only an allowlist entry " + key + ":" + port + " can open it" : "";
				throw refused(uri, how + kind.get().description + hint);
			}
		}
		String hostHeader = uri.getPort() == -1 ? key : key + ":" + port;
		return new Target("https".equals(scheme), host, hostHeader, port, List.of(addresses));
	}

	private InetAddress[] resolve(URI uri, String host, boolean literal) {
		try {
			InetAddress[] addresses = literal ? InetAddress.getAllByName(host) : resolver.resolve(host);
			if (addresses.length == 0) {
				throw new UnknownHostException(host);
			}
			return addresses;
		}
		catch (UnknownHostException ex) {
			throw new RampartException(ErrorCode.EGRESS_UNAVAILABLE, shown(uri) + ": the host name does not resolve", null, null);
		}
	}

	/** Whether a host is made only of numbers separated by dots: some form of an IPv4 address. */
	private static boolean numeric(String host) {
		if (host.isEmpty()) {
			return false;
		}
		for (String label : host.split("\\.", -1)) {
			if (!NUMBER.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	static RampartException refused(URI uri, String reason) {
		return new RampartException(ErrorCode.EGRESS_REFUSED, shown(uri) + " " + reason);
	}

	/** The URL for an error message, without its query (it may carry an API key). */
	static String shown(URI uri) {
		if (uri.isOpaque()) {
			return uri.getScheme() + ":…";
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
		String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "…@");
		return scheme + authority + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}
}
