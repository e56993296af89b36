package dev.rampart.identity.internal;

import java.util.Map;

import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.RefreshTokenReused;
import org.springframework.context.event.EventListener;

/** Puts security events of the identity module on the tenant's audit log: refresh-token reuse so far. */
class SecurityAuditor {

	private final AuditLog audit;

	SecurityAuditor(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void on(RefreshTokenReused event) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(event.tenant(), event.user().toString(), actor.ip(), "auth.refresh.reused",
				"refresh_token_family", event.family().toString(), AuditEntry.DENIED,
				Map.of("familyRevoked", true)));
	}
}
