package dev.rampart.identity.web;

import java.util.UUID;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * Path ids and the answer for an id the tenant does not have: a malformed id, a missing resource and
 * another tenant's resource all read the same {@code 404 RESOURCE_NOT_FOUND}.
 */
final class NotFound {

	private NotFound() {
	}

	static UUID id(String what, String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw of(what, id);
		}
	}

	static RampartException of(String what, String id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No " + what + " with id '" + safe(id) + "' in this tenant.");
	}

	private static String safe(String id) {
		return id.length() > 40 ? id.substring(0, 40) + "..." : id.replaceAll("[^A-Za-z0-9-]", "?");
	}
}
