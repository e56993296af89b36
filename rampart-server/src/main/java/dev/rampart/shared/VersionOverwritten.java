package dev.rampart.shared;

import java.time.Instant;

/**
 * A change with a stale {@code If-Match} replaced a version someone else wrote (last writer wins,
 * docs/notifications.md, "Conflicts"): published as an application event, in the change's transaction, so the author
 * of the overwritten version can be told who overwrote what once the change has committed.
 *
 * @param tenant the resource's tenant
 * @param resource the kind of resource: {@code agent}, {@code workflow}, {@code provider}, {@code mcp-server},
 *     {@code schedule}
 * @param id the resource's id as its path names it
 * @param name the resource's name
 * @param overwrittenVersion the version that was stored, which the change replaced
 * @param overwrittenBy who wrote that version (a user or API key id, or {@code system})
 * @param overwrittenAt when that version was written
 * @param readVersion the version the change was made from ({@code If-Match})
 * @param by who made the change
 * @param at when
 */
public record VersionOverwritten(TenantId tenant, String resource, String id, String name, long overwrittenVersion,
		String overwrittenBy, Instant overwrittenAt, long readVersion, String by, Instant at) {

	/** The text of the {@code Warning} header and of the response's {@code conflict.message}. */
	public String message() {
		return "overwrote version " + overwrittenVersion + " changed by " + overwrittenBy + " at " + overwrittenAt;
	}
}
