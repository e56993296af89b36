package dev.rampart.providers.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a tenant may point a provider (docs/providers.md, "Provider configurations"): a tenant administrator writes the
 * base URL and Rampart sends requests to it, so a URL must not reach what only the node can reach. Always refused:
 * link-local addresses (169.254.0.0/16 and fe80::/10, where cloud metadata services answer), the unspecified
 * address, multicast, and well-known metadata host names. Loopback and private networks (a local Ollama or vLLM)
 * are allowed unless {@code rampart.providers.allow-private-networks} is false, as a shared installation should
 * set. Every address the host name resolves to is checked, at configuration and again when a client is built.
 */
final class BaseUrlPolicy {

	private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
			"metadata.azure.com");

	private BaseUrlPolicy() {
	}

	/** Why the URL is refused, or empty when it may be used. */
	static Optional<String> refusal(URI url, boolean allowPrivateNetworks) {
		String host = url.getHost();
		if (host == null) {
			return Optional.of("has no host");
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (METADATA_HOSTS.contains(name)) {
			return Optional.of("names a cloud metadata service");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException ex) {
			return Optional.of("names a host that does not resolve: " + host);
		}
		for (InetAddress address : addresses) {
			InetAddress checked = unmapped(address);
			if (checked.isLinkLocalAddress()) {
				return Optional.of("resolves to a link-local address (" + checked.getHostAddress()
						+ "), where metadata services answer");
			}
			if (checked.isAnyLocalAddress() || checked.isMulticastAddress()) {
				return Optional.of("resolves to an address no provider listens on (" + checked.getHostAddress() + ")");
			}
			if (!allowPrivateNetworks && (checked.isLoopbackAddress() || checked.isSiteLocalAddress() || uniqueLocal(checked))) {
				return Optional.of("resolves to a loopback or private address (" + checked.getHostAddress()
						+ "), which this installation does not allow (rampart.providers.allow-private-networks)");
			}
		}
		return Optional.empty();
	}

	/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is checked as the IPv4 address it carries. */
	private static InetAddress unmapped(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] bytes = v6.getAddress();
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= bytes[i] == 0;
			}
			if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
				try {
					return Inet4Address.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return address;
	}

	/** fc00::/7, IPv6's private range. */
	private static boolean uniqueLocal(InetAddress address) {
		return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
	}
}
