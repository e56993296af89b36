package dev.rampart.workflows;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The workflows of a tenant as the run engine sees them (docs/workflows.md): a run resolves the workflow once, pins the
 * version it got and keeps using that definition even if the workflow changes meanwhile. Every stored version passed
 * validation when it was stored, so the engine may trust its step references. This does no permission check: callers
 * decide with {@code ResourceAccess} on the returned owner and tags.
 */
public interface Workflows {

	/**
	 * The version a selector names.
	 *
	 * @param version null or {@code latest}: the latest version of a live workflow; digits: that version, also of a
	 * deleted workflow (so a run that pinned it can finish)
	 * @return empty when the workflow does not exist in the tenant, is deleted (for the latest), or has no such version
	 */
	Optional<WorkflowVersion> resolve(TenantId tenant, UUID id, @Nullable String version);
}
