package dev.rampart.shared;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant as the value of a metric's {@code tenant} tag, with the tag's cardinality bounded: the first {@link #MAX}
 * tenants this node tags keep their id, every later one shares {@link #OTHER}, so a platform with many thousand tenants
 * cannot blow up the metric store (per-tenant detail beyond that lives in traces, usage rows and the audit log). Spans
 * carry the tenant id unbounded ({@code tenant.id}).
 */
public final class TenantTags {

	/** How many distinct tenants get their own tag value on one node. */
	public static final int MAX = 100;

	/** The tag value shared by tenants beyond {@link #MAX}. */
	public static final String OTHER = "other";

	private static final Set<UUID> TAGGED = ConcurrentHashMap.newKeySet();

	private TenantTags() {
	}

	/** The tag value of {@code tenant}: its id while fewer than {@link #MAX} tenants are tagged, else {@link #OTHER}. */
	public static String of(TenantId tenant) {
		UUID id = tenant.value();
		if (TAGGED.contains(id)) {
			return id.toString();
		}
		if (TAGGED.size() < MAX && TAGGED.add(id)) {
			return id.toString();
		}
		return TAGGED.contains(id) ? id.toString() : OTHER;
	}
}
