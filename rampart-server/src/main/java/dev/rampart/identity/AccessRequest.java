package dev.rampart.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One question for the {@link AccessPolicy}: may {@code principal} do {@code needed} to a resource
 * owned by {@code resourceOwner} with {@code resourceTags}, from {@code sourceAddress}?
 */
public record AccessRequest(String principal, Permission needed, @Nullable String resourceOwner,
		Map<String, String> resourceTags, @Nullable InetAddress sourceAddress) {

	public AccessRequest {
		resourceTags = Map.copyOf(resourceTags);
		if (needed.resource().equals("*") || needed.action().equals("*")) {
			throw new IllegalArgumentException("a needed permission is concrete, not a wildcard: " + needed);
		}
	}

	/**
	 * The address of an IP literal such as {@code 10.1.2.3} or {@code ::1}; empty for anything else,
	 * so no host name is ever looked up in DNS.
	 */
	public static Optional<InetAddress> literalAddress(@Nullable String text) {
		if (text == null || !text.matches("[0-9a-fA-F:.]+")) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(text));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/** A request about no particular resource (listing, creating). */
	public static AccessRequest of(String principal, Permission needed, @Nullable InetAddress sourceAddress) {
		return new AccessRequest(principal, needed, null, Map.of(), sourceAddress);
	}
}
