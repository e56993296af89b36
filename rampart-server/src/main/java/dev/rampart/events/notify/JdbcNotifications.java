package dev.rampart.events.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.rampart.events.Notice;
import dev.rampart.events.Notification;
import dev.rampart.events.Notifications;
import dev.rampart.identity.MemberPermissions;
import dev.rampart.shared.TenantId;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link Notifications} on PostgreSQL: rows in {@code notifications}, followers woken on this node at once after a
 * publish and on every node by {@link NotificationChannel}; each follower re-reads the table after its cursor on a
 * virtual thread of its own.
 */
@Component
class JdbcNotifications implements Notifications, DisposableBean {

	private final NotificationRows rows;
	private final MemberPermissions members;
	private final Clock clock;
	private final NotificationsProperties properties;
	private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
			Thread.ofVirtual().name("notification-follower-", 0).factory());
	private final ConcurrentMap<TenantId, Set<Follower>> followers = new ConcurrentHashMap<>();

	JdbcNotifications(NotificationRows rows, MemberPermissions members, Clock clock, NotificationsProperties properties) {
		this.rows = rows;
		this.members = members;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public Notification publish(TenantId tenant, Notice notice) {
		Notification stored = rows.insert(tenant, notice, clock.instant());
		wake(tenant);
		return stored;
	}

	@Override
	public void publishToEveryTenant(Notice notice) {
		rows.insertForEveryTenant(notice, clock.instant());
		wakeAll();
	}

	@Override
	public Page after(TenantId tenant, UUID user, long afterId, int limit) {
		List<Notification> items = new ArrayList<>();
		long cursor = afterId;
		// a page holds up to limit notifications the user may see; rows they may not see are skipped, not returned
		Follower reader = new Follower(tenant, user, afterId, items::add, rows, members, Runnable::run, clock,
				properties.permissionRecheck(), () -> { });
		List<NotificationRows.Row> batch = rows.after(tenant, user, afterId, limit);
		for (NotificationRows.Row row : batch) {
			reader.deliverIfVisible(row);
			cursor = row.notification().id();
		}
		return new Page(items, batch.size() == limit ? cursor : null);
	}

	@Override
	public Subscription follow(TenantId tenant, UUID user, long afterId, Consumer<Notification> sink) {
		Set<Follower> ofTenant = followers.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet());
		Follower[] self = new Follower[1];
		self[0] = new Follower(tenant, user, afterId, sink, rows, members, executor, clock, properties.permissionRecheck(),
				() -> ofTenant.remove(self[0]));
		// registered before the first read: whatever commits from now on wakes it, whatever committed before is read
		ofTenant.add(self[0]);
		self[0].wake();
		return self[0];
	}

	/** Wakes this node's followers of {@code tenant}. */
	void wake(TenantId tenant) {
		Set<Follower> ofTenant = followers.get(tenant);
		if (ofTenant != null) {
			ofTenant.forEach(Follower::wake);
		}
	}

	/** Wakes every follower of this node: after a notice for every tenant, or when notifications may have been missed. */
	void wakeAll() {
		followers.values().forEach(set -> set.forEach(Follower::wake));
	}

	/** How many followers this node has now. */
	int followerCount() {
		return followers.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void destroy() {
		followers.values().forEach(set -> List.copyOf(set).forEach(Follower::close));
		executor.shutdownNow();
	}
}
