package dev.rampart.shared;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one decision about a stale {@code If-Match} (docs/notifications.md, "Conflicts"), made by a store while it holds
 * the resource's row lock: strict clients get {@code 412 PRECONDITION_FAILED}; everyone else overwrites (last writer
 * wins), the response gets a {@code Warning} and a {@code conflict} field, and a {@link VersionOverwritten} event lets
 * the author of the overwritten version be notified after commit. A change without {@code If-Match} overwrites silently:
 * it claimed no version, so nothing it read went stale.
 */
@Component
public class VersionConflicts {

	/** The request attribute holding the {@link VersionOverwritten} of this request's change. */
	public static final String OVERWRITE = VersionConflicts.class.getName() + ".overwrite";

	private final ApplicationEventPublisher events;
	private final Clock clock;

	VersionConflicts(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Decides about a change of {@code stored} made from {@code ifMatch}; call it with the row locked, before writing.
	 *
	 * @param by who makes the change
	 * @throws RampartException {@code PRECONDITION_FAILED} when the version is stale and the client is strict
	 */
	public void check(TenantId tenant, IfMatch ifMatch, Stored stored, String by) {
		if (!ifMatch.stale(stored.version())) {
			return;
		}
		if (ifMatch.strict()) {
			throw new RampartException(ErrorCode.PRECONDITION_FAILED, "The " + stored.resource() + " '" + stored.name()
					+ "' is at version " + stored.version() + ", not " + ifMatch.version() + " (If-Match with Prefer: "
					+ IfMatch.STRICT + ").");
		}
		VersionOverwritten overwrite = new VersionOverwritten(tenant, stored.resource(), stored.id(), stored.name(),
				stored.version(), stored.updatedBy(), stored.updatedAt(), ifMatch.version(), by, clock.instant());
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(OVERWRITE, overwrite, RequestAttributes.SCOPE_REQUEST);
		}
		events.publishEvent(overwrite);
	}

	/**
	 * The stored version a change would replace.
	 *
	 * @param resource the kind, as {@link VersionOverwritten#resource()}
	 * @param updatedBy who wrote this version
	 * @param updatedAt when
	 */
	public record Stored(String resource, String id, String name, long version, String updatedBy, Instant updatedAt) {
	}
}
