package dev.rampart.identity.internal;

import java.util.Map;
import java.util.Set;

import dev.rampart.identity.AccessChanged;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records a successful change to tenants, members, roles, API keys or accounts, attributed to the current caller, and
 * publishes {@link AccessChanged} for those that may take access away (delivered after the change commits to
 * transactional listeners), so every such change announces itself from the one place that sees them all.
 */
final class ChangeAudit {

	/** Changes that may take a principal's access away in the tenant. */
	private static final Set<String> NARROWING = Set.of("member.removed", "member.role_changed", "role.updated",
			"role.deleted", "api_key.revoked");
	/** Changes that end a user's sessions in every tenant. */
	private static final Set<String> USER_WIDE = Set.of("user.password_changed", "user.logged_out_everywhere");

	private final AuditLog audit;
	private final ApplicationEventPublisher events;

	ChangeAudit(AuditLog audit, ApplicationEventPublisher events) {
		this.audit = audit;
		this.events = events;
	}

	void record(TenantId tenant, String action, String targetType, String targetId, Map<String, ?> details) {
		record(tenant, action, targetType, targetId, AuditEntry.SUCCEEDED, details);
	}

	void record(TenantId tenant, String action, String targetType, String targetId, String outcome, Map<String, ?> details) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(tenant, actor.id(), actor.ip(), action, targetType, targetId, outcome, details));
		if (outcome.equals(AuditEntry.SUCCEEDED) && (NARROWING.contains(action) || USER_WIDE.contains(action))) {
			events.publishEvent(new AccessChanged(USER_WIDE.contains(action) ? null : tenant, action));
		}
	}
}
