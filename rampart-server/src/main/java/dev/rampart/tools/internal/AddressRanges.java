package dev.rampart.tools.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The address ranges a tool's outbound call may not reach unless a tenant explicitly opens them (docs/tools-egress.md).
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry,
 * since that is where the packets may end up. It does not know Teredo or other tunnels with obfuscated addresses.
 */
final class AddressRanges {

	/** Why an address is refused, and whether an explicit {@code host:port} allowlist entry may lift the refusal. */
	enum Kind {

		LOOPBACK("a loopback address", true), PRIVATE("a private network address", true),
		SHARED("a carrier-grade NAT (100.64.0.0/10) address", true), LINK_LOCAL("a link-local address", true),
		RESERVED("a reserved address", true), UNSPECIFIED("the unspecified address", false),
		MULTICAST("a multicast or broadcast address", false), METADATA("a cloud metadata endpoint", false);

		final String description;

		final boolean openable;

		Kind(String description, boolean openable) {
			this.description = description;
			this.openable = openable;
		}
	}

	private record Range(byte[] network, int prefix, Kind kind) {
	}

	private static final List<Range> V4 = List.of(range("169.254.169.254", 32, Kind.METADATA),
			range("169.254.170.2", 32, Kind.METADATA), range("100.100.100.200", 32, Kind.METADATA),
			range("0.0.0.0", 8, Kind.UNSPECIFIED), range("10.0.0.0", 8, Kind.PRIVATE),
			range("100.64.0.0", 10, Kind.SHARED), range("127.0.0.0", 8, Kind.LOOPBACK),
			range("169.254.0.0", 16, Kind.LINK_LOCAL), range("172.16.0.0", 12, Kind.PRIVATE),
			range("192.0.0.0", 24, Kind.RESERVED), range("192.168.0.0", 16, Kind.PRIVATE),
			range("198.18.0.0", 15, Kind.RESERVED), range("224.0.0.0", 4, Kind.MULTICAST),
			range("240.0.0.0", 4, Kind.MULTICAST));

	private static final List<Range> V6 = List.of(range("fd00:ec2::254", 128, Kind.METADATA),
			range("::", 128, Kind.UNSPECIFIED), range("::1", 128, Kind.LOOPBACK), range("fe80::", 10, Kind.LINK_LOCAL),
			range("fec0::", 10, Kind.PRIVATE), range("fc00::", 7, Kind.PRIVATE), range("ff00::", 8, Kind.MULTICAST));

	private AddressRanges() {
	}

	static Optional<Kind> refusal(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			byte[] carried = carriedIpv4(bytes);
			if (carried != null) {
				return match(V4, carried);
			}
			return match(V6, bytes);
		}
		return match(V4, bytes);
	}

	/** The IPv4 address inside a mapped (::ffff:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 address. */
	private static byte @Nullable [] carriedIpv4(byte[] v6) {
		if (startsWith(v6, new byte[10]) && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || (v6[10] == 0 && v6[11] == 0
				&& !startsWith(v6, new byte[15])))) {
			return slice(v6, 12);
		}
		if (startsWith(v6, new byte[] { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 })) {
			return slice(v6, 12);
		}
		if (v6[0] == 0x20 && v6[1] == 0x02) {
			return slice(v6, 2);
		}
		return null;
	}

	private static Optional<Kind> match(List<Range> ranges, byte[] address) {
		for (Range range : ranges) {
			if (inPrefix(address, range.network(), range.prefix())) {
				return Optional.of(range.kind());
			}
		}
		return Optional.empty();
	}

	private static boolean inPrefix(byte[] address, byte[] network, int prefix) {
		if (address.length != network.length) {
			return false;
		}
		int full = prefix / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != network[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (address[full] & mask) == (network[full] & mask);
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] slice(byte[] bytes, int from) {
		return new byte[] { bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3] };
	}

	private static Range range(String literal, int prefix, Kind kind) {
		try {
			InetAddress address = literal.contains(":") ? Inet6Address.getByName(literal) : Inet4Address.getByName(literal);
			return new Range(address.getAddress(), prefix, kind);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
