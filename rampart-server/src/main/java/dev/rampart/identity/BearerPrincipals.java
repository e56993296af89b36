package dev.rampart.identity;

import org.jspecify.annotations.Nullable;

/**
 * Authentication and per-resource decisions for connections that outlive one request (a WebSocket): the HTTP path does
 * both in its filter and interceptor for the request's thread, which a socket's later messages do not have. The same
 * rules apply: an {@code rpk_} value is an API key, anything else an access token; a disabled user, a lost membership
 * or a revoked key no longer authenticates, so asking again later notices it.
 */
public interface BearerPrincipals {

	/**
	 * The principal {@code bearer} speaks for now.
	 *
	 * @throws InvalidTokenException for an unknown, expired or revoked token or key, or a user who is gone
	 */
	RampartPrincipal authenticate(String bearer);

	/**
	 * Whether {@code principal} holds {@code permission} on a resource of its tenant owned by {@code owner}; a denial is
	 * recorded in the audit log like the HTTP path's.
	 */
	boolean allows(RampartPrincipal principal, String permission, @Nullable String owner);
}
