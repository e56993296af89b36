package dev.rampart.identity;

import java.net.InetAddress;
import java.util.Map;

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

	/** A request about no particular resource (listing, creating). */
	public static AccessRequest of(String principal, Permission needed, @Nullable InetAddress sourceAddress) {
		return new AccessRequest(principal, needed, null, Map.of(), sourceAddress);
	}
}
