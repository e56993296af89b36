package dev.rampart.shared;

import java.util.UUID;

/**
 * Ids in request paths. A path id that cannot name a resource answers exactly as an unknown one ({@code 404
 * RESOURCE_NOT_FOUND}), and what the caller sent is echoed only cut short and reduced to safe characters.
 */
public final class ResourceIds {

	private ResourceIds() {
	}

	/**
	 * The UUID {@code id} names.
	 *
	 * @param what the kind of resource, for the error ({@code MCP server})
	 * @throws RampartException {@code RESOURCE_NOT_FOUND} when {@code id} is not a UUID
	 */
	public static UUID uuid(String id, String what) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id, what);
		}
	}

	/** {@code RESOURCE_NOT_FOUND} for a resource of that kind in the caller's tenant. */
	public static RampartException notFound(String id, String what) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No " + what + " with id '" + shown(id) + "' in this tenant.");
	}

	/** {@code id} as it may be echoed: at most 40 characters, anything but letters, digits and {@code -} as {@code ?}. */
	public static String shown(String id) {
		return id.length() > 40 ? id.substring(0, 40) + "..." : id.replaceAll("[^A-Za-z0-9-]", "?");
	}
}
