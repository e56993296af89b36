package dev.rampart.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.secrets.Credential;
import dev.rampart.secrets.CredentialCreated;
import dev.rampart.secrets.CredentialDeleted;
import dev.rampart.secrets.CredentialUpdated;
import dev.rampart.secrets.KeyRotated;
import dev.rampart.secrets.KeyVersionsRetired;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

/**
 * Puts configuration changes of other modules on the audit log. A plain, synchronous
 * {@link EventListener} on purpose: it runs inside the publisher's transaction, so a change that was
 * acknowledged always has its audit row, and a failure to audit rolls the change back. An
 * {@code @ApplicationModuleListener} would run after commit, leaving a window where the change
 * exists without its entry.
 */
class ConfigurationAuditor {

	private final AuditLog audit;

	ConfigurationAuditor(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void on(CredentialCreated event) {
		record(event.tenant(), "credential.created", event.credential(), Map.of("after", view(event.credential())));
	}

	@EventListener
	void on(CredentialUpdated event) {
		record(event.tenant(), "credential.updated", event.after(), Map.of("before", view(event.before()), "after",
				view(event.after()), "changedFields", new TreeSet<>(event.changedFields())));
	}

	@EventListener
	void on(CredentialDeleted event) {
		record(event.tenant(), "credential.deleted", event.credential(), Map.of("before", view(event.credential())));
	}

	@EventListener
	void on(KeyRotated event) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(TenantId.PLATFORM, actor.id(), actor.ip(), "key.rotated", "kek", event.backend(),
				AuditEntry.SUCCEEDED, Map.of("currentVersion", event.currentVersion())));
	}

	@EventListener
	void on(KeyVersionsRetired event) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(TenantId.PLATFORM, actor.id(), actor.ip(), "key.versions_retired", "kek",
				event.backend(), AuditEntry.SUCCEEDED, Map.of("minDecryptionVersion", event.minDecryptionVersion())));
	}

	private void record(TenantId tenant, String action, Credential credential, Map<String, ?> details) {
		AuditActor actor = AuditActor.current();
		audit.record(new AuditEntry(tenant, actor.id(), actor.ip(), action, "credential", credential.id().toString(),
				AuditEntry.SUCCEEDED, details));
	}

	/** What the audit shows of a credential: never the secret, nor its hint. */
	private static Map<String, @Nullable Object> view(Credential credential) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("name", credential.name());
		view.put("provider", credential.provider());
		view.put("description", credential.description());
		return view;
	}
}
