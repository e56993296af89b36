package dev.rampart.tools;

import java.util.List;

import dev.rampart.shared.TenantId;

/**
 * Where a tenant's tools may send HTTP requests: the node's {@code rampart.tools.egress.allowed-hosts} and the
 * tenant's own entries (docs/tools-egress.md, "Per-tenant allowlists"). Every tool that calls out through
 * {@link SafeHttp} takes its policy from {@link #policyFor}, so a tenant's allowlist applies to all its tools alike.
 */
public interface EgressAllowlists {

	/** The tenant's own entries, as stored (empty when it set none). {@code tool:read}. */
	List<String> entries(TenantId tenant);

	/**
	 * Replaces the tenant's entries, audited. {@code tool:write}.
	 *
	 * @throws dev.rampart.shared.InvalidFieldsException naming each malformed entry by index
	 *     ({@code allowedHosts[2]})
	 */
	List<String> replace(TenantId tenant, List<String> entries);

	/**
	 * The effective policy of a call made for the tenant: the node's entries and the tenant's, with the default limits.
	 * The tenant's {@code host:port} entries open loopback and private addresses only when the node allows it
	 * ({@code rampart.tools.egress.tenant-private-access}). Cached briefly; a {@link #replace} on this node applies at
	 * once.
	 */
	EgressPolicy policyFor(TenantId tenant);
}
