package dev.rampart.identity;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A change that may take access away committed on this node: a member removed or given another role, a custom role's
 * grants changed, an API key revoked, a user's sessions ended (password changed, logged out everywhere). Published so
 * that what holds access beyond one request (a live socket) is checked again at once rather than at its next periodic
 * re-check; other nodes do not receive it and rely on that re-check. Widening changes are not published.
 *
 * @param tenant the tenant whose principals may have lost access; null: the user's access ended in every tenant
 * @param change the audit action that caused it ({@code member.removed}, {@code api_key.revoked}, ...)
 */
public record AccessChanged(@Nullable TenantId tenant, String change) {
}
