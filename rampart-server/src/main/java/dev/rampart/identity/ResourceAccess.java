package dev.rampart.identity;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The per-resource half of authorization, for handlers marked {@code @Requires(perResource = true)}:
 * after a service has loaded a resource (so another tenant's is already "not found"), it asks here
 * whether the signed-in principal may act on it, given its owner and tags. Custom roles use this for
 * grants such as "execute only agents tagged env=staging" or "change only what you own".
 */
public interface ResourceAccess {

	/**
	 * Returns when allowed; otherwise throws {@code PERMISSION_DENIED} (403) and records the denial in
	 * the audit log.
	 *
	 * @param permission what is needed, {@code resource:action}
	 * @param owner the resource's owner (a user id), or null if it has none
	 * @param tags the resource's tags
	 */
	void require(String permission, @Nullable String owner, Map<String, String> tags);
}
