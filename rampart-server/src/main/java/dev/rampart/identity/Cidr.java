package dev.rampart.identity;

import java.net.InetAddress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** An IPv4 or IPv6 network in CIDR notation; an address of the other family is never contained. */
record Cidr(byte[] network, int prefixLength) {

	/** Networks of stored grants, parsed once: a network condition is judged on every request it applies to. */
	private static final Cache<String, Cidr> PARSED = Caffeine.newBuilder().maximumSize(10_000).build();

	/** {@link #parse}, remembered; throws like it for text that is not a network. */
	static Cidr of(String cidr) {
		return PARSED.get(cidr, Cidr::parse);
	}

	static Cidr parse(String cidr) {
		int slash = cidr.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException("a network reads address/prefix, e.g. 10.0.0.0/8");
		}
		String address = cidr.substring(0, slash);
		byte[] network = AccessRequest.literalAddress(address)
			.orElseThrow(() -> new IllegalArgumentException("'" + address + "' is not an IP address"))
			.getAddress();
		int prefix;
		try {
			prefix = Integer.parseInt(cidr.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + cidr + "' is not a network in CIDR notation");
		}
		if (prefix < 0 || prefix > network.length * 8) {
			throw new IllegalArgumentException("the prefix of " + cidr + " is out of range");
		}
		return new Cidr(network, prefix);
	}

	boolean contains(InetAddress candidate) {
		byte[] address = candidate.getAddress();
		if (address.length != network.length) {
			return false;
		}
		int full = prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != network[i]) {
				return false;
			}
		}
		int rest = prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (address[full] & mask) == (network[full] & mask);
	}
}
