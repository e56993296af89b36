package dev.rampart.events.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.rampart.events.Notification;
import dev.rampart.events.Notifications;
import dev.rampart.identity.MemberPermissions;
import dev.rampart.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live subscription: a cursor (the last id read) that only its own drain moves. A {@link #wake} marks it dirty and
 * starts a drain on the executor unless one runs; the drain reads after the cursor until nothing is left, so wakes that
 * arrive while it reads are never lost and a notification is never delivered twice.
 */
final class Follower implements Notifications.Subscription {

	private static final Logger log = LoggerFactory.getLogger(Follower.class);
	private static final int BATCH = 100;

	private final TenantId tenant;
	private final UUID user;
	private final Consumer<Notification> sink;
	private final NotificationRows rows;
	private final MemberPermissions members;
	private final Executor executor;
	private final Clock clock;
	private final Duration recheck;
	private final Runnable onClose;
	private final AtomicBoolean dirty = new AtomicBoolean();
	private final AtomicBoolean draining = new AtomicBoolean();
	private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
	private volatile boolean closed;
	private long cursor;

	private record Decision(boolean allowed, Instant at) {
	}

	Follower(TenantId tenant, UUID user, long afterId, Consumer<Notification> sink, NotificationRows rows,
			MemberPermissions members, Executor executor, Clock clock, Duration recheck, Runnable onClose) {
		this.tenant = tenant;
		this.user = user;
		this.cursor = afterId;
		this.sink = sink;
		this.rows = rows;
		this.members = members;
		this.executor = executor;
		this.clock = clock;
		this.recheck = recheck;
		this.onClose = onClose;
	}

	TenantId tenant() {
		return tenant;
	}

	/** Something may be new: read after the cursor soon, on the executor. */
	void wake() {
		dirty.set(true);
		if (!closed && draining.compareAndSet(false, true)) {
			executor.execute(this::drain);
		}
	}

	private void drain() {
		try {
			while (!closed && dirty.getAndSet(false)) {
				List<NotificationRows.Row> batch;
				do {
					batch = rows.after(tenant, user, cursor, BATCH);
					for (NotificationRows.Row row : batch) {
						if (closed) {
							return;
						}
						deliverIfVisible(row);
						cursor = row.notification().id();
					}
				}
				while (batch.size() == BATCH);
			}
		}
		catch (RuntimeException ex) {
			log.debug("Notification follower of {} in {} stops: {}", user, tenant, ex.toString());
			close();
		}
		finally {
			draining.set(false);
		}
		if (dirty.get() && !closed) {
			wake();
		}
	}

	/** Hands {@code row} to the sink when the follower's user may see it. */
	void deliverIfVisible(NotificationRows.Row row) {
		if (visible(row)) {
			sink.accept(row.notification());
		}
	}

	private boolean visible(NotificationRows.Row row) {
		if (row.notification().recipient() != null) {
			return user.equals(row.notification().recipient());
		}
		String permission = row.permission();
		if (permission == null) {
			return true;
		}
		Instant now = clock.instant();
		Decision decision = decisions.get(permission);
		if (decision == null || !decision.at().plus(recheck).isAfter(now)) {
			decision = new Decision(members.holds(tenant, user, permission), now);
			decisions.put(permission, decision);
		}
		return decision.allowed();
	}

	@Override
	public void close() {
		if (!closed) {
			closed = true;
			onClose.run();
		}
	}
}
