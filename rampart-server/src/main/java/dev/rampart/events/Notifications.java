package dev.rampart.events;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's notifications (docs/notifications.md): stored for the retention period, readable as pages and followable
 * live on any node. Delivery is by re-reading the tenant's notifications after the last id a subscriber received,
 * whenever any node says the tenant has new ones (node-local at once, other nodes by PostgreSQL {@code NOTIFY}), so a
 * subscriber misses none and gets none twice. What a user sees: the notices for them, and the tenant-wide ones whose
 * permission they hold now.
 */
public interface Notifications {

	/** Who a caller that is not a user (an API key) is: nobody a notice is addressed to. */
	UUID NOBODY = new UUID(0L, 0L);

	/** The user whose notices {@code principal} reads: a user's id, {@link #NOBODY} for an API key. */
	static UUID recipient(RampartPrincipal principal) {
		if (!principal.isUser()) {
			return NOBODY;
		}
		try {
			return UUID.fromString(principal.subject());
		}
		catch (IllegalArgumentException ex) {
			return NOBODY;
		}
	}

	/**
	 * Stores the notice as the tenant's next notification and wakes its followers on every node. A notice with a
	 * {@linkplain Notice#once dedupe key} the tenant already has is not stored again, whichever node stored it: the
	 * answer is then the notification stored before.
	 */
	Notification publish(TenantId tenant, Notice notice);

	/**
	 * Stores the notice for every tenant, for what concerns them all (a built-in provider's breaker, a node that admits
	 * fewer runs); with a dedupe key, once per tenant.
	 */
	void publishToEveryTenant(Notice notice);

	/**
	 * The notifications {@code user} may see after {@code afterId}, oldest first, at most {@code limit}.
	 *
	 * @return the page and the id to continue after (the last one read, also when the user may not see it)
	 */
	Page after(TenantId tenant, UUID user, long afterId, int limit);

	/**
	 * Replays what {@code user} may see after {@code afterId}, then delivers new notifications as they come, in id order,
	 * on a thread of its own (never the publisher's); until the subscription is closed or {@code sink} throws.
	 */
	Subscription follow(TenantId tenant, UUID user, long afterId, Consumer<Notification> sink);

	/** A page of notifications; {@code next} goes in {@code after} for the following one, null on the last. */
	record Page(List<Notification> items, @Nullable Long next) {
	}

	/** A live subscription; closing it twice is harmless. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();
	}
}
