package dev.rampart.identity.internal;

import java.util.Map;

import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantId;

/** Records a successful change to tenants, members, roles, API keys or accounts, attributed to the current caller. */
final class ChangeAudit {

	private final AuditLog audit;

	ChangeAudit(AuditLog audit) {
		this.audit = audit;
	}

	void record(TenantId tenant, String action, String targetType, String targetId, Map<String, ?> details) {
		record(tenant, action, targetType, targetId, AuditEntry.SUCCEEDED, details);
	}

	void record(TenantId tenant, String action, String targetType, String targetId, String outcome, Map<String, ?> details) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(tenant, actor.id(), actor.ip(), action, targetType, targetId, outcome, details));
	}
}
